import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Instance, MetricHistory, type Agent, type Job } from '@ark-asa/contracts';
import type { UiPage } from './browser.ts';
import { freePort } from '../helpers/processes.ts';
import { UiEnv } from './ui-env.ts';

/**
 * History charts in a real Chromium: the host's on the dashboard and a running server's on its
 * overview, drawn (a canvas per chart), with a range picker that asks the API for that range, in
 * both themes (screenshots kept).
 */
let env: UiEnv;
let ui: UiPage;
let server: Instance;
let agent: Agent;
const LONG = { timeout: 60_000 };

async function waitJob(job: Job): Promise<void> {
  for (;;) {
    const now = (await env.h.api<Job>('GET', `/api/v1/jobs/${job.id}`)).body;
    if (now.status === 'COMPLETED') return;
    if (now.status === 'FAILED' || now.status === 'CANCELLED') throw new Error(`${job.type} ${now.status}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Polls the API until the subject has at least `count` points (heartbeats come every second). */
async function waitForPoints(query: string, count: number): Promise<void> {
  for (let i = 0; i < 120; i += 1) {
    const res = await env.h.api('GET', `/api/v1/metrics/history?${query}&range=1h`);
    if (MetricHistory.parse(res.body).points.length >= count) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no history for ${query}`);
}

beforeAll(async () => {
  env = await UiEnv.start();
  await env.h.api('PATCH', '/api/v1/settings', { heartbeatIntervalSec: 1 });
  await waitJob((await env.h.api<{ job: Job }>('POST', '/api/v1/builds/install', {})).body.job);
  const created = await env.h.api('POST', '/api/v1/instances', {
    name: 'Charted',
    settings: { gamePort: await freePort(), rconPort: await freePort() },
  });
  server = Instance.parse(created.body);
  await env.sim.server(server.installPath!, {
    startupSeconds: 0.5,
    players: [{ name: 'Rex', id: '0002214a4a6742d9a347bd449b2dc143', joinAfterSec: 0.1 }],
  });
  await waitJob((await env.h.api<{ job: Job }>('POST', `/api/v1/instances/${server.id}/start`, {})).body.job);
  agent = (await env.h.api<{ items: Agent[] }>('GET', '/api/v1/agents')).body.items[0]!;
  await waitForPoints(`subject=host&id=${agent.id}`, 3);
  await waitForPoints(`subject=instance&id=${server.id}`, 3);
  ui = await env.open('/');
}, 120_000);
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await ui.failed(ctx.task.name);
});
afterAll(async () => {
  await ui?.close();
  await env?.close();
});

describe('history charts', { timeout: 120_000 }, () => {
  it('draws the host history on the dashboard and asks for the range picked', async () => {
    const { page } = ui;
    const panel = page.getByTestId('history-panel').and(page.locator('[data-subject="host"]'));
    await panel.locator('canvas').first().waitFor(LONG);
    expect(await panel.locator('canvas').count()).toBe(2); // CPU and memory
    await ui.shot('history-host-24h'); // the default range: a lone 5-minute point so far
    const asked = page.waitForRequest(
      (r) => r.url().includes('/api/v1/metrics/history') && r.url().includes('range=1h'),
    );
    await panel.getByText('1 h', { exact: true }).click();
    expect(new URL((await asked).url()).searchParams.get('subject')).toBe('host');
    await panel.locator('canvas').first().waitFor();
    await expect.poll(() => panel.getByTestId('history-readout').first().textContent()).toMatch(/%/);
    expect(ui.errors).toEqual([]);
  });

  it("draws a running server's CPU, memory and players on its overview", async () => {
    const { page } = ui;
    await page.goto(`${env.h.url}/instances/${server.id}`);
    const panel = page.getByTestId('history-panel').and(page.locator('[data-subject="instance"]'));
    await panel.locator('canvas').nth(2).waitFor(LONG);
    expect(await panel.getByTestId('history-chart').count()).toBe(3);
    const asked = page.waitForRequest((r) => r.url().includes('range=7d'));
    await panel.getByText('7 d', { exact: true }).click();
    expect(new URL((await asked).url()).searchParams.get('id')).toBe(server.id);
    await panel.getByText('1 h', { exact: true }).click();
    await expect.poll(() => panel.getByTestId('history-readout').nth(2).textContent(), LONG).toMatch(/^1 /);
    expect(ui.errors).toEqual([]);
  });

  it('shows the charts in the dark and the light theme (screenshots kept)', async () => {
    const { page } = ui;
    for (const theme of ['dark', 'light']) {
      await page.goto(`${env.h.url}/`);
      await expect.poll(() => page.getByTestId('history-panel').locator('canvas').count(), LONG).toBe(2);
      await ui.shot(`screen-${theme}-dashboard-history`);
      await page.goto(`${env.h.url}/instances/${server.id}`);
      await expect.poll(() => page.getByTestId('history-panel').locator('canvas').count(), LONG).toBe(3);
      await ui.shot(`screen-${theme}-instance-history`);
      if (theme === 'dark') await page.getByRole('button', { name: /Switch to the light theme/ }).click();
    }
    expect(ui.errors).toEqual([]);
  });
});

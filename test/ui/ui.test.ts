import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Instance } from '@ark-asa/contracts';
import type { UiPage } from './browser.ts';
import { freePort } from '../helpers/processes.ts';
import { UiEnv } from './ui-env.ts';
import { tourScreens } from './screen-tour.ts';

/**
 * Issue 4 in a real Chromium against a control plane in demo mode: the first-run path, live
 * updates without reloading, validation messages at the fields, recovery after a restart of the
 * control plane, no console errors, and a screenshot of every screen (test-results/screenshots).
 */
let env: UiEnv;
let ui: UiPage;
const PLAYER = { name: 'Helena Walker', id: '0002214a4a6742d9a347bd449b2dc143' };
const LONG = { timeout: 60_000 };
const ports = { game: 0, rcon: 0 };

const instances = async () => (await env.h.api<{ items: Instance[] }>('GET', '/api/v1/instances')).body.items;

beforeAll(async () => {
  ports.game = await freePort();
  ports.rcon = await freePort();
  env = await UiEnv.start();
  ui = await env.open('/');
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await ui.failed(ctx.task.name);
});
afterAll(async () => {
  await ui?.close();
  await env?.close();
});

describe('the manager in a browser', { timeout: 180_000 }, () => {
  it('takes a new user from nothing to a running server: install → create → start → live log → RCON → stop', async () => {
    const { page } = ui;
    await page.getByTestId('first-run').waitFor();
    await ui.shot('01-first-run');
    await page.getByRole('button', { name: 'Install the server now' }).click();
    await page.getByRole('link', { name: 'Create your first server' }).waitFor(LONG);
    await page.getByRole('link', { name: 'Create your first server' }).click();
    await page.getByRole('textbox', { name: /^Name/ }).fill('The Island');
    await page.getByLabel('Session name').fill('Browser Island');
    // Free ports, not the defaults: other servers may run on this machine.
    await page.getByLabel('Game port').fill(String(ports.game));
    await page.getByLabel('RCON port').fill(String(ports.rcon));
    await ui.shot('02-new-server');
    await page.getByRole('button', { name: 'Create server' }).click();
    await page.waitForURL(/\/instances\/[0-9a-f-]{36}/);
    const [island] = await instances();
    await env.sim.server(island!.installPath!, { startupSeconds: 1, players: [{ ...PLAYER, joinAfterSec: 0.2 }] });

    await page.getByRole('button', { name: 'Start The Island' }).first().click();
    await page.locator('[data-status="RUNNING"]').first().waitFor(LONG); // arrives live over /ws, no reload
    await page.getByRole('tab', { name: 'Console' }).click();
    await page.getByTestId('log-line').filter({ hasText: 'advertising for join' }).first().waitFor(LONG);
    await page.getByTestId('log-line').filter({ hasText: 'joined this ARK' }).first().waitFor(LONG);
    await page.getByTestId('rcon-input').fill('ListPlayers');
    await page.getByTestId('rcon-input').press('Enter');
    await page.getByTestId('rcon-transcript').getByText(`${PLAYER.name}, ${PLAYER.id}`).waitFor(LONG);
    await ui.shot('03-console-running');

    await page.getByRole('button', { name: 'Stop The Island' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Stop server' }).click();
    await page.locator('[data-status="STOPPED"]').first().waitFor(LONG);
    expect(ui.errors).toEqual([]);
  });

  it('shows the API’s validation messages at the fields of the form', async () => {
    const { page } = ui;
    await page.goto(`${env.h.url}/instances/new`);
    await page.getByRole('textbox', { name: /^Name/ }).fill('Clash');
    await page.getByLabel('Game port').fill(String(ports.game)); // the port of The Island
    await page.getByRole('button', { name: 'Create server' }).click();
    const field = page.getByLabel('Game port');
    await page.getByText(`Port ${ports.game} is already used by the server "The Island"`).waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Session name').fill('bad?name');
    await page.getByRole('button', { name: 'Create server' }).click();
    await page.getByText('Must not contain ?, " or control characters').waitFor();
    await ui.shot('04-validation');
    expect((await instances()).map((i) => i.name)).toEqual(['The Island']);
  });

  it('recovers by itself after the control plane restarts, and shows what changed meanwhile', async () => {
    const { page } = ui;
    await page.goto(`${env.h.url}/`);
    await page.getByTestId('connection').filter({ hasText: 'Connected' }).waitFor();
    await env.stopPlane();
    await page
      .getByTestId('connection')
      .filter({ hasText: /Reconnecting/ })
      .waitFor(LONG);
    await ui.shot('05-reconnecting');
    await env.startPlane();
    await page.getByTestId('connection').filter({ hasText: 'Connected' }).waitFor(LONG);
    await env.h.api('POST', '/api/v1/instances', {
      name: 'After Restart',
      settings: { gamePort: 7790, rconPort: 27090 },
    });
    await page.getByRole('link', { name: 'After Restart' }).first().waitFor(LONG); // live again, no reload
    expect(ui.errors).toEqual([]);
  });

  it('renders every screen without console errors, in the dark and the light theme (screenshots kept)', async () => {
    const { page } = ui;
    const [island] = await instances();
    await env.sim.server(island!.installPath!, { startupSeconds: 0.5, players: [{ ...PLAYER, joinAfterSec: 0.1 }] });
    await env.h.api('POST', `/api/v1/instances/${island!.id}/start`);
    // A cluster with the running server in it, so the Clusters page shows a member and its status.
    const cluster = await env.h.api<{ id: string }>('POST', '/api/v1/clusters', { name: 'The Ark Isles' });
    expect(cluster.status, JSON.stringify(cluster.body)).toBe(201);
    await env.h.api('PATCH', `/api/v1/instances/${island!.id}`, { clusterId: cluster.body.id });
    await page.goto(`${env.h.url}/`);
    await page.locator('[data-status="RUNNING"]').first().waitFor(LONG);
    for (const theme of ['dark', 'light']) {
      await page.goto(`${env.h.url}/`);
      await tourScreens(ui, theme, island!); // every page and server tab, by clicking (screen-tour.ts)
      if (theme === 'dark') await page.getByRole('button', { name: /Switch to the light theme/ }).click();
    }
    expect(ui.errors).toEqual([]);
  });

  it('backs up, restores in two clicks and schedules a daily restart from the server page', async () => {
    const { page } = ui;
    const [island] = await instances();
    await page.goto(`${env.h.url}/instances/${island!.id}/backups`);
    await page.getByTestId('backup-now').click();
    await page.getByTestId('backup-done').waitFor(LONG);
    await page.getByTestId('backup-row').first().waitFor(LONG);
    await env.h.api('POST', `/api/v1/instances/${island!.id}/stop`, {});
    await page.locator('[data-status="STOPPED"]').first().waitFor(LONG);
    await page
      .getByRole('button', { name: /^Restore the backup of/ })
      .first()
      .click();
    await page.getByTestId('restore-confirm').click();
    await page.getByTestId('restore-outcome').and(page.locator('[data-status="COMPLETED"]')).waitFor(LONG);
    await ui.shot('06-restored');
    expect(await page.getByTestId('backup-row').count()).toBeGreaterThanOrEqual(2); // + the safety backup

    await page.getByRole('tab', { name: 'Schedules' }).click();
    await page.getByRole('button', { name: 'New schedule' }).click();
    await page.getByRole('button', { name: /Daily restart at 05:00 with warnings at 15, 5, 1/ }).click();
    await page.getByTestId('schedule-save').click();
    await page.getByTestId('schedule-row').filter({ hasText: '0 5 * * *' }).waitFor(LONG);
    await ui.shot('07-schedule');
    const { items } = (
      await env.h.api<{ items: { action: string; cron: string; warningMinutes: number[] }[] }>(
        'GET',
        `/api/v1/instances/${island!.id}/schedules`,
      )
    ).body;
    expect(items).toEqual([
      expect.objectContaining({ action: 'RESTART', cron: '0 5 * * *', warningMinutes: [15, 5, 1] }),
    ]);
    expect(ui.errors).toEqual([]);
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Instance, Job } from '@ark-asa/contracts';
import type { Locator, Page } from 'playwright-core';
import type { UiPage } from './browser.ts';
import { freePort } from '../helpers/processes.ts';
import { UiEnv } from './ui-env.ts';

/**
 * The first hour of a new user (issue 12), done as a person does it in a real Chromium: the map
 * picked from the dropdown with the mouse and with the keyboard, a form that says why it did not
 * submit where the eye is, toasts that cover nothing just clicked, the first-run guide that leaves
 * once servers exist, the port in effect, and the dashboard as a table.
 */
let env: UiEnv;
let ui: UiPage;
const LONG = { timeout: 60_000 };

const instances = async () => (await env.h.api<{ items: Instance[] }>('GET', '/api/v1/instances')).body.items;

async function installBuild(): Promise<void> {
  const { body } = await env.h.api<{ job: Job }>('POST', '/api/v1/builds/install', {});
  for (;;) {
    const job = (await env.h.api<Job>('GET', `/api/v1/jobs/${body.job.id}`)).body;
    if (job.status === 'COMPLETED') return;
    if (job.status === 'FAILED' || job.status === 'CANCELLED') throw new Error(`install ${job.status}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Name and free ports (other servers may run on this machine), then the map field. */
async function newServer(page: Page, name: string): Promise<Locator> {
  await page.goto(`${env.h.url}/instances/new`);
  await page.getByRole('textbox', { name: /^Name/ }).fill(name);
  await page.getByLabel('Game port').fill(String(await freePort()));
  await page.getByLabel('RCON port').fill(String(await freePort()));
  return page.getByRole('combobox', { name: 'Map' });
}

function overlaps(
  a: { x: number; y: number; width: number; height: number },
  b: { x: number; y: number; width: number; height: number },
): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Waits for a toast, then checks it covers neither what was just clicked nor the page's content. */
async function expectToastClearOf(page: Page, clicked: Locator, text: RegExp): Promise<void> {
  const toast = page.locator('.mantine-Notification-root').filter({ hasText: text }).first();
  await toast.waitFor(LONG);
  await page.waitForTimeout(300); // the toast's entry transition
  const box = (await toast.boundingBox())!;
  const target = (await clicked.boundingBox())!;
  const nav = (await page.getByRole('navigation', { name: 'Main navigation' }).boundingBox())!;
  expect(overlaps(box, target)).toBe(false);
  expect(box.x + box.width).toBeLessThanOrEqual(nav.x + nav.width); // over the navigation only
}

beforeAll(async () => {
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

describe('the first hour of a new user', { timeout: 180_000 }, () => {
  it('picks the map from the dropdown with the mouse and creates the server with that map', async () => {
    const { page } = ui;
    await page.getByTestId('first-run').waitFor(); // nothing yet: the guide shows the way
    const map = await newServer(page, 'Ragnarok Server');
    await map.click();
    await page.getByRole('option', { name: /Ragnarok/ }).click();
    expect(await map.inputValue()).toBe('Ragnarok_WP');
    await ui.shot('10-map-picked-with-mouse');
    await page.getByRole('button', { name: 'Create server' }).click();
    await page.waitForURL(/\/instances\/[0-9a-f-]{36}/);
    expect((await instances()).map((i) => [i.name, i.settings.map])).toEqual([['Ragnarok Server', 'Ragnarok_WP']]);
  });

  it('picks the map with the keyboard: focus, type, arrow down, Enter', async () => {
    const { page } = ui;
    const map = await newServer(page, 'Desert Server');
    await map.focus();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('scor');
    await page.getByRole('option', { name: /Scorched Earth/ }).waitFor();
    await ui.shot('11-map-dropdown-keyboard');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    expect(await map.inputValue()).toBe('ScorchedEarth_WP');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Create server' }).click();
    await page.waitForURL(/\/instances\/[0-9a-f-]{36}/);
    expect((await instances()).find((i) => i.name === 'Desert Server')?.settings.map).toBe('ScorchedEarth_WP');
  });

  it('says why a form did not submit, beside the button, and puts the focus on the first wrong field', async () => {
    const { page } = ui;
    await newServer(page, 'Broken');
    await page.getByLabel('Session name').fill('bad?name');
    await page.getByLabel('Game port').fill('80');
    await page.getByRole('button', { name: 'Create server' }).click();
    const problems = page.getByTestId('form-problems');
    await problems.waitFor();
    expect(await problems.textContent()).toBe('2 fields need attention: Session name, Game port');
    const session = page.getByLabel('Session name');
    await expect
      .poll(() =>
        session.evaluate(
          (el) => el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement,
        ),
      )
      .toBe(true);
    const box = (await session.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0); // scrolled to: inside the 720 px high window
    expect(box.y + box.height).toBeLessThanOrEqual(720);
    await ui.shot('12-form-problems');
    expect((await instances()).map((i) => i.name)).not.toContain('Broken');
  });

  it('shows toasts where they cover nothing just clicked', async () => {
    const { page } = ui;
    await installBuild();
    const [first] = await instances();
    await page.goto(`${env.h.url}/instances/${first!.id}/settings`);
    const save = page.getByRole('button', { name: 'Save settings' });
    await page.getByLabel('Max players').fill('42');
    await save.click();
    await expectToastClearOf(page, save, /Saved/);
    await page.goto(`${env.h.url}/settings`);
    await page.getByTestId('setting-jobConcurrency').fill('3');
    const saveManager = page.getByTestId('save-settings');
    await saveManager.click();
    await expectToastClearOf(page, saveManager, /Settings saved/);
    await ui.shot('13-toast');
  });

  it('leaves the first-run guide behind once a build and servers exist, even with all stopped', async () => {
    const { page } = ui;
    await page.goto(`${env.h.url}/`);
    await page.getByTestId('instance-card').first().waitFor(LONG);
    expect((await instances()).every((i) => i.status !== 'RUNNING')).toBe(true);
    expect(await page.getByTestId('first-run').count()).toBe(0);
  });

  it('shows the port in effect and the saved one in Settings', async () => {
    const { page } = ui;
    await page.goto(`${env.h.url}/settings`);
    const saved = (await env.h.api<{ port: number }>('GET', '/api/v1/settings')).body.port;
    const expected =
      saved === env.port
        ? `In effect: ${env.port}.`
        : `In effect: ${env.port} (this session). Saved: ${saved} (applies at the next start).`;
    await page.getByText(expected).waitFor();
  });

  it('shows the servers as a table when asked, and remembers it', async () => {
    const { page } = ui;
    await page.goto(`${env.h.url}/`);
    await page.getByText('Table', { exact: true }).click();
    await page.getByTestId('instance-table').waitFor();
    await page.reload();
    await page.getByTestId('instance-table').getByText('Ragnarok Server').waitFor();
    expect(
      await page
        .getByTestId('instance-table')
        .getByText(/^– \/ \d+$/)
        .count(),
    ).toBe(2); // stopped: no count, as on the overview
    for (const theme of ['dark', 'light']) {
      await page.goto(`${env.h.url}/`);
      await page.getByTestId('instance-table').waitFor();
      await ui.shot(`screen-${theme}-dashboard-table`);
      await page.goto(`${env.h.url}/instances/new`);
      await page.getByLabel('Game port').fill('80');
      await page.getByRole('button', { name: 'Create server' }).click();
      await page.getByTestId('form-problems').waitFor();
      await ui.shot(`screen-${theme}-new-server-problems`);
      if (theme === 'dark') await page.getByRole('button', { name: /Switch to the light theme/ }).click();
    }
    await page.goto(`${env.h.url}/`);
    await page.getByText('Cards', { exact: true }).click();
    await page.getByTestId('instance-card').first().waitFor();
    expect(ui.errors).toEqual([]);
  });
});

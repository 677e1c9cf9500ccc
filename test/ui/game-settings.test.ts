import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Instance, Job } from '@ark-asa/contracts';
import { SHOTS, type UiPage } from './browser.ts';
import { freePort } from '../helpers/processes.ts';
import { UiEnv } from './ui-env.ts';

/**
 * The game settings editor (issue 12) as a person uses it in a real Chromium: find a setting by
 * searching, see why a value is refused next to the field, save, and find the change in the raw
 * file with the hand edits around it intact; then the raw editor warns about a key typed under
 * the wrong section.
 */
let env: UiEnv;
let ui: UiPage;
let server: Instance;
const LONG = { timeout: 60_000 };

/** Written by hand before the manager touches the file: a comment and a mod's key it does not know. */
const HAND_EDITED = [
  '[ServerSettings]',
  '; tuned by hand: keep this comment',
  'MyModSetting=whatever',
  'XPMultiplier=1.500000',
  '',
  '[SessionSettings]',
  'SessionName=Game Settings Server',
  '',
].join('\r\n');

/** The window as a person sees it: the save bar floats at its bottom (a full-page picture puts it mid-page). */
async function windowShot(name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await ui.page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

async function installBuild(): Promise<void> {
  const { body } = await env.h.api<{ job: Job }>('POST', '/api/v1/builds/install', {});
  for (;;) {
    const job = (await env.h.api<Job>('GET', `/api/v1/jobs/${body.job.id}`)).body;
    if (job.status === 'COMPLETED') return;
    if (job.status === 'FAILED' || job.status === 'CANCELLED') throw new Error(`install ${job.status}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  env = await UiEnv.start();
  await installBuild();
  const created = await env.h.api<Instance>('POST', '/api/v1/instances', {
    name: 'Game Settings Server',
    settings: { gamePort: await freePort(), rconPort: await freePort() },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  server = created.body;
  const put = await env.h.api('PUT', `/api/v1/instances/${server.id}/config/GameUserSettings.ini`, HAND_EDITED);
  expect(put.status, JSON.stringify(put.body)).toBe(200);
  ui = await env.open(`/instances/${server.id}`);
}, 120_000);
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await ui.failed(ctx.task.name);
});
afterAll(async () => {
  await ui?.close();
  await env?.close();
});

describe('the game settings editor', { timeout: 180_000 }, () => {
  it('finds the taming speed, refuses a negative value at the field, saves, and keeps the hand edits', async () => {
    const { page } = ui;
    await page.getByRole('tab', { name: 'Game settings' }).click();
    await page.getByLabel('Search settings').fill('taming');
    const taming = page.getByLabel('Taming speed', { exact: true });
    await taming.waitFor(LONG);
    expect(await page.getByLabel('XP multiplier', { exact: true }).count()).toBe(0); // filtered out

    await taming.fill('-1');
    const field = page.getByTestId('game-setting-TamingSpeedMultiplier');
    const error = field.getByText('Must be at least 0');
    await error.waitFor();
    const input = (await taming.boundingBox())!;
    const message = (await error.boundingBox())!;
    expect(message.y).toBeGreaterThanOrEqual(input.y + input.height - 1); // right under the input
    expect(message.y).toBeLessThan(input.y + input.height + 40);
    expect(await taming.getAttribute('aria-invalid')).toBe('true');
    await page.getByTestId('game-settings-save').click();
    expect(await page.getByTestId('form-problems').textContent()).toBe('1 field needs attention: Taming speed');
    await windowShot('20-game-settings-range-error');

    await taming.fill('2.5');
    expect(await page.getByTestId('game-settings-pending').textContent()).toBe('1 change not saved yet');
    await page.getByTestId('game-settings-save').click();
    await page.locator('.mantine-Notification-root').filter({ hasText: 'Saved 1 setting' }).waitFor(LONG);
    await page.getByText('No unsaved changes').waitFor();

    await page.getByRole('tab', { name: 'Config files' }).click();
    const editor = page.getByTestId('config-editor');
    await expect.poll(() => editor.inputValue(), LONG).toContain('TamingSpeedMultiplier=2.500000');
    const text = await editor.inputValue();
    expect(text).toContain('; tuned by hand: keep this comment\nMyModSetting=whatever\nXPMultiplier=1.500000');
    expect(text.indexOf('TamingSpeedMultiplier')).toBeLessThan(text.indexOf('[SessionSettings]')); // in [ServerSettings]
    expect(ui.errors).toEqual([]);
  });

  it('warns in the raw editor about a known key typed under the wrong section, with its line', async () => {
    const { page } = ui;
    const editor = page.getByTestId('config-editor');
    await editor.click();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.type('HarvestAmountMultiplier=2');
    const lines = (await editor.inputValue()).split('\n');
    const line = lines.findIndex((l) => l === 'HarvestAmountMultiplier=2') + 1;
    const warning = page.getByTestId('config-misplaced-item');
    await warning.waitFor();
    expect(await warning.textContent()).toBe(
      `Line ${line}: HarvestAmountMultiplier belongs in [ServerSettings] (it is under [SessionSettings])`,
    );
    await ui.shot('21-config-misplaced-key');
    await page.getByTestId('config-revert').click();
    await page.getByRole('button', { name: 'Revert', exact: true }).last().click();
    await page.getByTestId('config-misplaced').waitFor({ state: 'detached' });
    expect(ui.errors).toEqual([]);
  });

  it('shows the editor in the dark and the light theme (screenshots kept)', async () => {
    const { page } = ui;
    for (const theme of ['dark', 'light']) {
      await page.goto(`${env.h.url}/instances/${server.id}/game-settings`);
      // Folded by category at first: the names and counts, no inputs until a fold is opened.
      await page.getByRole('button', { name: /^Taming/ }).waitFor(LONG);
      expect(await page.getByLabel('Taming speed', { exact: true }).count()).toBe(0);
      await page.waitForTimeout(300);
      await windowShot(`screen-${theme}-instance-game-settings-folded`);
      await page.getByLabel('Changed from default only').check({ force: true });
      await page.getByTestId('game-setting-TamingSpeedMultiplier').waitFor();
      await ui.shot(`screen-${theme}-instance-game-settings-changed`);
      await page.getByLabel('Changed from default only').uncheck({ force: true });
      await page.getByLabel('Search settings').fill('taming');
      await page.getByLabel('Taming speed', { exact: true }).fill('4');
      await page.getByText('1 change not saved yet').waitFor();
      await windowShot(`screen-${theme}-instance-game-settings`);
      await page.getByRole('button', { name: 'Discard' }).click();
      if (theme === 'dark') await page.getByRole('button', { name: /Switch to the light theme/ }).click();
    }
    expect(ui.errors).toEqual([]);
  });
});

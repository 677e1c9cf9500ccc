import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Instance, Job } from '@ark-asa/contracts';
import { linkTree, startBat, writeIn } from '../helpers/asa-folder.ts';
import { Harness, tempDir } from '../helpers/harness.ts';
import { freePort, ROOT } from '../helpers/processes.ts';
import { SimEnv } from '../helpers/sim-env.ts';
import { launchBrowser, UiPage } from './browser.ts';

/**
 * Importing an existing server as a person does it (docs/import.md): types the folder, previews
 * what will come in, keeps the recommended copy, imports, follows the link to the new server.
 * ARK_UI_DIST may point at another build of the UI (default: renderer/dist, as the other UI tests).
 */
let h: Harness;
let browser: Browser;
let ui: UiPage;
const LONG = { timeout: 60_000 };
const work = tempDir('ark-ui-import-');

async function waitJob(id: string): Promise<void> {
  for (;;) {
    const job = (await h.api<Job>('GET', `/api/v1/jobs/${id}`)).body;
    if (job.status === 'COMPLETED') return;
    if (job.status === 'FAILED' || job.status === 'CANCELLED') throw new Error(`job ${job.status}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  const sim = await SimEnv.create({ durationMs: 300 });
  const staticDir = process.env.ARK_UI_DIST ?? path.join(ROOT, 'renderer', 'dist');
  h = await Harness.start({ dataDir: path.join(work, 'data'), port: await freePort(), staticDir });
  await h.api('PATCH', '/api/v1/settings', { steamcmdPath: sim.steamcmdPath });
  await waitJob((await h.api<{ job: Job }>('POST', '/api/v1/builds/install', {})).body.job.id);
  browser = await launchBrowser();
  ui = await UiPage.open(browser, `${h.url}/instances/new`);
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await ui.failed('import');
});
afterAll(async () => {
  await ui?.close();
  await browser?.close();
  await h?.stop();
});

describe('import an existing server in the browser', { timeout: 180_000 }, () => {
  it('types the folder, previews, imports a copy and opens the new server', async () => {
    const builds = await h.api<{ items: { installPath: string }[] }>('GET', '/api/v1/builds');
    const folder = path.join(work, 'My ASA');
    linkTree(builds.body.items[0]!.installPath, folder);
    writeIn(folder, 'ShooterGame/Saved/SavedArks/TheIsland_WP/TheIsland_WP.ark', 'world');
    const ports = { game: await freePort(), rcon: await freePort() };
    writeIn(folder, 'start.bat', startBat(fs.realpathSync(folder), { ...ports, session: 'Old Island' }));

    const { page } = ui;
    await page.getByRole('link', { name: 'Import an existing server' }).click();
    await page.getByRole('textbox', { name: /Server folder/ }).fill(folder);
    await page.getByRole('button', { name: 'Preview' }).click();
    const preview = page.getByTestId('import-preview');
    await preview.waitFor(LONG);
    expect(await preview.textContent()).toContain('TheIsland_WP.ark');
    expect(await preview.textContent()).toContain(String(ports.game));
    const name = page.getByRole('textbox', { name: /^Name/ });
    expect(await name.inputValue()).toBe('Old Island');
    expect(await page.getByRole('radio', { name: /Copy onto the installed build/ }).isChecked()).toBe(true);
    await ui.shot('import-10-preview');
    await name.fill('Imported Island');
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByRole('link', { name: 'Open Imported Island' }).click(LONG);
    await page.waitForURL(/\/instances\/[0-9a-f-]{36}/);
    const { items } = (await h.api<{ items: Instance[] }>('GET', '/api/v1/instances')).body;
    expect(items.map((i) => [i.name, i.settings.gamePort])).toEqual([['Imported Island', ports.game]]);
    expect(ui.errors).toEqual([]);
  });
});

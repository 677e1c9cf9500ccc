import path from 'node:path';
import type { InstallPrerequisitesResult, PrereqId } from '@ark-asa/contracts';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { InstallContext, PrereqHost } from '../../app/agents/prereqs/prereq-host.ts';
import { Harness, tempDir } from '../helpers/harness.ts';
import { freePort, ROOT } from '../helpers/processes.ts';
import { launchBrowser, UiPage } from './browser.ts';

/**
 * Settings → Host prerequisites as a Windows user sees it, against a stand-in Windows host (nothing
 * is downloaded or installed): the missing runtime is listed, "Install missing…" asks for consent
 * and explains UAC, the install job runs and the list is read again. ARK_UI_DIST may point at
 * another build of the UI (default: renderer/dist, as the other UI tests).
 */
class StandInWindowsHost implements PrereqHost {
  readonly platform = 'win32' as const;
  installed: PrereqId[][] = [];
  private vcOk = false;

  check() {
    return Promise.resolve([
      {
        id: 'vcredist' as const,
        name: 'Visual C++ 2015–2022 x64 runtime',
        ...(this.vcOk
          ? { state: 'ok' as const, detail: 'Installed, version v14.40.33810.00', fix: null }
          : { state: 'missing' as const, detail: 'The x64 runtime is not registered', fix: 'Install it' }),
      },
      { id: 'directx' as const, name: 'DirectX', state: 'ok' as const, detail: 'found xinput1_3.dll', fix: null },
      { id: 'certificates' as const, name: 'Certificates', state: 'ok' as const, detail: 'both found', fix: null },
    ]);
  }

  install(ids: readonly PrereqId[], ctx: InstallContext): Promise<InstallPrerequisitesResult> {
    this.installed.push([...ids]);
    ctx.progress(50, 'Installing…');
    this.vcOk = true;
    return Promise.resolve({
      items: ids.map((id) => ({ id, ok: true, message: `Visual C++ 2015–2022 x64 runtime: installed` })),
      restartNeeded: false,
    });
  }
}

let h: Harness;
let browser: Browser;
let ui: UiPage;
const host = new StandInWindowsHost();

beforeAll(async () => {
  const staticDir = process.env.ARK_UI_DIST ?? path.join(ROOT, 'renderer', 'dist');
  h = await Harness.start({ dataDir: tempDir('ark-ui-prereqs-'), port: await freePort(), staticDir, prereqs: host });
  browser = await launchBrowser();
  ui = await UiPage.open(browser, `${h.url}/settings`);
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await ui.failed('prereqs');
});
afterAll(async () => {
  await ui?.close();
  await browser?.close();
  await h?.stop();
});

describe('host prerequisites in the browser', { timeout: 120_000 }, () => {
  it('lists the missing runtime, asks for consent with UAC explained, installs and checks again', async () => {
    const { page } = ui;
    const card = page.getByTestId('host-prerequisites');
    await expect.poll(() => card.getByTestId('prereq-vcredist').getAttribute('data-state')).toBe('missing');
    await card.getByTestId('prereqs-install').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('User Account Control').waitFor();
    expect(host.installed).toEqual([]);
    await dialog.getByTestId('prereqs-consent').click();
    await expect.poll(() => host.installed, { timeout: 30_000 }).toEqual([['vcredist']]);
    await expect
      .poll(() => card.getByTestId('prereq-vcredist').getAttribute('data-state'), { timeout: 30_000 })
      .toBe('ok');
  });
});

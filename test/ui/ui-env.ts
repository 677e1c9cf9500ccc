import path from 'node:path';
import type { Browser } from 'playwright-core';
import { fastClock } from '../../app/domain/clock.ts';
import { Harness, tempDir } from '../helpers/harness.ts';
import { freePort, ROOT } from '../helpers/processes.ts';
import { SimEnv } from '../helpers/sim-env.ts';
import { launchBrowser, UiPage } from './browser.ts';

/** The built UI the plane serves: ARK_UI_DIST may point at a private build (`vite build --outDir`). */
const UI_DIST = process.env.ARK_UI_DIST ?? path.join(ROOT, 'renderer', 'dist');

/**
 * A control plane in demo mode (wired to the simulators, serving the built UI) and a real
 * Chromium on it. `restart()` stops and starts the control plane on the same port and data.
 */
export class UiEnv {
  private constructor(
    public h: Harness,
    readonly sim: SimEnv,
    readonly browser: Browser,
    readonly dataDir: string,
    readonly port: number,
  ) {}

  static async start(): Promise<UiEnv> {
    const sim = await SimEnv.create({ durationMs: 1500 });
    const dataDir = tempDir('ark-ui-');
    const port = await freePort();
    const h = await UiEnv.plane(dataDir, port);
    await h.api('PATCH', '/api/v1/settings', { steamcmdPath: sim.steamcmdPath });
    return new UiEnv(h, sim, await launchBrowser(), dataDir, port);
  }

  private static plane(dataDir: string, port: number): Promise<Harness> {
    return Harness.start({ dataDir, port, clock: fastClock(600), staticDir: UI_DIST });
  }

  open(route = '/'): Promise<UiPage> {
    return UiPage.open(this.browser, `${this.h.url}${route}`);
  }

  async stopPlane(): Promise<void> {
    await this.h.stop();
  }

  async startPlane(): Promise<void> {
    this.h = await UiEnv.plane(this.dataDir, this.port);
  }

  async close(): Promise<void> {
    const { items } = (await this.h.api<{ items: { id: string; status: string }[] }>('GET', '/api/v1/instances')).body;
    for (const i of items) if (i.status !== 'STOPPED') await this.h.api('POST', `/api/v1/instances/${i.id}/stop`, {});
    await new Promise((r) => setTimeout(r, 1500));
    await this.h.stop();
    await this.browser.close();
  }
}

/**
 * Time to the first dashboard paint of two UI builds, served by two control planes of this run and
 * loaded in turns (A, B, B, A, …) in fresh browser contexts (cold cache), plus the JS each load fetched.
 */
import type { Browser } from 'playwright-core';
import type { Harness } from '../test/helpers/harness.ts';
import { loaded, sum, type UiBuild } from './ui-bench-bundle.ts';
import { PROBE_SCRIPT } from './ui-bench-probe.ts';
import { startPlane } from './ui-bench-setup.ts';

export interface PaintStats {
  label: string;
  /** Medians over the loads, ms from navigation start. */
  firstContentfulPaintMs: number;
  dashboardMs: number;
  jsRequests: number;
  jsBytes: number;
  jsGzipBytes: number;
}

interface Load {
  fcp: number;
  dashboard: number;
  scripts: string[];
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2 : NaN;
};

async function loadOnce(browser: Browser, url: string): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  try {
    await context.addInitScript(PROBE_SCRIPT);
    const page = await context.newPage();
    await page.goto(url);
    // Polled from outside: waitForFunction evaluates its predicate with eval, which the page's CSP forbids.
    for (let i = 0; !(await page.evaluate('window.__paint.dashboardFrame > 0')); i += 1) {
      if (i > 600) throw new Error('the dashboard did not paint within 30 s');
      await page.waitForTimeout(50);
    }
    return await page.evaluate<Load>(`({
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
      dashboard: window.__paint.dashboardFrame,
      scripts: performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.endsWith('.js')),
    })`);
  } finally {
    await context.close();
  }
}

export async function comparePaint(browser: Browser, builds: UiBuild[], rounds: number): Promise<PaintStats[]> {
  const planes: Harness[] = [];
  try {
    for (const b of builds) planes.push(await startPlane(b.dir));
    const loads: Load[][] = builds.map(() => []);
    // One discarded load each warms the browser and the planes; then alternate the order every round.
    for (const h of planes) await loadOnce(browser, `${h.url}/`);
    for (let r = 0; r < rounds; r += 1) {
      const order = r % 2 === 0 ? [...builds.keys()] : [...builds.keys()].reverse();
      for (const i of order) loads[i]!.push(await loadOnce(browser, `${planes[i]!.url}/`));
    }
    return builds.map((b, i) => {
      const mine = loads[i]!;
      const js = sum(loaded(b, mine[0]?.scripts ?? []));
      return {
        label: b.label,
        firstContentfulPaintMs: median(mine.map((l) => l.fcp)),
        dashboardMs: median(mine.map((l) => l.dashboard)),
        jsRequests: mine[0]?.scripts.length ?? 0,
        jsBytes: js.bytes,
        jsGzipBytes: js.gzipBytes,
      };
    });
  } finally {
    for (const h of planes) await h.stop();
  }
}

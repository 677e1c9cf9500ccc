/**
 * The console under a log flood: each window opens a fresh page, lets it settle, then records long
 * tasks and requestAnimationFrame gaps for a fixed time. The same stream is measured on a bare page
 * (parse only, no React) in the same run, as the baseline of every ratio.
 */
import type { Browser, Page } from 'playwright-core';
import { BARE_CLIENT, PROBE_SCRIPT, record, type WindowStats } from './ui-bench-probe.ts';
import { serveBuild } from './ui-bench-serve.ts';
import type { FloodingServer } from './ui-bench-setup.ts';

export interface ConsoleRow {
  stream: string;
  /** `bare`, or the label of the UI build whose console was measured. */
  page: string;
  stats: WindowStats;
}

/** A UI build to measure; `dir` null = the one the control plane serves. */
export interface UiUnderTest {
  label: string;
  dir: string | null;
}

const SETTLE_MS = 2000;

async function withPage<T>(browser: Browser, use: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  try {
    await context.addInitScript(PROBE_SCRIPT);
    return await use(await context.newPage());
  } finally {
    await context.close();
  }
}

async function measureConsole(
  browser: Browser,
  server: FloodingServer,
  ui: UiUnderTest,
  seconds: number,
): Promise<WindowStats> {
  const front = ui.dir ? await serveBuild(ui.dir, server.h.url) : null;
  try {
    return await withPage(browser, async (page) => {
      await page.goto(`${front?.url ?? server.h.url}/instances/${server.instance.id}/console`);
      await page.getByTestId('log-line').first().waitFor({ timeout: 30_000 });
      await page.waitForTimeout(SETTLE_MS);
      return record(page, seconds);
    });
  } finally {
    await front?.close();
  }
}

function measureBare(browser: Browser, server: FloodingServer, seconds: number): Promise<WindowStats> {
  return withPage(browser, async (page) => {
    // Any page of the manager's origin: the hub only accepts its own Origin.
    await page.goto(`${server.h.url}/api/v1/health`);
    await page.evaluate(BARE_CLIENT);
    await page.waitForTimeout(SETTLE_MS);
    return record(page, seconds);
  });
}

export interface Stream {
  label: string;
  on(): Promise<void> | void;
  off(): Promise<void> | void;
}

/** The streams measured: nothing, a server printing `rate` lines/s, and `rate` lines/s reaching the browser. */
export function streams(server: FloodingServer, rate: number): Stream[] {
  let stopInject: (() => void) | null = null;
  return [
    { label: 'quiet server', on: () => undefined, off: () => undefined },
    {
      label: `server printing ${rate} lines/s`,
      on: () => server.flood(rate),
      off: () => server.flood(0),
    },
    {
      label: `${rate} lines/s sent to the browser`,
      on: () => void (stopInject = server.inject(rate)),
      off: () => stopInject?.(),
    },
  ];
}

export interface StreamRun {
  browser: Browser;
  server: FloodingServer;
  /** The UI builds whose consoles are measured, in turns with the bare page. */
  uis: UiUnderTest[];
  seconds: number;
  note: (text: string) => void;
}

/** Per stream: the bare page, then each build's console, in an order that alternates from stream to stream. */
export async function measureStreams(run: StreamRun, list: Stream[]): Promise<ConsoleRow[]> {
  const rows: ConsoleRow[] = [];
  for (const [n, stream] of list.entries()) {
    await stream.on();
    // The flood setting is polled by the simulator (~200 ms) and the source limit works in 1 s windows.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const pages: (UiUnderTest | null)[] = [null, ...run.uis];
    for (const ui of n % 2 === 0 ? pages : pages.reverse()) {
      run.note(`${stream.label}: ${ui ? `console of ${ui.label}` : 'bare page'}, ${run.seconds} s`);
      const stats = ui
        ? await measureConsole(run.browser, run.server, ui, run.seconds)
        : await measureBare(run.browser, run.server, run.seconds);
      rows.push({ stream: stream.label, page: ui?.label ?? 'bare', stats });
    }
    await stream.off();
  }
  return rows;
}

import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ROOT } from '../helpers/processes.ts';

/** Screenshots of every screen are kept here after a test run (look at them). */
export const SHOTS = path.join(ROOT, 'test-results', 'screenshots');

const EXECUTABLES = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

/** Debian's Chromium (installed by `npm test`'s pretest), headless, without Google's background traffic. */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = EXECUTABLES.find((p): p is string => !!p && fs.existsSync(p));
  if (!executablePath)
    throw new Error('No Chromium: run `npm test` (its pretest installs Debian chromium) or set CHROMIUM_PATH');
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A page on a 1280×720 laptop screen that records every console error and uncaught exception. */
export class UiPage {
  readonly errors: string[] = [];
  /** Requests that failed or were answered 4xx/5xx: what a blank or stuck page is asked about first. */
  readonly requests: string[] = [];

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
  ) {
    page.on('console', (m) => {
      // A connection refused while the manager restarts is the test's doing, not the page's.
      if (
        m.type() === 'error' &&
        !/ERR_CONNECTION_REFUSED|WebSocket connection to .* failed|Failed to load resource/.test(m.text())
      )
        this.errors.push(m.text());
    });
    page.on('pageerror', (e) => this.errors.push(String(e)));
    page.on('requestfailed', (r) =>
      this.requests.push(`${r.method()} ${r.url()}: ${r.failure()?.errorText ?? 'failed'}`),
    );
    page.on('response', (r) => {
      if (r.status() >= 400) this.requests.push(`${r.request().method()} ${r.url()}: HTTP ${r.status()}`);
    });
  }

  static async open(browser: Browser, url: string): Promise<UiPage> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, reducedMotion: 'reduce' });
    const ui = new UiPage(context, await context.newPage());
    await ui.page.goto(url);
    return ui;
  }

  async shot(name: string): Promise<void> {
    fs.mkdirSync(SHOTS, { recursive: true });
    await this.page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  }

  /**
   * After a failed test: a screenshot, and on stderr what the page logged, which requests failed and
   * where it was, so a failure seen only on CI can be read from its log.
   */
  async failed(name: string): Promise<void> {
    await this.shot(`failed-${name.slice(0, 40).replace(/\W+/g, '-')}`);
    const lines = [`page: ${this.page.url()}`, ...this.errors.map((e) => `error: ${e}`), ...this.requests];
    console.error(`UI test "${name}" failed; ${lines.join('\n  ')}`);
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}

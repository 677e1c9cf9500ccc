/**
 * What `npm run bench:ui` runs inside Chromium. Plain JavaScript strings, not functions: tsx's
 * transpiled functions may reference helpers (`__name`) that do not exist in the page.
 */
import type { Page } from 'playwright-core';

/** One frame at 60 Hz; a requestAnimationFrame gap over two of them means at least one frame was dropped. */
export const FRAME_MS = 1000 / 60;

/**
 * Installed before any page script: counts /ws messages (the page's own WebSocket, wrapped),
 * records long tasks (PerformanceObserver 'longtask', tasks over 50 ms) and every
 * requestAnimationFrame gap while recording; and the time the dashboard's heading first appears.
 */
export const PROBE_SCRIPT = `(() => {
  const s = { on: false, t0: 0, longTasks: [], gaps: [], messages: 0, logMessages: 0, lastLog: '' };
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (m) => {
        if (!s.on) return;
        s.messages += 1;
        if (typeof m.data === 'string' && m.data.startsWith('{"event":"instance:log"')) {
          s.logMessages += 1;
          s.lastLog = m.data;
        }
      });
    }
  };
  new PerformanceObserver((list) => {
    if (s.on) for (const e of list.getEntries()) s.longTasks.push(e.duration);
  }).observe({ type: 'longtask' });
  let last = 0;
  const tick = (t) => {
    if (s.on && last) s.gaps.push(t - last);
    last = s.on ? t : 0;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  window.__bench = {
    start() {
      Object.assign(s, { on: true, t0: performance.now(), longTasks: [], gaps: [], messages: 0, logMessages: 0 });
    },
    stop() {
      s.on = false;
      const rows = document.querySelectorAll('[data-testid="log-line"]');
      return {
        ms: performance.now() - s.t0,
        longTasks: s.longTasks,
        gaps: s.gaps,
        messages: s.messages,
        logMessages: s.logMessages,
        lastReceived: s.lastLog,
        lastRendered: rows.length ? rows[rows.length - 1].textContent : null,
      };
    },
  };
  window.__paint = {};
  const seen = () => {
    const h = document.querySelector('h2');
    if (window.__paint.dashboard || !h || h.textContent !== 'Dashboard') return;
    window.__paint.dashboard = performance.now();
    requestAnimationFrame(() => (window.__paint.dashboardFrame = performance.now()));
  };
  new MutationObserver(seen).observe(document, { childList: true, subtree: true });
})();`;

/** A page that only parses the stream: the same socket and messages as the UI, no React, no DOM work. */
export const BARE_CLIENT = `(() => {
  const ws = new WebSocket(location.origin.replace(/^http/, 'ws') + '/ws');
  window.__bareLines = 0;
  ws.onmessage = (m) => {
    const e = JSON.parse(m.data);
    if (e.event === 'instance:log') window.__bareLines += 1;
  };
  return new Promise((resolve) => (ws.onopen = resolve));
})()`;

export interface RawWindow {
  ms: number;
  longTasks: number[];
  gaps: number[];
  messages: number;
  logMessages: number;
  lastReceived: string;
  lastRendered: string | null;
}

export interface WindowStats {
  seconds: number;
  logLinesPerSec: number;
  longTasks: number;
  longTaskMsPerSec: number;
  longestTaskMs: number;
  fps: number;
  /** rAF gaps longer than two frames. */
  jankyGaps: number;
  /** Frames missed in all (each gap of n frames misses n - 1). */
  droppedFrames: number;
  longestGapMs: number;
  /** How far the newest rendered line is behind the newest received one (console windows only). */
  renderLagLines: number | null;
}

/** The counter at the end of a flood or injected line ("… line 1234 …"). */
const lineNumber = (text: string | null): number | null => {
  const m = text ? /line (\d+)/.exec(text) : null;
  return m ? Number(m[1]) : null;
};

export function summarise(raw: RawWindow): WindowStats {
  const seconds = raw.ms / 1000;
  const received = lineNumber(raw.lastReceived);
  const rendered = lineNumber(raw.lastRendered);
  return {
    seconds,
    logLinesPerSec: raw.logMessages / seconds,
    longTasks: raw.longTasks.length,
    longTaskMsPerSec: raw.longTasks.reduce((a, b) => a + b, 0) / seconds,
    longestTaskMs: Math.max(0, ...raw.longTasks),
    fps: raw.gaps.length / seconds,
    jankyGaps: raw.gaps.filter((g) => g > 2 * FRAME_MS).length,
    droppedFrames: raw.gaps.reduce((n, g) => n + Math.max(0, Math.round(g / FRAME_MS) - 1), 0),
    longestGapMs: Math.max(0, ...raw.gaps),
    renderLagLines: received !== null && rendered !== null ? received - rendered : null,
  };
}

/** Records `seconds` of the page as it is. */
export async function record(page: Page, seconds: number): Promise<WindowStats> {
  await page.evaluate('window.__bench.start()');
  await page.waitForTimeout(seconds * 1000);
  return summarise(await page.evaluate<RawWindow>('window.__bench.stop()'));
}

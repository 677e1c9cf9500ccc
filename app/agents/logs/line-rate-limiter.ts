import type { LogSource } from '@ark-asa/contracts';

const WINDOW_MS = 1000;

/** Lines refused in one window, per source, for the "… N lines skipped" notice. */
export interface SkippedLines {
  source: LogSource;
  count: number;
}

interface Window {
  startedAt: number;
  used: number;
  skipped: Map<LogSource, number>;
}

/**
 * At most `limit` lines per key (instance) in each one-second window. The window is fixed, opened
 * by the first line after the previous one closed: a steady writer under the limit never loses a
 * line, a flood loses everything past the limit and is told how much.
 */
export class LineRateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(readonly limit: number) {}

  /** Whether a line may pass now; a refused line is counted. `force` passes and still uses budget. */
  take(key: string, source: LogSource, nowMs: number, force = false): boolean {
    let w = this.windows.get(key);
    if (!w) {
      w = { startedAt: nowMs, used: 0, skipped: new Map() };
      this.windows.set(key, w);
    }
    if (force || w.used < this.limit) {
      w.used += 1;
      return true;
    }
    w.skipped.set(source, (w.skipped.get(source) ?? 0) + 1);
    return false;
  }

  /**
   * `count` more refused lines of `source` for the key's window, read while it was full (taken in
   * bulk, without a take() each). Returns whether the window still refuses lines at `nowMs`: false
   * once it is over (the lines still count in it; the next take() or close() closes it) or when the
   * key has no window.
   */
  skip(key: string, source: LogSource, count: number, nowMs: number): boolean {
    const w = this.windows.get(key);
    if (!w) return false;
    if (count > 0) w.skipped.set(source, (w.skipped.get(source) ?? 0) + count);
    return !isOver(w, nowMs) && w.used >= this.limit;
  }

  /**
   * Closes the key's window when it is over (or at once with `force`) and returns what it skipped.
   * Call before take() so the notice precedes the first line of the next window.
   */
  close(key: string, nowMs: number, force = false): SkippedLines[] {
    const w = this.windows.get(key);
    if (!w) return [];
    const over = isOver(w, nowMs);
    if (!over && !force) return [];
    const skipped = [...w.skipped].map(([source, count]) => ({ source, count }));
    if (over) this.windows.delete(key);
    else w.skipped.clear();
    return skipped;
  }

  /** Keys with an open window that has skipped lines: they need a close() even if no line follows. */
  pendingKeys(): string[] {
    return [...this.windows].filter(([, w]) => w.skipped.size > 0).map(([key]) => key);
  }

  /** Keys with any open window. */
  keys(): string[] {
    return [...this.windows.keys()];
  }

  forget(key: string): void {
    this.windows.delete(key);
  }
}

function isOver(w: Window, nowMs: number): boolean {
  // A clock set back must not keep a full window open for as long as it went back.
  return nowMs - w.startedAt >= WINDOW_MS || nowMs < w.startedAt;
}

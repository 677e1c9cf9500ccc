// Progress lines and pacing of an update job.
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * ` Update state (0x61) downloading, progress: 0.60 (56039216 / 9371487164)`: ONE leading space, two
 * decimals, a comma instead of the dot on comma locales, spaces around the slash (docs/ark-facts.md#what-steamcmd-prints).
 */
export function progressLine(code: string, label: string, done: number, total: number, comma: boolean): string {
  const pct = total > 0 ? (done / total) * 100 : 0;
  const text = pct.toFixed(2);
  return ` Update state (${code}) ${label}, progress: ${comma ? text.replace('.', ',') : text} (${done} / ${total})`;
}

/** Spreads a job over a fixed duration without ever asserting on it: waits until a fraction is reached. */
export class Pacer {
  private readonly start = Date.now();

  constructor(private readonly durationMs: number) {}

  async at(fraction: number): Promise<void> {
    const wait = this.start + this.durationMs * fraction - Date.now();
    if (wait > 0) await sleep(wait);
  }
}

function stamp(d: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** `<home>/logs/content_log.txt`: where steamcmd explains a bare `state is 0x6` (docs/ark-facts.md#error-lines). */
export function contentLog(home: string, message: string): void {
  const dir = path.join(home, 'logs');
  mkdirSync(dir, { recursive: true });
  appendFileSync(path.join(dir, 'content_log.txt'), `[${stamp(new Date())}] ${message}\n`);
}

/** Keeps the process alive forever (mode `hang`); only a signal ends it. */
export function hangForever(): Promise<never> {
  setInterval(() => undefined, 1 << 30);
  return new Promise<never>(() => undefined);
}

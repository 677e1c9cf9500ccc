import type { Clock } from '../../app/domain/clock.ts';

interface Sleeper {
  at: number;
  seq: number;
  ms: number;
  resolve: () => void;
}

/** Lets promise chains and setImmediate callbacks run, so code woken by the clock can sleep again. */
async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

/**
 * A Clock whose time moves only when a test says so. `sleep` resolves once the clock is advanced
 * to (or past) its deadline, in deadline order, and rejects with the signal's reason when aborted
 * first. Code woken by one sleeper may go back to sleep before the next deadline; `advanceTo`
 * lets it do so and wakes it again if that deadline is still inside the jump.
 */
export class FakeClock implements Clock {
  private t: number;
  private seq = 0;
  private sleepers: Sleeper[] = [];

  constructor(start: Date | string) {
    this.t = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.t);
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason as Error);
      const sleeper: Sleeper = { at: this.t + Math.max(0, ms), seq: this.seq++, ms, resolve: () => undefined };
      const onAbort = () => {
        this.sleepers = this.sleepers.filter((s) => s !== sleeper);
        reject(signal?.reason as Error);
      };
      sleeper.resolve = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.sleepers.push(sleeper);
    });
  }

  /** Sleep lengths pending, earliest deadline first (for assertions and debugging). */
  pending(): { at: Date; ms: number }[] {
    return this.ordered().map((s) => ({ at: new Date(s.at), ms: s.ms }));
  }

  advance(ms: number): Promise<void> {
    return this.advanceTo(new Date(this.t + ms));
  }

  /** Moves time to `target`, waking every sleeper due on the way in order (and those they start). */
  async advanceTo(target: Date | string): Promise<void> {
    const end = new Date(target).getTime();
    for (;;) {
      await settle();
      const next = this.ordered()[0];
      if (!next || next.at > end) break;
      this.sleepers = this.sleepers.filter((s) => s !== next);
      this.t = Math.max(this.t, next.at);
      next.resolve();
    }
    this.t = Math.max(this.t, end);
    await settle();
  }

  /**
   * Moves time without waking anyone: what a suspended computer (or a stopped manager) sees when
   * it resumes. Sleepers wake at the next `advance`, late.
   */
  jump(ms: number): void {
    this.t += ms;
  }

  /** Sets the time outright (no one is sleeping: between two control planes). */
  set(date: Date | string): void {
    this.t = new Date(date).getTime();
  }

  private ordered(): Sleeper[] {
    return [...this.sleepers].sort((a, b) => a.at - b.at || a.seq - b.seq);
  }
}

import type { ScheduleResult } from '@ark-asa/contracts';
import { errorInfo } from '../../domain/app-error.ts';
import { isoNow, type Clock } from '../../domain/clock.ts';
import { nextRunAfter } from '../../domain/schedule-cron.ts';
import { dueState, MAX_NAP_MS, MISSED_GRACE_MS } from '../../domain/schedule-policy.ts';
import type { Logger } from '../../logger.ts';
import type { ScheduleRecord, SchedulesRepo } from '../../store/schedules-repo.ts';
import type { FireContext } from './schedule-firing.ts';
import { labelOf, localTime, type ScheduleReporter } from './schedule-report.ts';

export interface SchedulerDeps {
  repo: Pick<SchedulesRepo, 'get' | 'listEnabled' | 'setNextRun' | 'markFired'>;
  clock: Clock;
  logger: Logger;
  reporter: Pick<ScheduleReporter, 'result' | 'missed' | 'say'>;
  fire(s: ScheduleRecord, ctx: FireContext): Promise<ScheduleResult>;
  /** A run found later than this is reported as missed instead of fired (default 2 minutes). */
  graceMs?: number;
  /** Longest single wait (default 1 minute), so a suspended computer is noticed soon after it wakes. */
  maxNapMs?: number;
}

interface Loop {
  done: Promise<void>;
  /** Aborts the current nap, so the loop reads its schedule again. */
  wake: AbortController | null;
}

/**
 * Runs the schedules: one loop per enabled schedule that waits with the injected Clock until the
 * persisted nextRunAt, fires, and computes the next run. croner only computes times; the waiting is
 * ours, so a fake clock drives everything in tests. The next run is written before the action
 * runs, so a manager restart in the middle of a long update is not mistaken for a missed run; a
 * run found too late (the manager was closed, the computer slept) is reported, never fired late.
 */
export class Scheduler {
  private readonly loops = new Map<string, Loop>();
  private stopper = new AbortController();
  private running = false;
  private readonly graceMs: number;
  private readonly maxNapMs: number;

  constructor(private readonly deps: SchedulerDeps) {
    this.graceMs = deps.graceMs ?? MISSED_GRACE_MS;
    this.maxNapMs = deps.maxNapMs ?? MAX_NAP_MS;
  }

  /**
   * Reports the runs missed while the manager was not running and starts the loops. Returns the
   * system:error announcements of those missed runs, to publish once clients can hear them (like
   * JobRunner.recover's).
   */
  start(): (() => void)[] {
    if (this.running) return [];
    this.running = true;
    this.stopper = new AbortController();
    const announcements: (() => void)[] = [];
    for (const s of this.deps.repo.listEnabled()) {
      const now = this.deps.clock.now();
      const due = s.nextRunAt ? new Date(s.nextRunAt) : null;
      if (due && dueState(now.getTime(), due.getTime(), this.graceMs).kind === 'missed') {
        const next = this.nextRun(s, now);
        announcements.push(this.deps.reporter.missed(s, due, next));
        this.deps.repo.setNextRun(s.id, next?.toISOString() ?? null);
      }
      this.arm(s.id);
    }
    return announcements;
  }

  /** Stops waiting and stops following running actions (their jobs carry on under the runner). */
  async stop(): Promise<void> {
    this.running = false;
    this.stopper.abort(new Error('The scheduler stopped'));
    await Promise.all([...this.loops.values()].map((l) => l.done));
  }

  /** A schedule was created, changed or deleted: its loop reads it again (or starts, or ends). */
  refresh(scheduleId: string): void {
    if (!this.running) return;
    const loop = this.loops.get(scheduleId);
    if (loop) loop.wake?.abort();
    else this.arm(scheduleId);
  }

  private arm(id: string): void {
    const loop: Loop = { done: Promise.resolve(), wake: null };
    this.loops.set(id, loop);
    loop.done = this.loop(id, loop)
      .catch((err: unknown) => this.deps.logger.error({ err, scheduleId: id }, 'schedule loop failed'))
      .finally(() => {
        if (this.loops.get(id) === loop) this.loops.delete(id);
      });
  }

  private async loop(id: string, loop: Loop): Promise<void> {
    const signal = this.stopper.signal;
    while (!signal.aborted) {
      const s = this.deps.repo.get(id);
      if (!s?.enabled) return;
      const now = this.deps.clock.now();
      if (!s.nextRunAt) {
        const next = this.nextRun(s, now);
        if (!next) return;
        this.deps.repo.setNextRun(id, next.toISOString());
        continue;
      }
      const due = new Date(s.nextRunAt);
      const state = dueState(now.getTime(), due.getTime(), this.graceMs);
      if (state.kind === 'wait') await this.nap(loop, Math.min(state.ms, this.maxNapMs), signal);
      else if (state.kind === 'missed') this.deps.reporter.missed(s, due, this.advance(s, now))();
      else await this.fire(s, now, signal);
    }
  }

  private async fire(s: ScheduleRecord, now: Date, signal: AbortSignal): Promise<void> {
    this.deps.repo.markFired(s.id, isoNow(this.deps.clock), this.nextRun(s, now)?.toISOString() ?? null);
    const ctx: FireContext = { signal, progress: (result) => this.deps.reporter.result(s, result) };
    try {
      this.deps.reporter.result(s, await this.deps.fire(s, ctx));
    } catch (err) {
      if (signal.aborted) return; // the manager is stopping; the job (if any) tells its own end
      this.deps.reporter.result(s, { status: 'failed', reason: errorInfo(err).message });
    }
    this.skipOverlapped(s.id);
  }

  /**
   * A run that lasted past the next due time (a long countdown, a slow download) does not leave
   * that time to be reported as missed: it was skipped so as not to overlap, and says so.
   */
  private skipOverlapped(id: string): void {
    const s = this.deps.repo.get(id);
    const now = this.deps.clock.now();
    if (!s?.enabled || !s.nextRunAt || dueState(now.getTime(), Date.parse(s.nextRunAt), this.graceMs).kind !== 'missed')
      return;
    const next = this.advance(s, now);
    const nextText = next ? `; next run: ${localTime(next, s.timezone)}` : '';
    this.deps.reporter.say(
      s.instanceId,
      'INFO',
      `${labelOf(s)}: skipped the run due at ${localTime(new Date(s.nextRunAt), s.timezone)}, the previous one was still going${nextText}`,
    );
  }

  private advance(s: ScheduleRecord, now: Date): Date | null {
    const next = this.nextRun(s, now);
    this.deps.repo.setNextRun(s.id, next?.toISOString() ?? null);
    return next;
  }

  private nextRun(s: ScheduleRecord, after: Date): Date | null {
    return nextRunAfter(s.cron, s.timezone, after);
  }

  private async nap(loop: Loop, ms: number, signal: AbortSignal): Promise<void> {
    const wake = new AbortController();
    loop.wake = wake;
    try {
      await this.deps.clock.sleep(ms, AbortSignal.any([signal, wake.signal]));
    } catch {
      // Woken early: stopped, or the schedule changed; the loop decides which.
    } finally {
      loop.wake = null;
    }
  }
}

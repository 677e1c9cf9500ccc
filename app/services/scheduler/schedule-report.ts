import type { LogLevel } from '@ark-asa/contracts';
import { ScheduleErrorCode, type ScheduleResult } from '@ark-asa/contracts';
import { isoNow, type Clock } from '../../domain/clock.ts';
import { describeCron } from '../../domain/schedule-cron.ts';
import { scheduleLabel } from '../../domain/schedule-policy.ts';
import type { EventBus } from '../../events/event-bus.ts';
import type { ScheduleRecord, SchedulesRepo } from '../../store/schedules-repo.ts';

export interface ScheduleReporterDeps {
  repo: Pick<SchedulesRepo, 'setResult'>;
  bus: Pick<EventBus, 'publish'>;
  logs: { append(instanceId: string, line: { level: LogLevel; source: 'manager'; message: string }): void };
  clock: Clock;
}

const LEVEL: Record<ScheduleResult['status'], LogLevel> = {
  started: 'INFO',
  skipped: 'INFO',
  missed: 'WARN',
  failed: 'WARN',
};

/** "2030-06-01 05:00 (Europe/Berlin)": a run time as the user wrote the schedule. */
export function localTime(at: Date, timeZone: string): string {
  const text = new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'short' }).format(at);
  return `${text} (${timeZone})`;
}

export const labelOf = (s: ScheduleRecord): string => scheduleLabel(s.action, describeCron(s.cron));

/**
 * Where the scheduler's outcomes go: the schedule's lastResult, a manager line in the instance's
 * log, and — for what a user must hear about even with the UI closed — a system:error event.
 */
export class ScheduleReporter {
  constructor(private readonly deps: ScheduleReporterDeps) {}

  result(s: ScheduleRecord, result: ScheduleResult): void {
    this.deps.repo.setResult(s.id, result);
    this.say(s.instanceId, LEVEL[result.status], `${labelOf(s)}: ${result.status} — ${result.reason}`);
  }

  /**
   * A run whose time passed while the manager was not running or the computer slept: recorded and
   * logged now, never fired late. Returns the system:error announcement, for the caller to publish
   * now or once clients are listening (at start-up).
   */
  missed(s: ScheduleRecord, due: Date, next: Date | null): () => void {
    const when = (d: Date) => localTime(d, s.timezone);
    const reason = `Missed the run due at ${when(due)}: the manager was not running or the computer was asleep; it is not run late. ${
      next ? `Next run: ${when(next)}.` : 'It has no next run.'
    }`;
    this.result(s, { status: 'missed', reason });
    const timestamp = isoNow(this.deps.clock);
    return () => this.error(ScheduleErrorCode.MISSED, `${labelOf(s)}: ${reason}`, s.instanceId, timestamp);
  }

  error(code: string, message: string, subjectId: string, timestamp = isoNow(this.deps.clock)): void {
    this.deps.bus.publish('system:error', { code, message, subjectId, timestamp });
  }

  say(instanceId: string, level: LogLevel, message: string): void {
    this.deps.logs.append(instanceId, { level, source: 'manager', message });
  }
}

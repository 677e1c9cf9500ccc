import { Cron } from 'croner';
import cronstrue from 'cronstrue';

/**
 * Cron arithmetic for schedules. croner is used only to compute run times from a given instant —
 * never its own timers, which read the real clock — so the scheduler can wait with the injected
 * Clock and a fake clock drives everything in tests. Five fields (minute precision) or a nickname
 * such as @daily: a per-second restart schedule is a typo, not a wish.
 */
function parse(expr: string, timeZone: string): Cron {
  return new Cron(expr, { timezone: timeZone, mode: '5-part' });
}

/** Why the expression cannot be used, or null when it can. `now` is where "never runs" is judged from. */
export function cronProblem(expr: string, timeZone: string, now: Date): string | null {
  let cron: Cron;
  try {
    cron = parse(expr, timeZone);
  } catch (err) {
    return `Not a cron expression of five fields (minute hour day month weekday): ${(err as Error).message.replace(/^CronPattern: /, '')}`;
  }
  return cron.nextRun(now) ? null : 'This expression never comes round (e.g. 31 February)';
}

/** The first run strictly after `after`, or null when there is none (or the expression broke). */
export function nextRunAfter(expr: string, timeZone: string, after: Date): Date | null {
  try {
    return parse(expr, timeZone).nextRun(after);
  } catch {
    return null;
  }
}

/** "At 05:00", "Every 30 minutes, between 04:00 and 06:59" — for the UI and log lines. */
export function describeCron(expr: string): string {
  let text = descriptions.get(expr);
  if (text === undefined) {
    text = cronstrue.toString(expr, { use24HourTimeFormat: true, throwExceptionOnParseError: false, verbose: false });
    if (descriptions.size >= MAX_DESCRIPTIONS) descriptions.clear();
    descriptions.set(expr, text);
  }
  return text;
}

/**
 * Sentences by expression: cronstrue took about 11 µs per schedule on every schedules list, and an
 * install has a handful of distinct expressions. Cleared when full rather than LRU: it never fills
 * in practice, and a bound keeps any caller from growing it without end.
 */
const descriptions = new Map<string, string>();
const MAX_DESCRIPTIONS = 512;

/** The zone of the machine the manager runs on: the default of a new schedule. */
export function hostTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

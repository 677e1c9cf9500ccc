import { Cron } from 'croner';
import cronstrue from 'cronstrue';

/**
 * Cron in the browser with the same two libraries the server uses (croner for run times, in
 * five-field mode and the schedule's zone; cronstrue for words), so the preview and the schedule's
 * real next run agree.
 */
function parse(expr: string, timeZone: string): Cron {
  return new Cron(expr, { timezone: timeZone, mode: '5-part' });
}

/** Why the expression cannot be used, or null (the server checks again and has the last word). */
export function cronProblem(expr: string, timeZone: string, now = new Date()): string | null {
  if (!expr.trim()) return 'Give a cron expression, e.g. "0 5 * * *"';
  try {
    return parse(expr, timeZone).nextRun(now) ? null : 'This expression never comes round (e.g. 31 February)';
  } catch (err) {
    const why = err instanceof Error ? err.message.replace(/^CronPattern: /, '') : String(err);
    return `Not a cron expression of five fields (minute hour day month weekday): ${why}`;
  }
}

/** The next `count` runs after `from`; empty when the expression or the zone is not valid. */
export function nextRuns(expr: string, timeZone: string, count: number, from = new Date()): Date[] {
  try {
    return parse(expr, timeZone).nextRuns(count, from);
  } catch {
    return [];
  }
}

/** "At 05:00", "Every 30 minutes"; null when cronstrue cannot read it. */
export function describeCron(expr: string): string | null {
  try {
    return cronstrue.toString(expr, { use24HourTimeFormat: true, verbose: false });
  } catch {
    return null;
  }
}

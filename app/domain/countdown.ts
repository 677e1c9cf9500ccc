/**
 * In-game warnings before a stop or restart. Players get a warning when the countdown starts and
 * then at the usual marks (cdp1337: 5, 4, 3, 2, 1 minutes; Bletch: every minute near the end), so
 * a 15-minute countdown warns at 15, 10, 5, 3, 2 and 1 minutes.
 */
const MARKS = [60, 45, 30, 20, 15, 10, 5, 3, 2, 1];

/**
 * Minutes-left values at which a warning goes out, largest first. `marks` given by the user (a
 * schedule's [15, 5, 1]) replace the usual ones; the start of the countdown is always announced.
 */
export function warningMinutes(countdownMinutes: number, marks: readonly number[] = MARKS): number[] {
  if (countdownMinutes <= 0) return [];
  const chosen = new Set<number>([countdownMinutes, ...marks.filter((m) => m > 0 && m < countdownMinutes)]);
  return [...chosen].sort((a, b) => b - a);
}

export type CountdownAction = 'stop' | 'restart' | 'update';

const VERB: Record<CountdownAction, string> = {
  stop: 'shutting down',
  restart: 'restarting',
  update: 'restarting for an update',
};

/**
 * The text of one warning. `message` is either a reason, appended to the default wording
 * ("Server restarting in 5 minutes: daily restart"), or — when it holds a placeholder — the whole
 * warning: {minutes} becomes the number, {time} "5 minutes" / "1 minute" (so the grammar stays
 * right at the last minute). Short enough for ARK's broadcast banner either way.
 */
export function warningMessage(action: CountdownAction, minutesLeft: number, message?: string): string {
  const time = minutesLeft === 1 ? '1 minute' : `${minutesLeft} minutes`;
  if (message && isTemplate(message))
    return message.replaceAll('{minutes}', String(minutesLeft)).replaceAll('{time}', time);
  const base = `Server ${VERB[action]} in ${time}`;
  return message ? `${base}: ${message}` : `${base}.`;
}

export const isTemplate = (message: string): boolean => /\{(minutes|time)\}/.test(message);

export function cancelledMessage(action: CountdownAction): string {
  return `The ${action === 'stop' ? 'shutdown' : 'restart'} was cancelled; keep playing!`;
}

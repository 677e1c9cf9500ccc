/**
 * In-game warnings before a stop or restart. Players get a warning when the countdown starts and
 * then at the usual marks (cdp1337: 5, 4, 3, 2, 1 minutes; Bletch: every minute near the end), so
 * a 15-minute countdown warns at 15, 10, 5, 3, 2 and 1 minutes.
 */
const MARKS = [60, 45, 30, 20, 15, 10, 5, 3, 2, 1];

/** Minutes-left values at which a warning goes out, largest first. */
export function warningMinutes(countdownMinutes: number, marks: readonly number[] = MARKS): number[] {
  if (countdownMinutes <= 0) return [];
  const chosen = new Set<number>([countdownMinutes, ...marks.filter((m) => m < countdownMinutes)]);
  return [...chosen].sort((a, b) => b - a);
}

export type CountdownAction = 'stop' | 'restart' | 'update';

const VERB: Record<CountdownAction, string> = {
  stop: 'shutting down',
  restart: 'restarting',
  update: 'restarting for an update',
};

/** "Server restarting in 5 minutes: <reason>" — short enough for ARK's broadcast banner. */
export function warningMessage(action: CountdownAction, minutesLeft: number, reason?: string): string {
  const when = minutesLeft === 1 ? '1 minute' : `${minutesLeft} minutes`;
  const base = `Server ${VERB[action]} in ${when}`;
  return reason ? `${base}: ${reason}` : `${base}.`;
}

export function cancelledMessage(action: CountdownAction): string {
  return `The ${action === 'stop' ? 'shutdown' : 'restart'} was cancelled; keep playing!`;
}

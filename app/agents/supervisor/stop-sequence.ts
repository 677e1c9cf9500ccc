import { cancelledMessage, warningMessage, warningMinutes, type CountdownAction } from '../../domain/countdown.ts';
import type { Clock } from '../../domain/clock.ts';
import type { ServerRun } from './server-run.ts';

export interface StopOptions {
  countdownMinutes?: number;
  /** Minutes left at which to warn (a schedule's [15, 5, 1]); default: the usual marks. */
  warningMinutes?: number[];
  message?: string;
  action?: CountdownAction;
}

export interface StopSteps {
  say: (message: string, level?: 'INFO' | 'WARN') => void;
  progress: (percent: number, message: string) => void;
}

/**
 * Counts down in game: a Broadcast at each warning mark, sleeping in between. Cancelling (the
 * job's signal) tells the players the shutdown is off, then rethrows so the job ends CANCELLED.
 * Returns how many warnings went out (the job's outcome says "after 3 warnings").
 */
export async function countdown(
  run: ServerRun,
  opts: StopOptions,
  clock: Clock,
  steps: StopSteps,
  signal: AbortSignal,
): Promise<number> {
  const action = opts.action ?? 'stop';
  const marks = warningMinutes(opts.countdownMinutes ?? 0, opts.warningMinutes);
  for (const [i, minutes] of marks.entries()) {
    const text = warningMessage(action, minutes, opts.message);
    await broadcast(run, text, steps);
    steps.progress(Math.round((i / marks.length) * 50), `Warned players: ${minutes} min left`);
    const next = marks[i + 1] ?? 0;
    try {
      await clock.sleep((minutes - next) * 60_000, signal);
    } catch (err) {
      await broadcast(run, cancelledMessage(action), steps);
      steps.say(`Countdown cancelled with ${minutes} min left; players were told`);
      throw err;
    }
    if (!run.alive) return i + 1;
  }
  return marks.length;
}

async function broadcast(run: ServerRun, text: string, steps: StopSteps): Promise<void> {
  try {
    await run.rcon().send(`Broadcast ${text}`);
    steps.say(`Broadcast: ${text}`);
  } catch (err) {
    steps.say(`Could not broadcast "${text}": ${(err as Error).message}`, 'WARN');
  }
}

/**
 * SaveWorld, then wait for the log's "World Save Complete": the marker, not the RCON reply, is the
 * proof (the reply text varies, docs/ark-facts.md#rcon-commands, and the save file is renamed into place before the
 * line). True when the save was seen within `timeoutMs`.
 */
export async function saveWorld(run: ServerRun, say: StopSteps['say'], timeoutMs: number): Promise<boolean> {
  say('Saving the world (SaveWorld)…');
  const saved = run.waitForMarker('world-saved', timeoutMs);
  try {
    await run.rcon().send('SaveWorld', { timeoutMs });
  } catch (err) {
    say(`SaveWorld failed: ${(err as Error).message}`, 'WARN');
    return false;
  }
  const ok = await saved;
  if (ok) say('World saved');
  else say(`No "World Save Complete" within ${timeoutMs / 1000} s; continuing`, 'WARN');
  return ok;
}

/**
 * The graceful part of a stop: save, then DoExit and wait for the process to go. Returns false
 * when the process is still there (the caller then kills).
 */
export async function saveAndExit(
  run: ServerRun,
  steps: StopSteps,
  timeouts: { saveMs: number; exitMs: number },
): Promise<boolean> {
  steps.progress(55, 'Saving the world…');
  await saveWorld(run, steps.say, timeouts.saveMs);
  if (!run.alive) return true;
  steps.say('Asking the server to exit (DoExit)…');
  steps.progress(75, 'Waiting for the server to exit…');
  try {
    await run.rcon().send('DoExit', { timeoutMs: 10_000 });
  } catch (err) {
    // The connection often drops as the server exits; only the exit itself counts.
    steps.say(`DoExit: ${(err as Error).message}`, 'WARN');
  }
  return run.waitForExit(timeouts.exitMs);
}

/**
 * The crash-loop guard: automatic restarts are allowed while fewer than `maxRestarts` happened in
 * the last `windowMs`. A server that keeps dying (a broken mod, a corrupt save) then stays CRASHED
 * instead of restarting for ever, and the user is told why.
 */
export interface CrashPolicy {
  maxRestarts: number;
  windowMs: number;
}

export type RestartDecision = { restart: true; attempt: number } | { restart: false; reason: string };

export function decideRestart(policy: CrashPolicy, recentRestarts: readonly number[], now: number): RestartDecision {
  const inWindow = recentRestarts.filter((t) => now - t < policy.windowMs);
  if (inWindow.length < policy.maxRestarts) return { restart: true, attempt: inWindow.length + 1 };
  const minutes = Math.round(policy.windowMs / 60_000);
  return {
    restart: false,
    reason:
      policy.maxRestarts === 0
        ? 'Automatic restarts are disabled (crashRestartMaxAttempts is 0)'
        : `It crashed ${inWindow.length + 1} times within ${minutes} minutes; automatic restarts are paused until you start it yourself`,
  };
}

/** Drops restart times that have left the window (the history never grows without bound). */
export function pruneRestarts(policy: CrashPolicy, recentRestarts: readonly number[], now: number): number[] {
  return recentRestarts.filter((t) => now - t < policy.windowMs);
}

/**
 * Decides when a SteamCMD run has stalled: no output and no visible change on disk for
 * `timeoutMs`. Times are milliseconds on any monotonic-enough clock the caller chooses; the
 * detector never reads a clock itself, so tests drive it with plain numbers.
 */
export class StallDetector {
  private lastActivity: number;
  private lastFingerprint: string | null = null;

  constructor(
    readonly timeoutMs: number,
    startedAt: number,
  ) {
    this.lastActivity = startedAt;
  }

  /** SteamCMD wrote to stdout or stderr (any bytes, a whole line or not). */
  output(at: number): void {
    this.lastActivity = Math.max(this.lastActivity, at);
  }

  /**
   * What the disk looks like now (see diskFingerprint); a change is activity. The first
   * observation only sets the baseline: a folder left by an earlier run is not progress.
   */
  disk(fingerprint: string, at: number): void {
    if (this.lastFingerprint !== null && fingerprint !== this.lastFingerprint) this.output(at);
    this.lastFingerprint = fingerprint;
  }

  idleMs(at: number): number {
    return Math.max(0, at - this.lastActivity);
  }

  stalled(at: number): boolean {
    return this.idleMs(at) >= this.timeoutMs;
  }
}

/** `10 minutes`, `90 seconds`, `1 minute`: the timeout as a user set it. */
export function describeTimeout(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds % 60 === 0 && seconds > 0) {
    const minutes = seconds / 60;
    return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  }
  return `${seconds} second${seconds === 1 ? '' : 's'}`;
}

/** The message of a job ended by the stall watchdog. */
export function stallMessage(timeoutMs: number): string {
  return `SteamCMD made no progress for ${describeTimeout(timeoutMs)} (no output, download not growing); it was stopped. Check your network or disk, then try again.`;
}

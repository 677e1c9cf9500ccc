/**
 * Coalesces a job's progress: the newest value wins and at most one update per interval leaves,
 * so a chatty handler (SteamCMD prints hundreds of lines a second) cannot flood the store or the
 * clients, while the first update and the latest state are never lost.
 */
export class ProgressReporter {
  private latest: { percent: number; message: string } | null = null;
  private lastEmitAt = 0;
  private timer: NodeJS.Timeout | null = null;
  private lastPercent = 0;

  constructor(
    private readonly emit: (percent: number, message: string) => void,
    private readonly intervalMs: number,
  ) {}

  report(percent: number, message: string): void {
    const clamped = Math.min(100, Math.max(0, Number.isFinite(percent) ? percent : this.lastPercent));
    this.latest = { percent: clamped, message };
    if (this.timer) return;
    const wait = this.lastEmitAt + this.intervalMs - Date.now();
    if (wait <= 0) this.flush();
    else this.timer = setTimeout(() => this.flush(), wait);
  }

  /** Sends the pending update now (if any). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.latest) return;
    const { percent, message } = this.latest;
    this.latest = null;
    this.lastEmitAt = Date.now();
    this.lastPercent = percent;
    this.emit(percent, message);
  }

  /** Drops a pending update (the run has finished; its final state is reported otherwise). */
  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.latest = null;
  }
}

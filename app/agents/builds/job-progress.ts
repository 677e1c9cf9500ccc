import type { ProgressCallback } from '../steamcmd/install-progress.ts';

/**
 * One job's progress over several steps, each given a band of 0–100. The reported percent never
 * goes backwards, whatever a step reports.
 */
export class JobProgress {
  private last = 0;

  constructor(private readonly report: ProgressCallback = () => undefined) {}

  /** A callback taking the step's own 0–100 and placing it in [from, to]. */
  band(from: number, to: number): ProgressCallback {
    return (percent, message) => this.set(from + ((to - from) * Math.min(100, Math.max(0, percent))) / 100, message);
  }

  set(percent: number, message: string): void {
    this.last = Math.max(this.last, Math.round(percent * 100) / 100);
    this.report(this.last, message);
  }
}

// CPU % from cumulative CPU time: Windows and Linux report the seconds used so far, so a rate needs
// two samples.
import type { ProcessUsage } from './process-host.ts';

export interface CpuTimeSample {
  pid: number;
  /** Total processor time in seconds; null when the system would not tell us. */
  cpuSeconds: number | null;
  /** Resident memory: the working set on Windows, VmRSS on Linux. */
  memoryBytes: number;
}

interface Previous {
  cpuSeconds: number;
  atMs: number;
}

/** Keeps the previous sample per pid and turns the next one into CPU % of one core (100 = one core busy). */
export class CpuRateTracker {
  private readonly previous = new Map<number, Previous>();

  /**
   * @param asked the pids this sample was taken for: those absent from `samples` have exited and
   *   their baselines are dropped (baselines of pids not asked about are kept).
   * @param nowMs a monotonic clock reading taken when the sample arrived.
   */
  update(asked: readonly number[], samples: readonly CpuTimeSample[], nowMs: number): Map<number, ProcessUsage> {
    const result = new Map<number, ProcessUsage>();
    for (const s of samples) {
      result.set(s.pid, { cpuPercent: this.rate(s, nowMs), memoryBytes: s.memoryBytes });
    }
    for (const pid of asked) if (!result.has(pid)) this.previous.delete(pid);
    return result;
  }

  private rate(s: CpuTimeSample, nowMs: number): number {
    if (s.cpuSeconds === null) return 0;
    const prev = this.previous.get(s.pid);
    this.previous.set(s.pid, { cpuSeconds: s.cpuSeconds, atMs: nowMs });
    // No baseline yet reads as 0 (nothing to compare with). CPU time going backwards
    // means the pid now belongs to a new process: start over from this sample.
    if (!prev || nowMs <= prev.atMs || s.cpuSeconds < prev.cpuSeconds) return 0;
    return ((s.cpuSeconds - prev.cpuSeconds) * 1000 * 100) / (nowMs - prev.atMs);
  }
}

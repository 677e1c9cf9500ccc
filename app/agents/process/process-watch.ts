// Platform-neutral pieces of process hosting: pid checks, "wait until this process is gone" and
// adopting a recorded process. Both hosts decide liveness the same way; only the probes differ.
import { performance } from 'node:perf_hooks';
import { ErrorCode } from '@ark-asa/contracts';
import { AppError } from '../../domain/app-error.ts';
import type { HostedProcess, ProcessExit, ProcessIdentity } from './process-host.ts';

/**
 * Rejects anything but a positive integer pid other than our own. Signalling pid 0 or a negative
 * pid addresses whole process groups (-1: every process we may signal), so a bad value here is
 * never passed on to the OS; and killing the manager's own tree would take the manager down.
 */
export function assertPid(pid: number): void {
  if (!Number.isSafeInteger(pid) || pid <= 0) {
    throw new AppError(ErrorCode.INTERNAL, `Not a process id: ${String(pid)}`);
  }
}

export function assertNotSelf(pid: number): void {
  if (pid === process.pid) throw new AppError(ErrorCode.INTERNAL, `Refusing to kill the manager itself (pid ${pid})`);
}

/** Whether some process has this pid (it may be a recycled one). Works on Windows too (libuv OpenProcess). */
export function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone we may not signal.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** How a host tells whether a recorded process still runs. */
export interface Liveness {
  inspect(pid: number): Promise<ProcessIdentity | null>;
  same(live: ProcessIdentity, recorded: ProcessIdentity): boolean;
  /**
   * Optional cheap probe used between full identity checks, for hosts where `inspect` is costly
   * (a PowerShell start per call on Windows). It cannot see a recycled pid; the full check can.
   */
  quickAlive?: (pid: number) => boolean;
  /** With `quickAlive`: run the full `inspect` on every n-th tick only. */
  fullCheckEvery?: number;
}

async function isGone(recorded: ProcessIdentity, liveness: Liveness, tick: number): Promise<boolean> {
  const every = liveness.fullCheckEvery ?? 1;
  if (liveness.quickAlive && tick % every !== 0) return !liveness.quickAlive(recorded.pid);
  try {
    const live = await liveness.inspect(recorded.pid);
    return live === null || !liveness.same(live, recorded);
  } catch {
    // A failed query proves nothing. Reporting an exit here would make the supervisor treat a
    // running server as crashed and start a second copy on the same ports and save files.
    return false;
  }
}

export interface WaitOptions {
  intervalMs: number;
  /** Give up (resolve false) after this long; default: never. */
  timeoutMs?: number;
  /**
   * Whether the poll timer keeps Node alive. An awaited wait (killTree) must, or a CLI run could
   * exit mid-wait; a background watch of an adopted server must not hold the manager open.
   */
  keepAlive: boolean;
}

/** Resolves true once the recorded process is gone or its pid belongs to another program; false at the timeout. */
export function waitUntilGone(recorded: ProcessIdentity, liveness: Liveness, opts: WaitOptions): Promise<boolean> {
  const deadline = performance.now() + (opts.timeoutMs ?? Number.POSITIVE_INFINITY);
  let tick = 0;
  return new Promise((resolve) => {
    const schedule = () => {
      const timer = setTimeout(() => void step(), opts.intervalMs);
      if (!opts.keepAlive) timer.unref();
    };
    const step = async () => {
      tick += 1;
      if (await isGone(recorded, liveness, tick)) resolve(true);
      else if (performance.now() >= deadline) resolve(false);
      else schedule();
    };
    schedule();
  });
}

/**
 * Re-attaches to a recorded process when the live one with its pid is the same program started at
 * the same time. The returned identity is the recorded one, so callers compare like with like.
 * Throws when the OS cannot be asked (the caller should retry, not conclude the server is gone).
 */
export async function adoptRecorded(
  recorded: ProcessIdentity,
  liveness: Liveness,
  pollMs: number,
): Promise<HostedProcess | null> {
  assertPid(recorded.pid);
  const live = await liveness.inspect(recorded.pid);
  if (live === null || !liveness.same(live, recorded)) return null;
  const exit: ProcessExit = { code: null, signal: null };
  const exited = waitUntilGone(recorded, liveness, { intervalMs: pollMs, keepAlive: false }).then(() => exit);
  return { pid: recorded.pid, exePath: recorded.exePath, startTimeMs: recorded.startTimeMs, exited };
}

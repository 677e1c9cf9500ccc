import { ErrorCode } from '@ark-asa/contracts';
import { AppError } from '../../domain/app-error.ts';
import type { Clock } from '../../domain/clock.ts';
import type { DiskSnapshot } from '../../domain/steamcmd/disk-progress.ts';
import { stallMessage } from '../../domain/steamcmd/stall-detector.ts';
import { runSteamcmd, type SteamcmdRunOptions, type SteamcmdRunResult } from './steamcmd-process.ts';
import { SteamcmdWatchdog } from './steamcmd-watchdog.ts';

export interface RunWatch {
  clock: Clock;
  timeoutMs: number;
  pollMs: number;
  installDir?: string;
  onDisk?: (snapshot: DiskSnapshot) => void;
}

/**
 * One SteamCMD run under the stall watchdog. A stall kills the whole process tree (as a cancel
 * does) and the run rejects with an AppError saying why, once the tree is gone; a cancel of the
 * caller's signal still rejects with the caller's reason.
 */
export async function runWatched(opts: SteamcmdRunOptions, watch: RunWatch): Promise<SteamcmdRunResult> {
  const stall = new AbortController();
  const signal = opts.signal ? AbortSignal.any([opts.signal, stall.signal]) : stall.signal;
  const watchdog = new SteamcmdWatchdog({
    ...watch,
    onStall: () =>
      stall.abort(
        new AppError(ErrorCode.STEAMCMD_FAILED, stallMessage(watch.timeoutMs), {
          reason: 'stalled',
          stalledForSec: Math.round(watch.timeoutMs / 1000),
        }),
      ),
  });
  watchdog.start();
  try {
    return await runSteamcmd({ ...opts, signal, onOutput: watchdog.noteOutput });
  } finally {
    await watchdog.stop();
  }
}

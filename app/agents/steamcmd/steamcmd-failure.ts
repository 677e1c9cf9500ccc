import { ErrorCode } from '@ark-asa/contracts';
import { AppError } from '../../domain/app-error.ts';
import { explainExitCode } from '../../domain/steamcmd/output-parser.ts';
import type { SteamcmdRunResult } from './steamcmd-process.ts';

/**
 * Whether a run ended because SteamCMD updated itself and quit without running the commands
 * (docs/ark-facts.md#first-run-self-update: a fresh SteamCMD does this on its first run, usually with exit 7). The
 * first run of a fresh SteamCMD can also end with a temporary "Missing configuration" error.
 */
export function endedBySelfUpdate(run: SteamcmdRunResult): boolean {
  if (run.success) return false;
  if (run.exitCode === 7 && !run.error) return true;
  return run.selfUpdated && (!run.error || run.error.reason === 'missing-configuration');
}

/**
 * A run that ended as a finished one would, apart from the `Success!` line: exit 0, no error line,
 * no self-update. Only then may the manifest on disk stand in for the line that Windows' buffered
 * stdout can lose (docs/steamcmd.md).
 */
export function cleanExit(run: SteamcmdRunResult): boolean {
  return run.exitCode === 0 && !run.error && !run.selfUpdated;
}

/** The AppError that explains a failed run: the error line SteamCMD printed beats its exit code. */
export function runFailure(run: SteamcmdRunResult, what: string): AppError {
  const details = {
    exitCode: run.exitCode,
    reason: run.error?.reason ?? null,
    line: run.error?.line ?? null,
    stderr: run.stderr || null,
  };
  if (run.error) return new AppError(ErrorCode.STEAMCMD_FAILED, run.error.explanation, details);
  if (run.exitCode === null) {
    return new AppError(
      ErrorCode.STEAMCMD_FAILED,
      `SteamCMD was ended by ${run.exitSignal ?? 'a signal'} before it finished ${what}`,
      details,
    );
  }
  if (run.exitCode !== 0) {
    const info = explainExitCode(run.exitCode);
    return new AppError(ErrorCode.STEAMCMD_FAILED, `${info.explanation} (exit code ${run.exitCode})`, details);
  }
  return new AppError(
    ErrorCode.STEAMCMD_FAILED,
    `SteamCMD exited without confirming that it finished ${what} (no "Success!" line): try again; if it repeats, see logs/content_log.txt in the SteamCMD folder`,
    details,
  );
}

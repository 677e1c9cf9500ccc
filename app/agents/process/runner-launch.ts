// How a Linux host starts a Windows program through Proton or Wine: the command and environment.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { LinuxRunner } from '@ark-asa/contracts';

export interface RunnerLaunch {
  file: string;
  args: string[];
  env: Record<string, string>;
}

export interface RunnerPlaces {
  /** This server's own prefix folder (created before the start). */
  prefixDir: string;
  /** STEAM_COMPAT_CLIENT_INSTALL_PATH for Proton. */
  steamClientDir: string;
}

/**
 * Proton is started as `proton run <exe> <args…>` with STEAM_COMPAT_DATA_PATH (the prefix lives in
 * its `pfx/` folder; Proton refuses to run without it) and STEAM_COMPAT_CLIENT_INSTALL_PATH, as the
 * ASA Linux images do (https://github.com/azixus/ARK_Ascended_Docker/blob/main/scripts/start.sh);
 * Wine as `wine <exe> <args…>` with WINEPREFIX. The server's arguments pass through unchanged.
 */
export function runnerLaunch(
  runner: LinuxRunner,
  runnerFile: string,
  exe: string,
  args: readonly string[],
  places: RunnerPlaces,
): RunnerLaunch {
  if (runner.kind === 'proton') {
    return {
      file: runnerFile,
      args: ['run', exe, ...args],
      env: { STEAM_COMPAT_DATA_PATH: places.prefixDir, STEAM_COMPAT_CLIENT_INSTALL_PATH: places.steamClientDir },
    };
  }
  return { file: runnerFile, args: [exe, ...args], env: { WINEPREFIX: places.prefixDir } };
}

/** The program to start: for Proton the setting may name its folder (GE-Proton9-20/) or the `proton` script in it. */
export async function runnerFile(runner: LinuxRunner): Promise<string> {
  if (runner.kind !== 'proton') return runner.path;
  const isDir = await stat(runner.path).then(
    (s) => s.isDirectory(),
    () => false,
  );
  return isDir ? path.join(runner.path, 'proton') : runner.path;
}

/** The plain message a start gets on Linux without a runner. */
export const RUNNER_REQUIRED_MESSAGE =
  'Linux needs Proton or Wine to run ArkAscendedServer.exe: set it in Settings → Linux runner (see docs/linux-hosts.md)';

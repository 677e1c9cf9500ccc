// Installs the steamcmd simulator into a directory that plays the role of the SteamCMD folder.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { mergeJsonFile } from '../shared/json-file.ts';
import { executableName, placeSimExecutable } from '../shared/sim-executable.ts';
import { steamcmdControlPath } from './control.ts';
import type { SteamcmdSimControl } from './control.ts';

export type { SteamcmdMode, SteamcmdSimControl } from './control.ts';
export { STEAMCMD_CONTROL_DEFAULTS, readSteamcmdControl } from './control.ts';

/** Merges `partial` into `<dir>/steamcmd-sim.json` (atomically); the next run picks it up. */
export async function writeSteamcmdControl(dir: string, partial: Partial<SteamcmdSimControl>): Promise<void> {
  await mergeJsonFile(steamcmdControlPath(dir), partial);
}

/**
 * Creates `dir`, the executable `<dir>/steamcmd` (`steamcmd.exe` on Windows: the simulator
 * executable, hard-linked) and the control file; returns the executable's path. Steam's own state
 * (first-run flag, appcache/appinfo.vdf, logs/) lives in `dir`, beside the executable, like the real tool.
 */
export async function installSteamcmdSim(dir: string, control: Partial<SteamcmdSimControl> = {}): Promise<string> {
  const home = path.resolve(dir);
  await mkdir(home, { recursive: true });
  const exe = path.join(home, executableName('steamcmd'));
  await placeSimExecutable(exe);
  await writeSteamcmdControl(home, control);
  return exe;
}

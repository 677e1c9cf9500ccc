// Installs the steamcmd simulator into a directory that plays the role of the SteamCMD folder.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { mergeJsonFile } from '../shared/json-file.ts';
import { shellQuote, writeLauncher } from '../shared/launcher.ts';
import { steamcmdControlPath } from './control.ts';
import type { SteamcmdSimControl } from './control.ts';

export type { SteamcmdMode, SteamcmdSimControl } from './control.ts';
export { STEAMCMD_CONTROL_DEFAULTS, readSteamcmdControl } from './control.ts';

const ENTRY = path.join(import.meta.dirname, 'main.ts');

/** Merges `partial` into `<dir>/steamcmd-sim.json` (atomically); the next run picks it up. */
export async function writeSteamcmdControl(dir: string, partial: Partial<SteamcmdSimControl>): Promise<void> {
  await mergeJsonFile(steamcmdControlPath(dir), partial);
}

/**
 * Creates `dir`, the launcher `<dir>/steamcmd` and the control file; returns the launcher path.
 * Steam's own state (first-run flag, appcache/appinfo.vdf, logs/) lives in `dir` like the real tool.
 */
export async function installSteamcmdSim(dir: string, control: Partial<SteamcmdSimControl> = {}): Promise<string> {
  const home = path.resolve(dir);
  await mkdir(home, { recursive: true });
  const launcher = path.join(home, 'steamcmd');
  await writeLauncher(launcher, ENTRY, [`export SIM_STEAMCMD_HOME=${shellQuote(home)}`]);
  await writeSteamcmdControl(home, control);
  return launcher;
}

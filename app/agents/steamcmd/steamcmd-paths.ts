import path from 'node:path';

/** Where the manager installs Valve's SteamCMD on Windows: `<dataRoot>/runtime/steamcmd`. */
export function bundledSteamcmdDir(dataRoot: string): string {
  return path.join(dataRoot, 'runtime', 'steamcmd');
}

/** The executable of the manager-installed SteamCMD. */
export function bundledSteamcmdPath(dataRoot: string): string {
  return path.join(bundledSteamcmdDir(dataRoot), 'steamcmd.exe');
}

// Where the server simulator reads and writes, relative to the install root (docs/ark-facts.md#file-layout).
import path from 'node:path';

export interface ServerPaths {
  root: string;
  win64: string;
  saved: string;
  logsDir: string;
  log: string;
  configDir: string;
  gameUserSettings: string;
  crashes: string;
  journal: string;
  control: string;
}

/** The install root is three levels above the exe: <root>/ShooterGame/Binaries/Win64/ArkAscendedServer.exe. */
export function installRootOf(exePath: string): string {
  return path.resolve(path.dirname(exePath), '..', '..', '..');
}

export function serverPaths(installRoot: string): ServerPaths {
  const root = path.resolve(installRoot);
  const saved = path.join(root, 'ShooterGame', 'Saved');
  const logsDir = path.join(saved, 'Logs');
  const configDir = path.join(saved, 'Config', 'WindowsServer');
  return {
    root,
    win64: path.join(root, 'ShooterGame', 'Binaries', 'Win64'),
    saved,
    logsDir,
    log: path.join(logsDir, 'ShooterGame.log'),
    configDir,
    gameUserSettings: path.join(configDir, 'GameUserSettings.ini'),
    crashes: path.join(saved, 'Crashes'),
    journal: path.join(saved, 'sim-journal.jsonl'),
    control: path.join(saved, 'sim-control.json'),
  };
}

/**
 * Maps whose save folder is not their id (docs/ark-facts.md#where-the-world-is-saved): Club ARK
 * (`BobsMissions_WP`) saves as `SavedArks/BobsMissions/BobsMissions_WP.ark`. Matched in any case,
 * as the Windows server does.
 */
const MAP_FOLDERS: Readonly<Record<string, string>> = { bobsmissions_wp: 'BobsMissions' };

/**
 * `Saved/SavedArks/<folder>/<Map>.ark`, where the folder is the map id except for the maps above;
 * with ?AltSaveDirectoryName=<dir> it is `Saved/<dir>/<folder>/` (docs/ark-facts.md#saves: ASA
 * keeps the per-map subfolder in both cases).
 */
export function saveFilePath(paths: ServerPaths, map: string, altSaveDir: string | null): string {
  const folder = MAP_FOLDERS[map.toLowerCase()] ?? map;
  return path.join(paths.saved, altSaveDir ?? 'SavedArks', folder, `${map}.ark`);
}

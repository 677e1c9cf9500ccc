// Where the server simulator reads and writes, relative to the install root (asa-facts §3.1).
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
 * `Saved/SavedArks/<Map>/<Map>.ark`; with ?AltSaveDirectoryName=<dir> it is `Saved/<dir>/<Map>/` (asa-facts §3.3:
 * ASA keeps the per-map subfolder in both cases).
 */
export function saveFilePath(paths: ServerPaths, map: string, altSaveDir: string | null): string {
  return path.join(paths.saved, altSaveDir ?? 'SavedArks', map, `${map}.ark`);
}

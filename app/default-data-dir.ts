import os from 'node:os';
import path from 'node:path';

/** Per-user data directory, where the desktop app keeps its data too (Electron's userData on Windows). */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const home = os.homedir();
  if (platform === 'win32')
    return path.win32.join(env.APPDATA ?? path.win32.join(home, 'AppData', 'Roaming'), 'ARK ASA Server Manager');
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', 'ARK ASA Server Manager');
  return path.posix.join(env.XDG_DATA_HOME ?? path.posix.join(home, '.local', 'share'), 'ark-asa-server-manager');
}

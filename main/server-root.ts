/**
 * The server root: where builds, instances and backups go (tens of gigabytes per build), chosen
 * once on first run. The database and logs stay in the user's app data; only this moves.
 */
import path from 'node:path';
import type { DialogPort, ShellLogger } from './electron-facade.ts';
import type { ShellStateStore } from './shell-state.ts';

export interface DiskSpace {
  root: string;
  freeBytes: number;
}

export type StatFs = (path: string) => Promise<{ bavail: number; bsize: number }>;

export const SERVER_ROOT_DIR = 'ARK-ASA-Servers';
/** A disconnected network drive can make statfs hang; first run must not. */
const STATFS_TIMEOUT_MS = 3000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out')), ms);
    timer.unref();
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

/** Free space of each candidate: the drive letters C: to Z: on Windows (A: and B: are floppy letters), the home folder elsewhere. */
export async function measureDrives(platform: NodeJS.Platform, home: string, statfs: StatFs): Promise<DiskSpace[]> {
  const roots = platform === 'win32' ? [...'CDEFGHIJKLMNOPQRSTUVWXYZ'].map((letter) => `${letter}:\\`) : [home];
  const measured = await Promise.all(
    roots.map(async (root) => {
      try {
        const s = await withTimeout(statfs(root), STATFS_TIMEOUT_MS);
        return { root, freeBytes: s.bavail * s.bsize };
      } catch {
        return null;
      }
    }),
  );
  return measured.filter((d): d is DiskSpace => d !== null);
}

/** `<drive with the most free space>\ARK-ASA-Servers` on Windows (no spaces: SteamCMD and ARK command lines stay simple). */
export function suggestServerRoot(drives: DiskSpace[], platform: NodeJS.Platform, home: string): string {
  if (platform !== 'win32') return path.posix.join(home, SERVER_ROOT_DIR);
  const best = drives.reduce<DiskSpace | null>((a, b) => (a === null || b.freeBytes > a.freeBytes ? b : a), null);
  return path.win32.join(best?.root ?? 'C:\\', SERVER_ROOT_DIR);
}

export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

export interface ServerRootDeps {
  dialog: DialogPort;
  platform: NodeJS.Platform;
  home: string;
  statfs: StatFs;
}

/** Asks once: the suggestion, or a folder the user picks. Cancelling anything keeps the suggestion. */
export async function askServerRoot(deps: ServerRootDeps): Promise<string> {
  const drives = await measureDrives(deps.platform, deps.home, deps.statfs);
  const suggestion = suggestServerRoot(drives, deps.platform, deps.home);
  const drive = drives.find((d) => suggestion.startsWith(d.root));
  const { response } = await deps.dialog.showMessageBox({
    type: 'question',
    title: 'ARK ASA Server Manager',
    message: 'Where should the server files go?',
    detail:
      'Server builds, instances and backups are large (about 15 GB per build, plus saves and backups).\n\n' +
      `Suggested: ${suggestion}${drive ? ` (${formatBytes(drive.freeBytes)} free)` : ''}\n\n` +
      'You can change this later in Settings.',
    buttons: [`Use ${suggestion}`, 'Choose another folder…'],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  });
  if (response !== 1) return suggestion;
  const picked = await deps.dialog.showOpenDialog({
    title: 'Choose the folder for server files',
    defaultPath: drive?.root ?? deps.home,
    properties: ['openDirectory', 'createDirectory', 'promptToCreate', 'dontAddToRecent'],
  });
  return picked.canceled || !picked.filePaths[0] ? suggestion : picked.filePaths[0];
}

export interface EnsureServerRootDeps extends ServerRootDeps {
  state: ShellStateStore;
  logger: ShellLogger;
  /** The control plane's data dir: a dataRoot still equal to it means "never chosen". */
  dataDir: string;
  /** The control plane's settings over its API. */
  plane: { settings(): Promise<{ dataRoot: string }>; updateSettings(patch: { dataRoot: string }): Promise<unknown> };
  mkdir: (dir: string) => void;
}

/**
 * First run only: asks for the server root and applies it to the control plane's dataRoot setting.
 * A dataRoot already set elsewhere (the headless manager, the Settings page) counts as chosen.
 */
export async function ensureServerRoot(deps: EnsureServerRootDeps): Promise<void> {
  if (deps.state.get().serverRoot) return;
  const current = (await deps.plane.settings()).dataRoot;
  if (current !== deps.dataDir) {
    deps.state.update({ serverRoot: current });
    return;
  }
  const chosen = await askServerRoot(deps);
  try {
    deps.mkdir(chosen);
    await deps.plane.updateSettings({ dataRoot: chosen });
    deps.state.update({ serverRoot: chosen });
    deps.logger.info({ serverRoot: chosen }, 'server root chosen');
  } catch (err) {
    // Not recorded, so the question comes back on the next start.
    deps.logger.error({ err, serverRoot: chosen }, 'could not use the chosen server root');
    deps.dialog.showErrorBox(
      'Could not use that folder',
      `${chosen}: ${err instanceof Error ? err.message : String(err)}\n\nServer files stay in ${current} for now; you can change the folder in Settings.`,
    );
  }
}

// Pure checks of a data root before anything is installed there: Windows' path length limit and
// file systems that cannot hold the hard links instances are made of (docs/paths.md).

import type { PathWarning } from '@ark-asa/contracts';

export type { PathWarning };

/**
 * MAX_PATH is 260 including the terminating NUL, so 259 characters is the longest path a program
 * that is not long-path aware can open (https://learn.microsoft.com/windows/win32/fileio/maximum-file-path-limitation).
 * The Unreal Engine server is not, whatever the LongPathsEnabled registry value says.
 */
export const WINDOWS_MAX_PATH_CHARS = 259;

/**
 * Where server files sit below the data root: builds in `runtime/cache/server_builds/ASA/<buildId>`
 * (build ids have 8 digits today; 10 leave room), instances in `runtime/instances/<uuid>`.
 */
const LAYOUT_PREFIXES = [
  'runtime\\cache\\server_builds\\ASA\\0123456789\\',
  'runtime\\instances\\00000000-0000-0000-0000-000000000000\\',
];

/**
 * The deepest files of an install are the mods the server downloads itself, under
 * `ShooterGame\Binaries\Win64\ShooterGame\Mods\83374\<modId>_<fileId>\<ModName>\…` (docs/ark-facts.md,
 * "Mods on disk"): 65 characters before the mod's own folder. What lies inside a mod is not known
 * in advance, so this is an estimate (docs/paths.md): a 20-character mod name and its packed
 * files in a platform folder, 139 characters in all.
 */
export const DEEPEST_RELATIVE_PATH =
  'ShooterGame\\Binaries\\Win64\\ShooterGame\\Mods\\83374\\935708_6040989\\' +
  'A_Mod_Name_20_Chars_\\' +
  'WindowsServer\\A_Mod_Name_20_Chars_-WindowsServer.ucas';

/** The length the longest server file below `dataRoot` would have. */
export function longestServerPath(dataRoot: string): number {
  const root = dataRoot.replace(/[\\/]+$/, '');
  return root.length + 1 + Math.max(...LAYOUT_PREFIXES.map((p) => p.length)) + DEEPEST_RELATIVE_PATH.length;
}

/** The longest data root whose server files stay within the limit. */
export function maxDataRootChars(): number {
  return WINDOWS_MAX_PATH_CHARS - longestServerPath('');
}

/** A warning when server files under `dataRoot` would pass 259 characters on Windows. */
export function pathLengthWarning(dataRoot: string, platform: NodeJS.Platform): PathWarning | null {
  if (platform !== 'win32') return null;
  const longest = longestServerPath(dataRoot);
  if (longest <= WINDOWS_MAX_PATH_CHARS) return null;
  return {
    code: 'path-too-long',
    message:
      `Server files under ${dataRoot} would reach about ${longest} characters, past Windows' 260-character path limit: ` +
      `the server would fail to load mods or save. Choose a folder of at most ${maxDataRootChars()} characters, e.g. C:\\ARK`,
  };
}

/** `\\server\share\…` or `//server/share/…`: a network share (SMB). */
export function isUncPath(p: string): boolean {
  return /^(\\\\|\/\/)[^\\/]+[\\/][^\\/]+/.test(p) && !/^\\\\[?.]\\/.test(p);
}

/** Linux file system types (/proc/mounts) that cannot hold hard links, and ones on another machine. */
const NO_HARD_LINK_TYPES = new Set(['vfat', 'msdos', 'exfat', 'fuse.exfat', 'fuseblk.exfat']);
const NETWORK_TYPES = new Set(['nfs', 'nfs4', 'cifs', 'smb3', 'smbfs', 'fuse.sshfs', 'afs', '9p', 'fuse.rclone']);

export type FsClass = 'local' | 'no-hard-links' | 'network';

export function classifyFsType(fsType: string): FsClass {
  const t = fsType.toLowerCase();
  if (NO_HARD_LINK_TYPES.has(t)) return 'no-hard-links';
  if (NETWORK_TYPES.has(t)) return 'network';
  return 'local';
}

export interface MountEntry {
  mountPoint: string;
  fsType: string;
}

/** `/proc/mounts` lines → entries; octal escapes (`\040` for a space) decoded. */
export function parseMounts(text: string): MountEntry[] {
  const unescape = (s: string) => s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
  return text
    .split('\n')
    .map((line) => line.split(' '))
    .filter((f) => f.length >= 3 && f[1] !== undefined && f[2] !== undefined)
    .map((f) => ({ mountPoint: unescape(f[1]!), fsType: f[2]! }));
}

/** The mount holding `absPath`: the one with the longest mount point that is a prefix of it. */
export function mountOf(mounts: readonly MountEntry[], absPath: string): MountEntry | null {
  let best: MountEntry | null = null;
  for (const m of mounts) {
    const mp = m.mountPoint.replace(/\/+$/, '') || '/';
    const inside = mp === '/' || absPath === mp || absPath.startsWith(`${mp}/`);
    if (inside && (!best || mp.length >= best.mountPoint.replace(/\/+$/, '').length)) best = m;
  }
  return best;
}

/** The warning for a data root on a file system of this class (null when local). */
export function fileSystemWarning(dataRoot: string, fs: FsClass, what: string): PathWarning | null {
  if (fs === 'no-hard-links') {
    return {
      code: 'no-hard-links',
      message: `${dataRoot} is on ${what}, which cannot hold hard links: every server would be a full ~13 GB copy of its build instead of a link, and updates would copy again. Use an NTFS (Windows) or ext4/xfs/btrfs (Linux) drive`,
    };
  }
  if (fs === 'network') {
    return {
      code: 'network-drive',
      message: `${dataRoot} is on a network drive (${what}): hard links may be refused and the server loads and saves over the network. Use a local drive`,
    };
  }
  return null;
}

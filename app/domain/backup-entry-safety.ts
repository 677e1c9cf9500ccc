/**
 * Is a zip entry safe to extract? Checked for every entry before anything is written (zip-slip:
 * an entry named `../../x` or `C:\x` writes outside the target; a symlink entry followed by a file
 * "inside" it does the same). The rules (docs/operations.md#restore-safety) are those for a Windows file
 * manager: no absolute or drive-relative paths, no UNC, no `..`, no backslashes (Windows treats
 * them as separators even though zip names use `/`), no device names, no alternate data streams,
 * no trailing dots or spaces (Windows strips them, so two names could meet), and only regular
 * files and directories.
 */

export interface ZipEntryInfo {
  /** The name decoded from the archive, exactly as stored. */
  name: string;
  /** Central directory "version made by"; the high byte is the host system (3 = Unix). */
  versionMadeBy: number;
  externalFileAttributes: number;
  /** General purpose bit flag; bit 0 = encrypted. */
  generalPurposeBitFlag?: number;
}

const MAX_NAME = 1024;
const MAX_SEGMENT = 255;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
// eslint-disable-next-line no-control-regex -- control characters in a file name are the point
const FORBIDDEN_CHARS = /[\u0000-\u001f\u007f<>:"|?*]/;
const UNIX_HOST = 3;
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;
const DOS_REPARSE_POINT = 0x400;

/** Why the entry name is unsafe, or null when it is fine. */
export function unsafeEntryName(name: string): string | null {
  if (name.length === 0) return 'empty name';
  if (name.length > MAX_NAME) return 'name too long';
  if (name.includes('\\')) return 'backslash in the name (a path separator on Windows)';
  if (name.startsWith('/')) return 'absolute path';
  if (/^[A-Za-z]:/.test(name)) return 'drive letter (absolute or drive-relative path)';
  const segments = (name.endsWith('/') ? name.slice(0, -1) : name).split('/');
  for (const segment of segments) {
    const reason = unsafeSegment(segment);
    if (reason) return reason;
  }
  return null;
}

function unsafeSegment(segment: string): string | null {
  if (segment === '') return 'empty path segment';
  if (segment === '..') return '".." segment (escapes the target folder)';
  if (segment === '.') return '"." segment';
  if (segment.length > MAX_SEGMENT) return 'path segment too long';
  if (FORBIDDEN_CHARS.test(segment)) return 'character not allowed in Windows file names (control, <>:"|?*)';
  if (/[. ]$/.test(segment)) return 'segment ends with a dot or a space';
  if (WINDOWS_DEVICE.test(segment)) return `Windows device name "${segment}"`;
  return null;
}

/** Why the entry is unsafe (name, type or encryption), or null when it may be extracted. */
export function unsafeEntry(entry: ZipEntryInfo): string | null {
  const byName = unsafeEntryName(entry.name);
  if (byName) return byName;
  if (((entry.generalPurposeBitFlag ?? 0) & 1) !== 0) return 'encrypted entry';
  if ((entry.externalFileAttributes & DOS_REPARSE_POINT) !== 0) return 'reparse point (link or junction)';
  if (entry.versionMadeBy >>> 8 === UNIX_HOST) {
    const type = (entry.externalFileAttributes >>> 16) & S_IFMT;
    if (type === S_IFLNK) return 'symbolic link';
    if (type !== 0 && type !== S_IFREG && type !== S_IFDIR) return 'special file (device, pipe or socket)';
  }
  return null;
}

export const isDirectoryEntry = (name: string): boolean => name.endsWith('/');

/**
 * Names that Windows would open as the same file: case-insensitive, as the file system is. Two such
 * entries would let the second silently replace the first after it was checked.
 */
export function duplicateName(names: readonly string[]): string | null {
  const seen = new Set<string>();
  for (const name of names) {
    const key = name.toLowerCase().replace(/\/$/, '');
    if (seen.has(key)) return name;
    seen.add(key);
  }
  return null;
}

import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { ErrorCode } from '@ark-asa/contracts';
import { AppError } from '../../domain/app-error.ts';

const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

/**
 * An instance id becomes a directory name. Ids are UUIDs, but the check does not trust that: no
 * separators or dots (no `..`), no Windows device names (`CON`, `NUL`…), which Windows would
 * open as devices whatever the directory.
 */
export function assertSafeId(id: string): void {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id) || WINDOWS_DEVICE.test(id)) {
    throw new AppError(ErrorCode.FILESYSTEM, `"${id}" cannot be used as an instance directory name`);
  }
}

/** `rel` is a path strictly below its base: not empty, not absolute (another drive), not `..`-escaping. */
export function isStrictlyInside(rel: string): boolean {
  return rel !== '' && !path.isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${path.sep}`);
}

/**
 * Resolves `target` with realpath and requires it to be a direct child of `root` (also resolved).
 * realpath rather than path.resolve because a symlink or junction would otherwise lead a check on
 * the text of the path somewhere else on disk (pgAdmin CVE-2026-7819, Wings GHSA-494h-9924-xww9). A direct
 * child because instance directories are never nested deeper, so anything else is a corrupted
 * record, and deleting part of another tree is as bad as deleting the wrong tree.
 * Returns null when the target does not exist. path.relative compares case-insensitively on Windows.
 */
export async function resolveChildOf(root: string, target: string): Promise<string | null> {
  const real = await realpathOrNull(target);
  if (real === null) return null;
  const realRoot = await realpathOrNull(root);
  const rel = realRoot === null ? '..' : path.relative(realRoot, real);
  if (!isStrictlyInside(rel) || rel.includes(path.sep)) {
    throw new AppError(
      ErrorCode.FILESYSTEM,
      `Refusing to touch ${target}: it resolves to ${real}, which is not an instance directory under ${root}`,
    );
  }
  return real;
}

/**
 * The folder of an instance imported to run in place (docs/import.md), resolved; null when it is
 * gone. It lies outside runtime/instances by design; the record's flag, not the path, allows it.
 */
export function inPlaceDir(installPath: string): Promise<string | null> {
  return realpathOrNull(installPath);
}

async function realpathOrNull(p: string): Promise<string | null> {
  try {
    return await fsp.realpath(p);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/**
 * Directories on the way to a file the layout writes must be real directories: a symlink or
 * junction planted there would make the next link or write land outside the instance.
 * lstat sees junctions as symbolic links on Windows.
 */
export async function assertRealDirectory(dir: string): Promise<void> {
  const st = await fsp.lstat(dir);
  if (!st.isDirectory()) {
    throw new AppError(
      ErrorCode.FILESYSTEM,
      `${dir} is a link or a file, not a directory; refusing to write through it`,
    );
  }
}

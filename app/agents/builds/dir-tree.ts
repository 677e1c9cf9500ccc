import { constants } from 'node:fs';
import { cp, lstat, readdir } from 'node:fs/promises';
import path from 'node:path';

/** Bytes of the regular files under `dir` (symlinks are not followed). */
export async function directorySize(dir: string): Promise<number> {
  let total = 0;
  const pending = [dir];
  for (let current = pending.pop(); current !== undefined; current = pending.pop()) {
    for (const entry of await readdir(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) pending.push(full);
      else if (entry.isFile()) total += (await lstat(full)).size;
    }
  }
  return total;
}

export interface CopyTreeOptions {
  signal: AbortSignal;
  /** Bytes copied so far and the total, before each file. */
  onProgress?: (doneBytes: number, totalBytes: number) => void;
}

/**
 * A real copy of a directory tree: copy-on-write clones where the file system has them (Btrfs,
 * XFS, APFS, ReFS), ordinary copies elsewhere. Never hard links: the copy is handed to SteamCMD,
 * which may rewrite files in place, while the source is a published build whose files are
 * hard-linked into instances whose servers may be running.
 */
export async function copyTree(src: string, dest: string, opts: CopyTreeOptions): Promise<void> {
  const total = await directorySize(src);
  let done = 0;
  await cp(src, dest, {
    recursive: true,
    mode: constants.COPYFILE_FICLONE,
    preserveTimestamps: true,
    verbatimSymlinks: true,
    // Called before each entry is copied: the one place to stop early and to count bytes.
    filter: async (source) => {
      opts.signal.throwIfAborted();
      const stat = await lstat(source);
      if (stat.isFile()) {
        opts.onProgress?.(done, total);
        done += stat.size;
      }
      return true;
    },
  });
}

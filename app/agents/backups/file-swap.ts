import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { ErrorCode } from '@ark-asa/contracts';
import { AppError } from '../../domain/app-error.ts';
import { toDiskPath } from './backup-paths.ts';

/** Entry names (relative to ShooterGame/Saved, `/`-separated) by what a restore does to them. */
export interface SwapPlan {
  replaced: string[];
  added: string[];
  /** Live save files the backup does not have: moved out so the restored set is exactly the backup's. */
  removed: string[];
}

async function lstatOrNull(p: string) {
  try {
    return await fsp.lstat(p);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/**
 * Makes `rel` (a `/`-separated folder under `root`) exist as real directories, refusing any
 * component that is a link or a junction: a restore writes there, and a link planted on the way
 * would carry the write outside the instance (docs/operations.md#restore-safety, Wings' symlink CVEs).
 * lstat reports junctions as symbolic links on Windows. With `create` false it only checks what exists.
 */
export async function ensureRealDirs(root: string, rel: string, create = true): Promise<void> {
  let current = root;
  for (const segment of rel.split('/').filter(Boolean)) {
    current = path.join(current, segment);
    const st = await lstatOrNull(current);
    if (st === null && !create) return;
    if (st === null) await fsp.mkdir(current);
    else if (!st.isDirectory()) {
      throw new AppError(
        ErrorCode.FILESYSTEM,
        `${current} is a link or a file, not a folder; refusing to restore through it`,
      );
    }
  }
}

export async function planSwap(
  savedDir: string,
  incoming: readonly string[],
  liveSaveFiles: readonly string[],
): Promise<SwapPlan> {
  const replaced: string[] = [];
  const added: string[] = [];
  for (const entry of incoming) {
    if (await lstatOrNull(toDiskPath(savedDir, entry))) replaced.push(entry);
    else added.push(entry);
  }
  const keep = new Set(incoming.map((e) => e.toLowerCase()));
  const removed = liveSaveFiles.filter((e) => !keep.has(e.toLowerCase()));
  return { replaced: replaced.sort(), added: added.sort(), removed: removed.sort() };
}

/**
 * Puts the extracted files in place with renames inside one volume (the work folder is inside
 * ShooterGame/Saved): the live files move to `oldDir` first, then the new ones into their places.
 * Each file is either old or new, never half-written. If any rename fails, every move already made
 * is undone in reverse, so the live folder is as it was.
 */
export async function swapIn(savedDir: string, newDir: string, oldDir: string, plan: SwapPlan): Promise<void> {
  const done: { from: string; to: string }[] = [];
  const move = async (from: string, to: string) => {
    await fsp.mkdir(path.dirname(to), { recursive: true });
    await fsp.rename(from, to);
    done.push({ from, to });
  };
  const live = (e: string) => toDiskPath(savedDir, e);
  try {
    for (const e of [...plan.replaced, ...plan.removed]) await move(live(e), toDiskPath(oldDir, e));
    for (const e of [...plan.replaced, ...plan.added]) await move(toDiskPath(newDir, e), live(e));
  } catch (err) {
    for (const step of done.reverse()) await fsp.rename(step.to, step.from).catch(() => undefined);
    throw err;
  }
}

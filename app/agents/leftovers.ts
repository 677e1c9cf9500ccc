// What jobs killed half-way leave on disk: restore work folders inside an instance's Saved folder,
// staging copies and partial zips beside the backups, an interrupted copy of a build. At start
// nothing runs yet, so all of them belong to dead runs and only cost disk space.
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { PARTIAL_SUFFIX, RESTORE_PREFIX, SAVED_DIR, STAGING_PREFIX } from './backups/backup-paths.ts';
import { stagingCopyDir, stagingDir } from './builds/build-paths.ts';
import { directorySize } from './builds/dir-tree.ts';

export interface Leftover {
  path: string;
  bytes: number;
  /** The instance the leftover belongs to, when it lies in one's folders. */
  instanceId: string | null;
  what: string;
  /** False when it was kept on purpose (`keptBecause` says why) or could not be removed. */
  removed: boolean;
  keptBecause?: string;
}

async function names(dir: string): Promise<string[]> {
  try {
    return await fsp.readdir(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw err;
  }
}

async function sizeOf(p: string): Promise<number> {
  const st = await fsp.lstat(p).catch(() => null);
  if (!st) return 0;
  return st.isDirectory() ? directorySize(p).catch(() => 0) : st.size;
}

async function isEmptyDir(p: string): Promise<boolean> {
  return (await names(p)).length === 0;
}

interface Candidate {
  path: string;
  instanceId: string | null;
  what: string;
  keptBecause?: string;
}

async function restoreFolders(instancesRoot: string): Promise<Candidate[]> {
  const found: Candidate[] = [];
  for (const id of await names(instancesRoot)) {
    const saved = path.join(instancesRoot, id, SAVED_DIR);
    for (const name of (await names(saved)).filter((n) => n.startsWith(RESTORE_PREFIX))) {
      const work = path.join(saved, name);
      // Once the swap began, `old` holds live files moved out (and `new` files not yet moved in):
      // possibly the only copy of a world, which the user must look at (backup-restorer.ts).
      const swapStarted = !(await isEmptyDir(path.join(work, 'old')));
      found.push({
        path: work,
        instanceId: id,
        what: 'restore work folder',
        keptBecause: swapStarted
          ? 'the restore was putting files in place; it may hold the only copy of some save files'
          : undefined,
      });
    }
  }
  return found;
}

async function backupLeftovers(backupsRoot: string): Promise<Candidate[]> {
  const found: Candidate[] = [];
  for (const id of await names(backupsRoot)) {
    for (const name of await names(path.join(backupsRoot, id))) {
      if (name.endsWith(PARTIAL_SUFFIX))
        found.push({ path: path.join(backupsRoot, id, name), instanceId: id, what: 'partial backup archive' });
      else if (name.startsWith(STAGING_PREFIX))
        found.push({ path: path.join(backupsRoot, id, name), instanceId: id, what: 'backup staging folder' });
    }
  }
  return found;
}

async function buildLeftovers(dataRoot: string): Promise<Candidate[]> {
  const found: Candidate[] = [];
  const copy = stagingCopyDir(dataRoot);
  if ((await names(path.dirname(copy))).includes(path.basename(copy)))
    found.push({ path: copy, instanceId: null, what: 'interrupted copy of a server build' });
  const staging = stagingDir(dataRoot);
  if ((await names(path.dirname(staging))).includes(path.basename(staging)))
    found.push({
      path: staging,
      instanceId: null,
      what: 'server build staging folder',
      // SteamCMD resumes from it: deleting it would turn the next install into a full download.
      keptBecause: 'the next build install resumes from it',
    });
  return found;
}

/** World zips uploaded for an import job (app/services/save-upload.ts): that job ended with the run. */
async function uploadLeftovers(dataRoot: string): Promise<Candidate[]> {
  const dir = path.join(dataRoot, 'runtime', 'uploads');
  return (await names(dir))
    .filter((n) => n.endsWith('.zip'))
    .map((n) => ({ path: path.join(dir, n), instanceId: null, what: 'uploaded world zip' }));
}

/**
 * Finds the leftovers of interrupted jobs under `dataRoot` and removes those that are safe to
 * remove. Call it only when no job runs (at start, before the job runner takes work).
 */
export async function cleanLeftovers(dataRoot: string): Promise<Leftover[]> {
  const candidates = [
    ...(await restoreFolders(path.join(dataRoot, 'runtime', 'instances'))),
    ...(await backupLeftovers(path.join(dataRoot, 'backups'))),
    ...(await buildLeftovers(dataRoot)),
    ...(await uploadLeftovers(dataRoot)),
  ];
  const result: Leftover[] = [];
  for (const c of candidates) {
    const bytes = await sizeOf(c.path);
    if (c.keptBecause) {
      result.push({ ...c, bytes, removed: false });
      continue;
    }
    try {
      await fsp.rm(c.path, { recursive: true, force: true });
      result.push({ ...c, bytes, removed: true });
    } catch (err) {
      result.push({ ...c, bytes, removed: false, keptBecause: `it could not be removed: ${(err as Error).message}` });
    }
  }
  return result;
}

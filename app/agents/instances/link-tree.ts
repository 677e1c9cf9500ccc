import { type BigIntStats, promises as fsp } from 'node:fs';
import path from 'node:path';
import { forEachLimit } from './concurrency.ts';
import type { FileLinker, LinkOutcome } from './file-linker.ts';
import { assertRealDirectory } from './path-guard.ts';

/** What happened to one build file at its place in the instance. */
export type Placement = LinkOutcome | 'present' | 'kept';

export interface LinkCounts {
  linked: number;
  copied: number;
  present: number;
  /** Files left alone because the instance's own file sits where the build has one. */
  kept: string[];
}

/** Decides whether an existing instance file (not already the build's file) may be replaced. */
export type Replaceable = (rel: string, existing: BigIntStats) => Promise<boolean>;

// bigint: NTFS file ids are 64-bit; as a JS number they lose their low bits and two files could compare equal.
export const statBig = (p: string): Promise<BigIntStats> => fsp.stat(p, { bigint: true });

export async function lstatOrNull(p: string): Promise<BigIntStats | null> {
  try {
    return await fsp.lstat(p, { bigint: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/*
 * Timestamps do not survive a copy exactly: utimes goes through a float number of seconds (off by
 * a millisecond now and then), exFAT keeps 10 ms and FAT 2 s, and FAT volumes are where copies
 * happen. A build's files are written at install time, long before any server writes its own.
 */
const MTIME_SLACK_MS = 2000n;

export function sameInode(a: BigIntStats, b: BigIntStats): boolean {
  return a.dev === b.dev && a.ino === b.ino;
}

/**
 * Whether an instance file is (still) this build's file, i.e. ours to replace or remove: the same
 * inode (a hard link), or a copy the linker made where it could not link: a single link, the same
 * size and, since the linker copies timestamps, the same mtime within MTIME_SLACK_MS. A file with
 * more links belongs to some other tree (another build). Anything else, including a symlink, was
 * put there by the server or the user.
 */
export function isBuildFile(instanceFile: BigIntStats, buildFile: BigIntStats): boolean {
  if (!instanceFile.isFile()) return false;
  if (sameInode(instanceFile, buildFile)) return true;
  const drift = instanceFile.mtimeMs - buildFile.mtimeMs;
  return (
    instanceFile.nlink === 1n &&
    instanceFile.size === buildFile.size &&
    drift <= MTIME_SLACK_MS &&
    drift >= -MTIME_SLACK_MS
  );
}

/** Creates the build's directories in the instance, refusing links planted in their place. */
export async function makeDirs(instanceDir: string, dirs: readonly string[], limit: number): Promise<void> {
  // Parents first: `dirs` is in walk order, and mkdir -p makes concurrent creation of a shared parent harmless.
  await forEachLimit(dirs, limit, async (rel) => {
    const dir = path.join(instanceDir, rel);
    await fsp.mkdir(dir, { recursive: true });
    await assertRealDirectory(dir);
  });
}

/** Places every listed build file in the instance, `limit` at a time. */
export async function linkFiles(
  linker: FileLinker,
  buildRoot: string,
  files: readonly string[],
  instanceDir: string,
  opts: { limit: number; replaceable: Replaceable },
): Promise<LinkCounts> {
  const counts: LinkCounts = { linked: 0, copied: 0, present: 0, kept: [] };
  await forEachLimit(files, opts.limit, async (rel) => {
    const outcome = await placeFile(linker, path.join(buildRoot, rel), path.join(instanceDir, rel), (st) =>
      opts.replaceable(rel, st),
    );
    if (outcome === 'kept') counts.kept.push(rel);
    else counts[outcome]++;
  });
  counts.kept.sort();
  return counts;
}

/**
 * Puts build file `src` at `dst`. Nothing to do when `dst` already is that file (same inode),
 * which makes a retry after a crash cheap. A copy is never taken for the file itself here: equal
 * size and mtime do not prove equal bytes, so copies are made again. A file in the way is replaced
 * by linking to a temp name beside it and renaming over it, so `dst` is never missing or
 * half-copied, even if we crash in between.
 */
export async function placeFile(
  linker: FileLinker,
  src: string,
  dst: string,
  replaceable: (existing: BigIntStats) => Promise<boolean>,
): Promise<Placement> {
  const [srcStat, dstStat] = await Promise.all([statBig(src), lstatOrNull(dst)]);
  if (dstStat === null) return linker.link(src, dst);
  if (sameInode(dstStat, srcStat)) return 'present';
  if (!(await replaceable(dstStat))) return 'kept';
  const tmp = `${dst}.link-tmp`;
  await fsp.rm(tmp, { force: true });
  const outcome = await linker.link(src, tmp);
  await fsp.rename(tmp, dst);
  return outcome;
}

import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { BuildTree } from './build-tree.ts';
import { forEachLimit } from './concurrency.ts';
import type { FileLinker } from './file-linker.ts';
import { isBuildFile, type LinkCounts, linkFiles, lstatOrNull, makeDirs, statBig } from './link-tree.ts';

export interface BuildSide {
  root: string;
  tree: BuildTree;
}

export interface RelinkSummary extends LinkCounts {
  /** Old-build files the new build no longer has, unlinked from the instance. */
  removed: number;
}

// NTFS and the default macOS volume ignore case: Foo.dll in one build and foo.dll in the next are one file there.
const pathKey = (rel: string): string =>
  process.platform === 'win32' || process.platform === 'darwin' ? rel.toLowerCase() : rel;

/**
 * Moves a stopped instance from one build to another. The rules, and why:
 * 1. Only paths the builds list are looked at. ShooterGame/Saved/** and steamapps/ are never
 *    listed, so saves, configs and logs cannot be touched whatever else goes wrong.
 * 2. A file at a build path is ours to replace or remove only if it IS the old build's file
 *    (same dev+ino, or the linker's copy of it). Everything else the server or the user made:
 *    CurseForge mods in Binaries/Win64/ShooterGame/Mods, ModsUserData, PlayersJoinNoCheckList.txt,
 *    a DLL someone swapped in. Those are kept, even where the new build ships a file of that name.
 * 3. Old-build files the new build dropped are unlinked first, then their directories if that
 *    leaves them empty (a directory holding the server's own files stays), and only then are new
 *    files linked, so a path that changes from file to directory (or back) between builds works.
 * 4. Replacing goes through a temp link and a rename, so each path holds either the old or the new
 *    build's file; a crash midway leaves a mixed but complete tree, and running relink again finishes it.
 */
export async function relinkTree(
  linker: FileLinker,
  instanceDir: string,
  from: BuildSide,
  to: BuildSide,
  limit: number,
): Promise<RelinkSummary> {
  const removed = await removeDropped(instanceDir, from, to, limit);
  const oldFiles = new Set(from.tree.files.map(pathKey));
  await makeDirs(instanceDir, to.tree.dirs, limit);
  const counts = await linkFiles(linker, to.root, to.tree.files, instanceDir, {
    limit,
    replaceable: async (rel, existing) =>
      oldFiles.has(pathKey(rel)) && isBuildFile(existing, await statBig(path.join(from.root, rel))),
  });
  return { ...counts, removed };
}

async function removeDropped(instanceDir: string, from: BuildSide, to: BuildSide, limit: number): Promise<number> {
  const newFiles = new Set(to.tree.files.map(pathKey));
  const dropped = from.tree.files.filter((rel) => !newFiles.has(pathKey(rel)));
  let removed = 0;
  await forEachLimit(dropped, limit, async (rel) => {
    const mine = await lstatOrNull(path.join(instanceDir, rel));
    if (mine === null || !isBuildFile(mine, await statBig(path.join(from.root, rel)))) return;
    await fsp.unlink(path.join(instanceDir, rel));
    removed++;
  });
  const newDirs = new Set(to.tree.dirs.map(pathKey));
  // Deepest first, so a parent is tried after its children went.
  const goneDirs = from.tree.dirs.filter((rel) => !newDirs.has(pathKey(rel))).reverse();
  for (const rel of goneDirs) await removeIfEmpty(path.join(instanceDir, rel));
  return removed;
}

async function removeIfEmpty(dir: string): Promise<void> {
  try {
    await fsp.rmdir(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // Not empty: the server keeps files there. Gone or not a directory: nothing of ours to remove.
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST' && code !== 'ENOENT' && code !== 'ENOTDIR') throw err;
  }
}

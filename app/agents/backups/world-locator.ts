import { promises as fsp, type Dirent } from 'node:fs';
import path from 'node:path';
import { expectedMapFolder, isPlainFolderName, isWorldFileName } from '../../domain/backup-contents.ts';
import { toDiskPath } from './backup-paths.ts';

/** Where the server really keeps a map's world, as names found on disk (relative to ShooterGame/Saved). */
export interface WorldLocation {
  /** `SavedArks` or the AltSaveDirectoryName folder, spelled as on disk. */
  saveDir: string;
  /** The map's folder inside it, spelled as on disk (`TheIsland_WP`, `BobsMissions`, …). */
  folder: string;
  /** The world file's name in that folder (`TheIsland_WP.ark`, `BobsMissions_WP.ark`, …). */
  world: string;
}

async function listDir(dir: string): Promise<Dirent[]> {
  try {
    return await fsp.readdir(dir, { withFileTypes: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw err;
  }
}

/**
 * The entry named `name` in any case, the exact spelling first. The server runs on Windows, where
 * `SavedArks/theisland_wp` and `SavedArks/TheIsland_WP` are one folder; a copy on Linux (or a
 * hand-made folder) may spell it differently from the map id.
 */
function matchName(entries: readonly Dirent[], name: string, isDir: boolean): string | null {
  const kind = (e: Dirent) => (isDir ? e.isDirectory() || e.isSymbolicLink() : e.isFile());
  const candidates = entries.filter((e) => kind(e) && e.name.toLowerCase() === name.toLowerCase());
  return (candidates.find((e) => e.name === name) ?? candidates[0])?.name ?? null;
}

async function newestWorld(dir: string): Promise<{ name: string; mtimeMs: number } | null> {
  let best: { name: string; mtimeMs: number } | null = null;
  for (const e of await listDir(dir)) {
    if (!e.isFile() || !isWorldFileName(e.name)) continue;
    const { mtimeMs } = await fsp.stat(path.join(dir, e.name));
    if (!best || mtimeMs > best.mtimeMs) best = { name: e.name, mtimeMs };
  }
  return best;
}

/**
 * Finds the world the server writes for `map` under `savedDir` (ShooterGame/Saved) with the save
 * folder `saveDirName` (SavedArks or AltSaveDirectoryName), in this order:
 * 1. the expected folder (`<map>`, or `BobsMissions` for Club ARK), any case, holding `<map>.ark`
 *    in any case, or else the newest plain `.ark` in it;
 * 2. otherwise the newest plain `.ark` in any folder directly under the save folder, the one the
 *    server last wrote (mod maps may save under their own folder and file name).
 * ARK's timestamped copies never count as the world. Null when there is no world at all.
 */
export async function locateWorld(savedDir: string, saveDirName: string, map: string): Promise<WorldLocation | null> {
  const saveDir = matchName(await listDir(savedDir), saveDirName, true);
  if (!saveDir) return null;
  const root = toDiskPath(savedDir, saveDir);
  const folders = (await listDir(root)).filter(
    (e) => (e.isDirectory() || e.isSymbolicLink()) && isPlainFolderName(e.name),
  );
  for (const wanted of new Set([expectedMapFolder(map), map])) {
    const folder = matchName(folders, wanted, true);
    if (!folder) continue;
    const entries = await listDir(toDiskPath(root, folder));
    const world = matchName(entries, `${map}.ark`, false) ?? (await newestWorld(toDiskPath(root, folder)))?.name;
    if (world && isWorldFileName(world)) return { saveDir, folder, world };
  }
  let newest: (WorldLocation & { mtimeMs: number }) | null = null;
  for (const f of folders) {
    const found = await newestWorld(toDiskPath(root, f.name));
    if (found && (!newest || found.mtimeMs > newest.mtimeMs))
      newest = { saveDir, folder: f.name, world: found.name, mtimeMs: found.mtimeMs };
  }
  if (!newest) return null;
  const { mtimeMs: _mtime, ...location } = newest;
  return location;
}

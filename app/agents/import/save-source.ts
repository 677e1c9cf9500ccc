import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { ErrorCode } from '@ark-asa/contracts';
import { AppError } from '../../domain/app-error.ts';
import { expectedMapFolder, isSaveFile, isWorldFileName } from '../../domain/backup-contents.ts';
import { openChecked, readEntry, type ArchiveEntry, type CheckedArchive } from '../backups/zip-reader.ts';

/** The world to import, as files on disk (a folder's own, or extracted from a zip into staging). */
export interface SaveSet {
  /** The world file's name as found. */
  world: string;
  /** The world first, then its player and tribe files. */
  files: string[];
}

const badSource = (message: string) => AppError.validation([{ field: 'sourcePath', message }]);
const SKIP_DIRS = new Set(['config', 'logs', 'crashes', 'binaries', 'content', 'plugins', 'engine']);
const MAX_DEPTH = 5;
const MAX_DIRS = 2000;

/**
 * Folders (up to a few levels down) that hold a plain world file, with that file's name. The
 * walk is bounded: a path such as a drive root must not turn a save import into a disk scan.
 */
async function worldDirs(
  dir: string,
  budget = { dirs: MAX_DIRS },
  depth = 0,
): Promise<{ dir: string; worlds: string[] }[]> {
  if (--budget.dirs < 0) return [];
  const entries = await fsp.readdir(dir, { withFileTypes: true }).catch(() => []);
  const worlds = entries.filter((e) => e.isFile() && isWorldFileName(e.name)).map((e) => e.name);
  const found = worlds.length > 0 ? [{ dir, worlds }] : [];
  if (depth >= MAX_DEPTH) return found;
  for (const e of entries)
    if (e.isDirectory() && !SKIP_DIRS.has(e.name.toLowerCase()))
      found.push(...(await worldDirs(path.join(dir, e.name), budget, depth + 1)));
  return found;
}

const baseName = (world: string) => world.replace(/\.ark$/i, '').toLowerCase();

/** The world of `map` among the candidates: its file name or its folder says so; else the only world. */
function pick<T extends { folder: string; world: string }>(candidates: T[], map: string, source: string): T {
  const wanted = [map.toLowerCase(), expectedMapFolder(map).toLowerCase()];
  const matching = candidates.filter(
    (c) => wanted.includes(baseName(c.world)) || wanted.includes(path.basename(c.folder).toLowerCase()),
  );
  if (matching.length >= 1) return matching[0]!;
  if (candidates.length === 0) throw badSource(`${source} holds no world save (no .ark file)`);
  const names = candidates.map((c) => c.world).join(', ');
  throw badSource(
    `${source} holds ${names}, not a world of ${map}, the map this server runs; change the server's map first or import into a server of that map`,
  );
}

/** The world of `map` in a folder: an install, its ShooterGame/Saved, SavedArks, or the map's folder itself. */
export async function saveSetFromFolder(folder: string, map: string): Promise<SaveSet> {
  const candidates = (await worldDirs(folder)).flatMap(({ dir, worlds }) =>
    worlds.map((w) => ({ folder: dir, world: w })),
  );
  const chosen = pick(candidates, map, folder);
  const names = await fsp.readdir(chosen.folder);
  const players = names.filter((n) => n !== chosen.world && isSaveFile(n, chosen.world));
  return { world: chosen.world, files: [chosen.world, ...players].map((n) => path.join(chosen.folder, n)) };
}

/** Opens the zip with every entry checked (zip-slip, links, devices) before anything is read. */
export async function openSaveZip(file: string): Promise<CheckedArchive> {
  try {
    return await openChecked(file);
  } catch (err) {
    if (err instanceof AppError && err.code === ErrorCode.UNSAFE_ARCHIVE) throw err;
    throw badSource(`${file} cannot be read as a zip archive`);
  }
}

/** The zip's world of `map` extracted (CRC-checked) into `stagingDir`, with its player files. */
export async function saveSetFromZip(
  archive: CheckedArchive,
  map: string,
  stagingDir: string,
  source: string,
): Promise<SaveSet> {
  const files = archive.entries.filter((e) => !e.isDirectory);
  const dirOf = (e: ArchiveEntry) => e.name.slice(0, Math.max(0, e.name.lastIndexOf('/')));
  const fileOf = (e: ArchiveEntry) => e.name.slice(e.name.lastIndexOf('/') + 1);
  const candidates = files
    .filter((e) => isWorldFileName(fileOf(e)))
    .map((e) => ({ folder: dirOf(e) || '.', world: fileOf(e) }));
  const chosen = pick(candidates, map, source);
  const folder = chosen.folder === '.' ? '' : chosen.folder;
  const taken = files.filter((e) => dirOf(e) === folder && isSaveFile(fileOf(e), chosen.world));
  await fsp.mkdir(stagingDir, { recursive: true });
  const out: string[] = [];
  for (const entry of taken) {
    const target = path.join(stagingDir, fileOf(entry));
    const handle = await fsp.open(target, 'wx');
    try {
      await readEntry(archive, entry, async (chunk) => {
        for (let off = 0; off < chunk.length;) off += (await handle.write(chunk, off)).bytesWritten;
      });
      await handle.sync();
    } finally {
      await handle.close();
    }
    out.push(target);
  }
  const world = out.find((f) => path.basename(f) === chosen.world)!;
  return { world: chosen.world, files: [world, ...out.filter((f) => f !== world)] };
}

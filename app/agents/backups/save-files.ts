import { promises as fsp, type Stats } from 'node:fs';
import path from 'node:path';
import { ErrorCode } from '@ark-asa/contracts';
import { AppError } from '../../domain/app-error.ts';
import { configEntries, isSaveFile, WORLD_SIDE_SUFFIXES } from '../../domain/backup-contents.ts';
import { toDiskPath } from './backup-paths.ts';

export interface SourceFile {
  /** Entry name in the archive, relative to ShooterGame/Saved. */
  entry: string;
  abs: string;
  /** Size when listed (for progress; the staged size is the one that counts). */
  sizeBytes: number;
}

export interface StagedFile extends SourceFile {
  staged: string;
  mtime: Date;
}

const COPY_ATTEMPTS = 3;

async function statOrNull(p: string): Promise<Stats | null> {
  try {
    return await fsp.stat(p);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** A map's save folder (relative to ShooterGame/Saved, `/`-separated) and its world file's name. */
export interface SavePlace {
  folder: string;
  world: string;
}

async function namesIn(savedDir: string, folder: string): Promise<string[]> {
  return fsp.readdir(toDiskPath(savedDir, folder)).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [] as string[];
    throw err;
  });
}

/**
 * The files a backup takes from `savedDir` (the instance's ShooterGame/Saved): the save files
 * directly in the map's folder (none when `place` is null: no world was found) and the two INI
 * files, regular files only. Reading follows a linked save folder (people move saves to another
 * disk); only names that match save files are read, so a link cannot make a backup pick up
 * anything else.
 */
export async function listSaveFiles(savedDir: string, place: SavePlace | null): Promise<SourceFile[]> {
  const files: SourceFile[] = [];
  if (place) {
    for (const name of (await namesIn(savedDir, place.folder)).sort())
      if (isSaveFile(name, place.world)) await addIfFile(files, savedDir, `${place.folder}/${name}`);
  }
  for (const entry of configEntries()) await addIfFile(files, savedDir, entry);
  return files;
}

/** SQLite's `-wal`, `-shm` and `-journal` files beside the world, as entry names (any case). */
export async function listWorldSideFiles(savedDir: string, place: SavePlace): Promise<string[]> {
  const wanted = new Set(WORLD_SIDE_SUFFIXES.map((s) => `${place.world}${s}`.toLowerCase()));
  const files: SourceFile[] = [];
  for (const name of await namesIn(savedDir, place.folder))
    if (wanted.has(name.toLowerCase())) await addIfFile(files, savedDir, `${place.folder}/${name}`);
  return files.map((f) => f.entry);
}

async function addIfFile(files: SourceFile[], savedDir: string, entry: string): Promise<void> {
  const abs = toDiskPath(savedDir, entry);
  const st = await statOrNull(abs);
  if (st?.isFile()) files.push({ entry, abs, sizeBytes: st.size });
}

const sameVersion = (a: Stats, b: Stats) => a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino;

/**
 * Copies each file into `stagingDir` right after the save, so the zip reads from copies that
 * nothing writes to. ARK replaces the world by writing a temp file and renaming it over the
 * `.ark`: a copy reads one version whole (the open handle keeps the old file). The stat before and
 * after proves it — a file that changed underneath is copied again. A file that vanished between
 * listing and copying (ARK rotates `.profilebak`) is left out.
 */
export async function stageFiles(
  files: readonly SourceFile[],
  stagingDir: string,
  onBytes: (bytes: number) => void,
  signal: AbortSignal,
): Promise<StagedFile[]> {
  const staged: StagedFile[] = [];
  for (const file of files) {
    signal.throwIfAborted();
    const copy = await stageOne(file, toDiskPath(stagingDir, file.entry));
    if (!copy) continue;
    staged.push(copy);
    onBytes(copy.sizeBytes);
  }
  return staged;
}

async function stageOne(file: SourceFile, target: string): Promise<StagedFile | null> {
  await fsp.mkdir(path.dirname(target), { recursive: true });
  for (let attempt = 1; attempt <= COPY_ATTEMPTS; attempt++) {
    const before = await statOrNull(file.abs);
    if (!before) return null;
    try {
      await fsp.copyFile(file.abs, target);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    const after = await statOrNull(file.abs);
    const copied = await fsp.stat(target);
    if (after && sameVersion(before, after) && copied.size === before.size) {
      return { ...file, staged: target, sizeBytes: copied.size, mtime: before.mtime };
    }
  }
  throw new AppError(
    ErrorCode.BACKUP_FAILED,
    `${file.entry} kept changing while it was copied (${COPY_ATTEMPTS} tries); is something other than the server writing it?`,
  );
}

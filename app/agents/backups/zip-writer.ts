import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { StagedFile } from './save-files.ts';
import { syncFile } from './backup-paths.ts';

export interface ZipInput {
  files: readonly StagedFile[];
  /** Small generated entries (the manifest). */
  extras: readonly { name: string; data: Buffer }[];
}

/**
 * Level 1: an .ark is hundreds of MB of mostly incompressible data, where higher levels cost
 * minutes for a few percent. zip64 is switched on by archiver as sizes need it.
 */
const ZLIB_LEVEL = 1;

/**
 * Streams the staged files into a new zip at `target` (never an existing file: `wx`), then flushes
 * it to disk so the rename that publishes it cannot land before its data. `onBytes` gets the bytes
 * of file data read so far.
 */
export async function writeZip(
  target: string,
  input: ZipInput,
  onBytes: (bytes: number) => void,
  signal: AbortSignal,
): Promise<void> {
  // Loaded on the first backup, not at start: archiver and its streams cost every start ~0.1 s.
  const { ZipArchive } = await import('archiver');
  const archive = new ZipArchive({ zlib: { level: ZLIB_LEVEL } });
  // A warning is a file that could not be read (ENOENT after staging): an incomplete archive is a failure.
  archive.on('warning', (err) => archive.destroy(err));
  archive.on('progress', (p) => onBytes(p.fs.processedBytes));
  const written = pipeline(archive, createWriteStream(target, { flags: 'wx' }), { signal });
  for (const f of input.files) archive.file(f.staged, { name: f.entry, date: f.mtime });
  for (const extra of input.extras) archive.append(extra.data, { name: extra.name });
  await Promise.all([archive.finalize(), written]);
  await syncFile(target);
}

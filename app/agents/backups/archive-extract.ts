import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { ErrorCode } from '@ark-asa/contracts';
import { AppError } from '../../domain/app-error.ts';
import { BackupManifest, isRestorableEntry, MANIFEST_ENTRY } from '../../domain/backup-contents.ts';
import type { JobControl } from '../supervisor/supervisor.ts';
import { toDiskPath } from './backup-paths.ts';
import { readEntry, type ArchiveEntry, type CheckedArchive } from './zip-reader.ts';

const MANIFEST_MAX = 4 * 1024 * 1024;

const foreign = (what: string) =>
  new AppError(ErrorCode.UNSAFE_ARCHIVE, `This is not a backup made by the manager (${what}); nothing was extracted`);

/**
 * The archive's manifest, and a check that every file entry is one a restore may write given it
 * (the map's save files and the two INI files) with the size the manifest recorded. Runs on the
 * central directory and the small manifest only, before anything is written.
 */
export async function checkRestorable(
  archive: CheckedArchive,
): Promise<{ manifest: BackupManifest; files: ArchiveEntry[] }> {
  const entry = archive.entries.find((e) => e.name === MANIFEST_ENTRY);
  if (!entry) throw foreign(`no ${MANIFEST_ENTRY}`);
  if (entry.sizeBytes > MANIFEST_MAX) throw foreign('the manifest is too large');
  const chunks: Buffer[] = [];
  await readEntry(archive, entry, (c) => void chunks.push(c));
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw foreign('the manifest is not JSON');
  }
  const manifest = BackupManifest.safeParse(parsed);
  if (!manifest.success) throw foreign('the manifest does not describe a backup');
  const files = archive.entries.filter((e) => !e.isDirectory && e.name !== MANIFEST_ENTRY);
  for (const f of files) {
    if (!isRestorableEntry(f.name, manifest.data)) {
      throw new AppError(
        ErrorCode.UNSAFE_ARCHIVE,
        `The archive holds "${f.name}", which is not part of a save backup; nothing was extracted`,
        {
          entry: f.name,
        },
      );
    }
  }
  const listed = new Map(manifest.data.files.map((f) => [f.name, f.sizeBytes]));
  if (listed.size !== files.length || files.some((f) => listed.get(f.name) !== f.sizeBytes)) {
    throw new AppError(ErrorCode.BACKUP_FAILED, 'The archive does not match its own manifest; it is damaged');
  }
  return { manifest: manifest.data, files };
}

/**
 * Extracts the checked entries under `dir` (a fresh folder of ours), CRC-checking every byte, so
 * a damaged archive fails here, before any live file is touched. Directories on the way are
 * created by us, so nothing in `dir` can be a link.
 */
export async function extractEntries(
  archive: CheckedArchive,
  files: readonly ArchiveEntry[],
  dir: string,
  job: JobControl,
  progress: (done: number, total: number) => void,
): Promise<void> {
  const total = files.reduce((n, f) => n + f.sizeBytes, 0);
  let done = 0;
  for (const entry of files) {
    job.signal.throwIfAborted();
    const target = toDiskPath(dir, entry.name);
    await fsp.mkdir(path.dirname(target), { recursive: true });
    const handle = await fsp.open(target, 'wx');
    try {
      await readEntry(archive, entry, async (chunk) => {
        for (let off = 0; off < chunk.length;) off += (await handle.write(chunk, off)).bytesWritten;
        progress((done += chunk.length), total);
      });
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
}

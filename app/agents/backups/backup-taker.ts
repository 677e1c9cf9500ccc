import { randomUUID } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { ErrorCode } from '@ark-asa/contracts';
import type { BackupKind } from '@ark-asa/contracts';
import { AppError } from '../../domain/app-error.ts';
import {
  expectedMapFolder,
  MANIFEST_ENTRY,
  mapSaveDir,
  NO_WORLD_MESSAGE,
  saveDirName,
  type BackupManifest,
} from '../../domain/backup-contents.ts';
import type { InstanceRecord } from '../../store/instances-repo.ts';
import type { BackupRecord } from '../../store/backups-repo.ts';
import { diskSpace } from '../host-probes.ts';
import type { JobControl } from '../supervisor/supervisor.ts';
import {
  backupFileName,
  instanceBackupDir,
  PARTIAL_SUFFIX,
  removeLeftovers,
  SAVED_DIR,
  STAGING_PREFIX,
  syncDir,
} from './backup-paths.ts';
import { listSaveFiles, stageFiles, type StagedFile } from './save-files.ts';
import { locateWorld, type WorldLocation } from './world-locator.ts';
import { openChecked, readEntry } from './zip-reader.ts';
import { writeZip } from './zip-writer.ts';

export interface TakeInput {
  instance: InstanceRecord;
  /** The instance directory, resolved and checked to be under runtime/instances. */
  instanceDir: string;
  dataRoot: string;
  kind: BackupKind;
  note: string | null;
  createdAt: Date;
  /**
   * Take the files even without a world (only the INI files): for the safety backup before a
   * restore, which keeps whatever is there. Every other backup without a world fails.
   */
  allowNoWorld?: boolean;
}

/** `details.reason` of the error for an instance without a world to back up (never saved). */
export const NOTHING_TO_BACK_UP = 'nothing-to-back-up';

/** Share of the job's bar for each step (the SaveWorld before takes 0–5). */
const STAGE = { from: 5, to: 30 };
const ZIP = { from: 30, to: 80 };
const VERIFY = { from: 80, to: 98 };
const MB = 1024 * 1024;

const scale = (range: { from: number; to: number }, done: number, total: number) =>
  range.from + ((range.to - range.from) * Math.min(done, total)) / Math.max(total, 1);

/**
 * Archives the instance's saves (docs/operations.md#backups): copy to a
 * staging folder, zip the copies under a temporary name, flush, read the zip back in full, and only
 * then rename it into place. The caller records it; nothing here touches the store, so a failure
 * at any step leaves no record and (after cleanup) no file.
 */
export async function takeBackup(input: TakeInput, job: JobControl): Promise<BackupRecord> {
  const { instance } = input;
  const location = await locateWorld(
    path.join(input.instanceDir, SAVED_DIR),
    saveDirName(instance.settings),
    instance.settings.map,
  );
  const dir = instanceBackupDir(input.dataRoot, instance.id);
  await fsp.mkdir(dir, { recursive: true });
  await removeLeftovers(dir); // backups of one instance never overlap (instance lock), so these are dead runs'
  const id = randomUUID();
  const fileName = backupFileName(input.createdAt, input.kind, id);
  const final = path.join(dir, fileName);
  const partial = `${final}${PARTIAL_SUFFIX}`;
  const staging = path.join(dir, `${STAGING_PREFIX}${id}`);
  try {
    const staged = await stageSaves(input, location, staging, job);
    const manifest = manifestOf(input, id, location ?? unplaced(input), staged);
    await zipStaged(partial, staged, manifest, job);
    const entries = await verifyZip(partial, staged, manifest.length, job);
    await fsp.rename(partial, final);
    await syncDir(dir);
    const { size } = await fsp.stat(final);
    return {
      id,
      instanceId: instance.id,
      fileName,
      filePath: final,
      sizeBytes: size,
      createdAt: input.createdAt.toISOString(),
      kind: input.kind,
      entries,
      map: instance.settings.map,
      verified: true,
      note: input.note,
    };
  } catch (err) {
    await fsp.rm(partial, { force: true });
    throw err;
  } finally {
    await fsp.rm(staging, { recursive: true, force: true });
  }
}

async function stageSaves(
  input: TakeInput,
  location: WorldLocation | null,
  staging: string,
  job: JobControl,
): Promise<StagedFile[]> {
  const saved = path.join(input.instanceDir, SAVED_DIR);
  const place = location && { folder: mapSaveDir(location.saveDir, location.folder), world: location.world };
  const sources = await listSaveFiles(saved, place);
  if (!place && !(input.allowNoWorld && sources.length > 0)) {
    throw new AppError(ErrorCode.BACKUP_FAILED, NO_WORLD_MESSAGE, { reason: NOTHING_TO_BACK_UP });
  }
  const total = sources.reduce((n, f) => n + f.sizeBytes, 0);
  await assertRoom(path.dirname(staging), total);
  let copied = 0;
  const onBytes = (b: number) => job.progress(scale(STAGE, (copied += b), total), 'Copying the saves…');
  const staged = await stageFiles(sources, staging, onBytes, job.signal);
  // The world can vanish between finding and copying it (a save folder deleted by hand): the
  // backup would then hold only profiles and INI files, so it fails the same way.
  if (place && !input.allowNoWorld && !staged.some((f) => f.entry === `${place.folder}/${place.world}`)) {
    throw new AppError(ErrorCode.BACKUP_FAILED, NO_WORLD_MESSAGE, { reason: NOTHING_TO_BACK_UP });
  }
  return staged;
}

/** The manifest's place for a world-less safety backup: where the map's world would be. */
function unplaced(input: TakeInput): WorldLocation {
  const { map } = input.instance.settings;
  return { saveDir: saveDirName(input.instance.settings), folder: expectedMapFolder(map), world: `${map}.ark` };
}

/**
 * The staging copy and the zip both sit beside the backups until the copy is deleted: room for
 * twice the saves (the zip is rarely much smaller) is asked for up front, so a full disk fails the
 * backup with a clear message instead of mid-write.
 */
async function assertRoom(dir: string, saveBytes: number): Promise<void> {
  const { freeBytes } = await diskSpace(dir);
  const needed = saveBytes * 2;
  if (freeBytes < needed) {
    const gb = (n: number) => `${(n / 1024 ** 3).toFixed(2)} GB`;
    throw new AppError(
      ErrorCode.BACKUP_FAILED,
      `Not enough disk space for a backup: it needs about ${gb(needed)} in ${dir}, ${gb(freeBytes)} is free`,
    );
  }
}

async function zipStaged(
  partial: string,
  staged: readonly StagedFile[],
  manifest: Buffer,
  job: JobControl,
): Promise<void> {
  const total = staged.reduce((n, f) => n + f.sizeBytes, 0);
  const onBytes = (b: number) =>
    job.progress(scale(ZIP, b, total), `Compressing ${Math.round(b / MB)} of ${Math.round(total / MB)} MB…`);
  await writeZip(partial, { files: staged, extras: [{ name: MANIFEST_ENTRY, data: manifest }] }, onBytes, job.signal);
}

function manifestOf(
  input: TakeInput,
  backupId: string,
  location: WorldLocation,
  staged: readonly StagedFile[],
): Buffer {
  const manifest: BackupManifest = {
    format: 1,
    backupId,
    instanceId: input.instance.id,
    kind: input.kind,
    createdAt: input.createdAt.toISOString(),
    map: input.instance.settings.map,
    saveDir: location.saveDir,
    mapFolder: location.folder,
    world: location.world,
    files: staged.map((f) => ({ name: f.entry, sizeBytes: f.sizeBytes })),
  };
  return Buffer.from(JSON.stringify(manifest, null, 2));
}

/**
 * Reads the new zip back: the same entries as were staged (plus the manifest), the same sizes,
 * and every byte decompressed with its CRC checked. Returns the entry count.
 */
async function verifyZip(
  file: string,
  staged: readonly StagedFile[],
  manifestBytes: number,
  job: JobControl,
): Promise<number> {
  const archive = await openChecked(file);
  try {
    const expected = new Map<string, number>([
      ...staged.map((f) => [f.entry, f.sizeBytes] as const),
      [MANIFEST_ENTRY, manifestBytes],
    ]);
    const total = [...expected.values()].reduce((a, b) => a + b, 0);
    if (archive.entries.length !== expected.size) {
      throw new AppError(
        ErrorCode.BACKUP_FAILED,
        `The new archive has ${archive.entries.length} entries instead of ${expected.size}`,
      );
    }
    let read = 0;
    for (const entry of archive.entries) {
      job.signal.throwIfAborted();
      if (expected.get(entry.name) !== entry.sizeBytes) {
        throw new AppError(
          ErrorCode.BACKUP_FAILED,
          `The new archive's entry ${entry.name} does not match the copied file`,
        );
      }
      await readEntry(archive, entry, (chunk) =>
        job.progress(scale(VERIFY, (read += chunk.length), total), 'Verifying the archive…'),
      );
    }
    return archive.entries.length;
  } finally {
    archive.close();
  }
}

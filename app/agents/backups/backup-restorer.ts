import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { ErrorCode } from '@ark-asa/contracts';
import { AppError } from '../../domain/app-error.ts';
import { manifestPlace } from '../../domain/backup-contents.ts';
import type { JobControl } from '../supervisor/supervisor.ts';
import { RESTORE_PREFIX, SAVED_DIR, syncDir, toDiskPath } from './backup-paths.ts';
import { checkRestorable, extractEntries } from './archive-extract.ts';
import { ensureRealDirs, planSwap, swapIn, type SwapPlan } from './file-swap.ts';
import { listSaveFiles, listWorldSideFiles } from './save-files.ts';
import { openChecked } from './zip-reader.ts';

export interface RestoreInput {
  archiveFile: string;
  /** The instance directory, resolved and checked to be under runtime/instances. */
  instanceDir: string;
  restoreId: string;
}

export interface RestoreOutcome extends SwapPlan {
  safetyBackupId: string | null;
}

/**
 * Restores an archive into a stopped instance:
 * 1. every entry is checked (names, types, manifest, allow-list) before anything is written;
 * 2. the files are extracted into a work folder inside ShooterGame/Saved, every CRC checked;
 * 3. `safetyBackup` runs (the live files are still untouched);
 * 4. the files are swapped in with renames on one volume; live save files the backup lacks, and
 *    the world's SQLite side files (`-wal`, `-shm`, `-journal`), are moved out.
 * A failure in 1–3 leaves the live files as they were and the work folder removed. A failure in 4
 * is rolled back; the work folder is then kept, since it may hold the only copy of a file.
 */
export async function restoreArchive(
  input: RestoreInput,
  job: JobControl,
  safetyBackup: () => Promise<string | null>,
): Promise<RestoreOutcome> {
  job.progress(2, 'Checking the archive…');
  const archive = await openChecked(input.archiveFile);
  const savedDir = path.join(input.instanceDir, SAVED_DIR);
  const work = path.join(savedDir, `${RESTORE_PREFIX}${input.restoreId}`);
  let swapping = false;
  try {
    const { manifest, files } = await checkRestorable(archive);
    const names = files.map((f) => f.name);
    const dirs = [...new Set(names.map((n) => n.slice(0, n.lastIndexOf('/'))))];
    await ensureRealDirs(input.instanceDir, SAVED_DIR.split(path.sep).join('/'));
    for (const dir of dirs) await ensureRealDirs(savedDir, dir, false); // a planted link fails here, before any write
    await fsp.mkdir(work);
    await extractEntries(archive, files, path.join(work, 'new'), job, (done, total) =>
      job.progress(5 + (40 * done) / Math.max(total, 1), 'Extracting the backup…'),
    );
    archive.close();
    const safetyBackupId = await safetyBackup();
    for (const dir of dirs) await ensureRealDirs(savedDir, dir);
    const place = manifestPlace(manifest);
    const live = (await listSaveFiles(savedDir, place))
      .map((f) => f.entry)
      .filter((e) => e.startsWith(`${place.folder}/`));
    // SQLite side files of the live world go with it: an old -wal replayed over the restored
    // world would undo the restore or corrupt it (ASA's .ark is an SQLite database).
    const plan = await planSwap(savedDir, names, [...live, ...(await listWorldSideFiles(savedDir, place))]);
    job.progress(90, 'Putting the restored files in place…');
    swapping = true;
    await swapIn(savedDir, path.join(work, 'new'), path.join(work, 'old'), plan).catch((err: Error) => {
      const message = `Could not put the restored files in place (${err.message}); the live files were moved back. Check ${work} before deleting it`;
      throw new AppError(ErrorCode.FILESYSTEM, message, undefined, { cause: err });
    });
    for (const dir of new Set([...names, ...plan.removed].map((n) => path.dirname(toDiskPath(savedDir, n)))))
      await syncDir(dir);
    swapping = false;
    return { safetyBackupId, ...plan };
  } finally {
    archive.close();
    if (!swapping) await fsp.rm(work, { recursive: true, force: true });
  }
}

import { randomUUID } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { ImportSaveJobResult } from '@ark-asa/contracts';
import {
  expectedMapFolder,
  MANIFEST_ENTRY,
  mapSaveDir,
  saveDirName,
  type BackupManifest,
} from '../../domain/backup-contents.ts';
import type { InstanceRecord } from '../../store/instances-repo.ts';
import type { BackupManager } from '../backups/backup-manager.ts';
import { instanceBackupDir, SAVED_DIR, STAGING_PREFIX } from '../backups/backup-paths.ts';
import { stageFiles, type StagedFile } from '../backups/save-files.ts';
import { locateWorld } from '../backups/world-locator.ts';
import { writeZip } from '../backups/zip-writer.ts';
import type { JobControl } from '../supervisor/supervisor.ts';
import { openSaveZip, saveSetFromFolder, saveSetFromZip, type SaveSet } from './save-source.ts';

export interface SaveImportInput {
  instance: InstanceRecord;
  dataRoot: string;
  sourcePath: string;
}

/** Where the instance keeps (or will keep) its map's world: the imported one goes exactly there. */
async function targetPlace(instanceDir: string, instance: InstanceRecord) {
  const { map } = instance.settings;
  const saveDir = saveDirName(instance.settings);
  const found = await locateWorld(path.join(instanceDir, SAVED_DIR), saveDir, map);
  return found ?? { saveDir, folder: expectedMapFolder(map), world: `${map}.ark` };
}

async function readSource(input: SaveImportInput, staging: string): Promise<SaveSet> {
  const { sourcePath, instance } = input;
  const st = await fsp.stat(sourcePath);
  if (st.isDirectory()) return saveSetFromFolder(sourcePath, instance.settings.map);
  const archive = await openSaveZip(sourcePath);
  try {
    return await saveSetFromZip(archive, instance.settings.map, path.join(staging, 'zip'), sourcePath);
  } finally {
    archive.close();
  }
}

/**
 * Imports a world into a stopped instance (docs/import.md): the source's world and player files
 * are copied (a zip's are extracted after every entry passed the zip-slip checks), packed as a
 * manager backup of the instance's own map folder, and restored by BackupManager.restoreFile,
 * which takes the safety backup first. The world file takes the name the instance's server uses.
 */
export async function importSave(
  input: SaveImportInput,
  backups: Pick<BackupManager, 'restoreFile' | 'instanceDir'>,
  job: JobControl,
): Promise<ImportSaveJobResult> {
  const { instance } = input;
  const instanceDir = await backups.instanceDir(instance.id);
  const dir = instanceBackupDir(input.dataRoot, instance.id);
  const id = randomUUID();
  const staging = path.join(dir, `${STAGING_PREFIX}import-${id}`);
  await fsp.mkdir(staging, { recursive: true });
  try {
    job.progress(2, 'Reading the save…');
    const set = await readSource(input, staging);
    const place = await targetPlace(instanceDir, instance);
    const folder = mapSaveDir(place.saveDir, place.folder);
    const sources = await Promise.all(
      set.files.map(async (abs) => ({
        entry: `${folder}/${abs === set.files[0] ? place.world : path.basename(abs)}`,
        abs,
        sizeBytes: (await fsp.stat(abs)).size,
      })),
    );
    const staged = await stageFiles(
      sources,
      path.join(staging, 'files'),
      () => job.progress(10, 'Copying the save…'),
      job.signal,
    );
    const archive = path.join(staging, 'import.zip');
    await writeZip(
      archive,
      { files: staged, extras: [{ name: MANIFEST_ENTRY, data: manifestOf(instance, id, place, staged) }] },
      () => undefined,
      job.signal,
    );
    const outcome = await backups.restoreFile(instance.id, archive, path.basename(input.sourcePath), job);
    return { instanceId: instance.id, world: set.world, ...outcome };
  } finally {
    await fsp.rm(staging, { recursive: true, force: true });
  }
}

function manifestOf(
  instance: InstanceRecord,
  id: string,
  place: { saveDir: string; folder: string; world: string },
  staged: readonly StagedFile[],
): Buffer {
  const manifest: BackupManifest = {
    format: 1,
    backupId: id,
    instanceId: instance.id,
    kind: 'manual',
    createdAt: new Date().toISOString(),
    map: instance.settings.map,
    saveDir: place.saveDir,
    mapFolder: place.folder,
    world: place.world,
    files: staged.map((f) => ({ name: f.entry, sizeBytes: f.sizeBytes })),
  };
  return Buffer.from(JSON.stringify(manifest, null, 2));
}

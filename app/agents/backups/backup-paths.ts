import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { BackupKind } from '@ark-asa/contracts';
import { assertSafeId } from '../instances/path-guard.ts';

export { syncDir, syncFile } from '../durable-fs.ts';

/** Where ARK keeps everything a backup holds, relative to the instance directory. */
export const SAVED_DIR = path.join('ShooterGame', 'Saved');

export const PARTIAL_SUFFIX = '.partial';
export const STAGING_PREFIX = '.staging-';
export const RESTORE_PREFIX = '.restore-';

/** `<dataRoot>/backups/<instanceId>`: outside the instance, so relinking or deleting it never touches backups. */
export function instanceBackupDir(dataRoot: string, instanceId: string): string {
  assertSafeId(instanceId);
  return path.join(dataRoot, 'backups', instanceId);
}

/** `2026-11-26_07-00-00_pre-update_1a2b3c4d.zip`: sorts by time, says why, unique by id. */
export function backupFileName(createdAt: Date, kind: BackupKind, id: string): string {
  const stamp = createdAt.toISOString().slice(0, 19).replace('T', '_').replace(/:/g, '-');
  return `${stamp}_${kind}_${id.slice(0, 8)}.zip`;
}

/** Entry names use `/`; on Windows the same path on disk uses `\`. */
export const toDiskPath = (root: string, entryName: string): string => path.join(root, ...entryName.split('/'));

/** Leftovers of a run that died (manager killed mid-backup): partial zips and staging copies. */
export async function removeLeftovers(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await fsp.readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const stale = names.filter((n) => n.endsWith(PARTIAL_SUFFIX) || n.startsWith(STAGING_PREFIX));
  for (const name of stale) await fsp.rm(path.join(dir, name), { recursive: true, force: true });
  return stale;
}

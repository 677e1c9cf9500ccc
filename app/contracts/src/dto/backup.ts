import { z } from 'zod';
import { Id, IsoDateTime, ListLimit, listOf } from '../common.ts';

/** Why a backup was taken; retention treats them all alike. */
export const BackupKind = z.enum(['manual', 'scheduled', 'pre-update', 'pre-restore']);
export type BackupKind = z.infer<typeof BackupKind>;

export const Backup = z
  .object({
    id: Id,
    instanceId: Id,
    fileName: z.string().describe('Name of the zip under <dataRoot>/backups/<instanceId>/'),
    sizeBytes: z.int().nonnegative(),
    createdAt: IsoDateTime,
    kind: BackupKind,
    entries: z.int().nonnegative().describe('Files in the archive (saves, profiles, tribes, INI files, manifest)'),
    map: z.string().describe('Map whose save folder the archive holds, e.g. TheIsland_WP'),
    verified: z
      .boolean()
      .describe(
        'Read back in full after writing (sizes and CRCs); false once a later read found it missing or damaged',
      ),
    note: z.string().nullable(),
  })
  .meta({ id: 'Backup' });
export type Backup = z.infer<typeof Backup>;

export const BackupList = listOf(Backup).meta({ id: 'BackupList' });
export type BackupList = z.infer<typeof BackupList>;

export const BackupListQuery = z.object({ limit: ListLimit, cursor: z.string().optional() });
export type BackupListQuery = z.infer<typeof BackupListQuery>;

export const CreateBackupBody = z
  .strictObject({ note: z.string().trim().max(200, 'At most 200 characters').optional() })
  .meta({ id: 'CreateBackupBody' });
export type CreateBackupBody = z.infer<typeof CreateBackupBody>;

/** `result` of a completed BACKUP_INSTANCE job. */
export const BackupJobResult = z
  .object({
    backup: Backup,
    worldSaved: z.boolean().describe('A running server confirmed "World Save Complete" before the copy'),
    pruned: z.array(Id).describe('Backups deleted by the retention policy after this one succeeded'),
  })
  .meta({ id: 'BackupJobResult' });
export type BackupJobResult = z.infer<typeof BackupJobResult>;

/** `result` of a completed RESTORE_BACKUP job; paths are relative to ShooterGame/Saved, with `/`. */
export const RestoreResult = z
  .object({
    backupId: Id,
    safetyBackupId: Id.nullable().describe(
      'The pre-restore backup of what was there before (null when there was nothing)',
    ),
    replaced: z.array(z.string()),
    added: z.array(z.string()),
    removed: z
      .array(z.string())
      .describe('Save files that were not in the backup, moved out (they are in the safety backup)'),
  })
  .meta({ id: 'RestoreResult' });
export type RestoreResult = z.infer<typeof RestoreResult>;

const GiB = 1024 ** 3;

/** Per-instance retention, applied after each successful backup; the newest verified backup is never deleted. */
export const BackupPolicy = z
  .strictObject({
    keepCount: z.int().min(1).max(10_000).default(48).describe('Keep at most this many backups'),
    maxAgeDays: z
      .number()
      .positive()
      .max(36_500)
      .nullable()
      .default(null)
      .describe('Delete older backups; null = no age limit'),
    maxTotalBytes: z
      .int()
      .min(1)
      .nullable()
      .default(20 * GiB)
      .describe('Keep the newest backups whose sizes add up to at most this; null = no size limit'),
  })
  .meta({ id: 'BackupPolicy' });
export type BackupPolicy = z.infer<typeof BackupPolicy>;

export const DEFAULT_BACKUP_POLICY: BackupPolicy = BackupPolicy.parse({});

export const BackupIdParams = z.object({ id: Id, backupId: Id });

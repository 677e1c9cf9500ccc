import type { BackupJobResult } from '@ark-asa/contracts';
import type { BackupManager } from '../../agents/backups/backup-manager.ts';
import type { JobControl } from '../../agents/supervisor/supervisor.ts';
import { AppError } from '../../domain/app-error.ts';
import type { JobHandler } from '../job-handler.ts';

export interface BackupJobDeps {
  backups: Pick<BackupManager, 'take' | 'takeBeforeUpdate'>;
}

/**
 * BACKUP_INSTANCE: SaveWorld when the server runs, then the verified zip, then retention. Holds
 * the instance's power lock (the default), so it never overlaps a start, stop or update of it.
 */
export function backupInstanceJob(deps: BackupJobDeps): JobHandler<'BACKUP_INSTANCE', BackupJobResult> {
  return {
    type: 'BACKUP_INSTANCE',
    run: async (ctx) => {
      const instanceId = ctx.job.instanceId;
      if (!instanceId) throw AppError.invalidState('BACKUP_INSTANCE needs an instance');
      const { kind, note } = ctx.params;
      return deps.backups.take(instanceId, { kind, note: note ?? null }, ctx);
    },
  };
}

/**
 * The `backupBeforeUpdate` dependency of the lifecycle jobs. It runs inside UPDATE_INSTANCE, which
 * already holds the instance lock, so it takes the backup directly: queueing a BACKUP_INSTANCE job
 * would wait for that very lock forever.
 */
export function backupBeforeUpdate(deps: BackupJobDeps): (instanceId: string, ctx: JobControl) => Promise<unknown> {
  return (instanceId, ctx) => deps.backups.takeBeforeUpdate(instanceId, ctx);
}

import type { RestoreResult } from '@ark-asa/contracts';
import type { BackupManager } from '../../agents/backups/backup-manager.ts';
import { AppError } from '../../domain/app-error.ts';
import type { JobHandler } from '../job-handler.ts';

export interface RestoreJobDeps {
  backups: Pick<BackupManager, 'restore'>;
}

/**
 * RESTORE_BACKUP: refuses unless the server is stopped (checked again here, under the instance
 * lock, since a start may have run between the request and now), takes a safety backup, swaps the
 * files in. The result says what was replaced, added and moved out.
 */
export function restoreBackupJob(deps: RestoreJobDeps): JobHandler<'RESTORE_BACKUP', RestoreResult> {
  return {
    type: 'RESTORE_BACKUP',
    run: async (ctx) => {
      const instanceId = ctx.job.instanceId;
      if (!instanceId) throw AppError.invalidState('RESTORE_BACKUP needs an instance');
      const { backupId } = ctx.params;
      return deps.backups.restore(instanceId, backupId, ctx);
    },
  };
}

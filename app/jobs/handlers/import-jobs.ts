import type {
  ImportInstanceBody,
  ImportInstanceJobResult,
  ImportSaveBody,
  ImportSaveJobResult,
} from '@ark-asa/contracts';
import type { JobControl } from '../../agents/supervisor/supervisor.ts';
import { AppError } from '../../domain/app-error.ts';
import type { JobHandler } from '../job-handler.ts';

/** The import work (app/services/import-service.ts); jobs may not import services, so it comes in. */
export interface ImportJobDeps {
  importInstance(params: ImportInstanceBody, job: JobControl): Promise<ImportInstanceJobResult>;
  importSave(instanceId: string, params: ImportSaveBody, job: JobControl): Promise<ImportSaveJobResult>;
}

/**
 * IMPORT_INSTANCE: an existing ASA folder becomes an instance (docs/import.md). No instance lock
 * (there is no instance yet); the new instance is created inside the job, so nothing can start it
 * before its files are in.
 */
export function importInstanceJob(deps: ImportJobDeps): JobHandler<'IMPORT_INSTANCE', ImportInstanceJobResult> {
  return {
    type: 'IMPORT_INSTANCE',
    lockKey: () => 'import-instance',
    run: (ctx) => deps.importInstance(ctx.params, ctx),
  };
}

/** IMPORT_SAVE: under the instance lock, as a restore; the same safety backup first. */
export function importSaveJob(deps: ImportJobDeps): JobHandler<'IMPORT_SAVE', ImportSaveJobResult> {
  return {
    type: 'IMPORT_SAVE',
    run: (ctx) => {
      const instanceId = ctx.job.instanceId;
      if (!instanceId) throw AppError.invalidState('IMPORT_SAVE needs an instance');
      return deps.importSave(instanceId, ctx.params, ctx);
    },
  };
}

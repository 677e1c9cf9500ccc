import { z } from 'zod';
import { Id } from '../common.ts';
import { BackupKind } from './backup.ts';
import { StopInstanceBody } from './instance.ts';
import { ImportInstanceBody, ImportSaveBody } from './instance-import.ts';
import type { JobType } from './job.ts';
import { PrereqId } from './prereqs.ts';

/**
 * The `params` of each job type: exactly what its handler reads. The job runner checks them when a
 * job is queued (a bad one is a programming error, refused at once) and again before a run, so a
 * row written by an older version ends FAILED with `validation-failed` instead of crashing a
 * handler. Strict objects: a misspelt key (`buildID`) would otherwise be dropped in silence.
 */
const NoParams = z.strictObject({});

const SteamBuildId = z.string().regex(/^\d{1,20}$/, 'A Steam build id is a number');

export const StartInstanceJobParams = z.strictObject({
  reason: z.string().optional().describe('Why the server starts (shown in its status message and the event log)'),
  afterJobId: Id.optional().describe(
    'Cluster start: the start job of the previous member; this one waits for it to end',
  ),
  gapSeconds: z.int().min(0).max(600).optional().describe('Cluster start: pause after that job before starting'),
});

export const UpdateInstanceJobParams = StopInstanceBody.safeExtend({
  buildId: SteamBuildId.optional().describe('The build to switch to (default: the newest installed)'),
});

export const InstallBuildJobParams = z.strictObject({
  validate: z.boolean().optional().describe('Check every file against Steam (slower)'),
});

export const DeleteBuildJobParams = z.strictObject({ buildId: SteamBuildId });

/** `scheduled` comes from the scheduler; the pre-* kinds are taken inside other jobs, never queued. */
export const BackupJobParams = z.strictObject({
  kind: BackupKind.default('manual'),
  note: z.string().max(200).optional(),
});
export type BackupJobParams = z.infer<typeof BackupJobParams>;

export const RestoreJobParams = z.strictObject({ backupId: Id });

export const ImportInstanceJobParams = ImportInstanceBody;
export const ImportSaveJobParams = ImportSaveBody;

/** Consent was given at the REST edge; the job only needs what to install. */
export const InstallPrerequisitesJobParams = z.strictObject({ items: z.array(PrereqId).min(1) });

/** One schema per job type; `satisfies` makes a new JobType without a schema a compile error. */
export const JobParamsSchemas = {
  DIAGNOSTICS: NoParams,
  INSTALL_STEAMCMD: NoParams,
  INSTALL_BUILD: InstallBuildJobParams,
  CHECK_LATEST_BUILD: NoParams,
  DELETE_BUILD: DeleteBuildJobParams,
  START_INSTANCE: StartInstanceJobParams,
  STOP_INSTANCE: StopInstanceBody,
  RESTART_INSTANCE: StopInstanceBody,
  UPDATE_INSTANCE: UpdateInstanceJobParams,
  BACKUP_INSTANCE: BackupJobParams,
  RESTORE_BACKUP: RestoreJobParams,
  IMPORT_INSTANCE: ImportInstanceJobParams,
  IMPORT_SAVE: ImportSaveJobParams,
  INSTALL_PREREQUISITES: InstallPrerequisitesJobParams,
} satisfies Record<JobType, z.ZodType>;

/** The params a handler of job type `T` receives (defaults applied). */
export type JobParams<T extends JobType = JobType> = z.output<(typeof JobParamsSchemas)[T]>;
/** The params a caller passes when it queues a job of type `T`. */
export type JobParamsInput<T extends JobType = JobType> = z.input<(typeof JobParamsSchemas)[T]>;

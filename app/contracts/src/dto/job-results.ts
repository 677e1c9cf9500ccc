import { z } from 'zod';
import { Id } from '../common.ts';
import { BackupJobResult, RestoreResult } from './backup.ts';
import { ImportInstanceJobResult, ImportSaveJobResult } from './instance-import.ts';
import type { JobType } from './job.ts';
import { InstallPrerequisitesResult } from './prereqs.ts';

/**
 * The `result` of a completed run, per job type (docs/event-protocol.md#jobcompleted). Handlers
 * are typed from these, and clients parse with them to say the outcome in words; plain objects (not
 * strict) so a client still reads a result that gained a field in a newer manager.
 */
const Diagnostics = z.object({
  ok: z.boolean(),
  checks: z.array(z.object({ name: z.string(), ok: z.boolean(), detail: z.string() })),
});

export const InstallBuildJobResult = z.object({
  buildId: z.string(),
  installPath: z.string(),
  upToDate: z.boolean().optional().describe('SteamCMD found the build already up to date: nothing was downloaded'),
});

const Started = z.object({ instanceId: Id, status: z.literal('RUNNING'), pid: z.int() });

/** How many warnings players got in game before the stop (0 without a countdown). */
const Warnings = z.int().min(0).optional().describe('In-game warnings sent during the countdown');

export const StopJobResult = z.object({
  instanceId: Id,
  status: z.literal('STOPPED'),
  wasRunning: z.boolean(),
  killed: z.boolean().describe('The server had to be killed after a graceful stop failed'),
  warnings: Warnings,
});

export const RestartJobResult = Started.extend({ killed: z.boolean(), warnings: Warnings });

export const UpdateJobResult = z.object({
  instanceId: Id,
  fromBuildId: z.string().nullable(),
  toBuildId: z.string(),
  restarted: z.boolean(),
  changed: z.boolean().describe('False when the server was already on that build'),
});

/** One schema per job type; `satisfies` makes a new JobType without a result schema a compile error. */
export const JobResultSchemas = {
  DIAGNOSTICS: Diagnostics,
  INSTALL_STEAMCMD: z.object({ steamcmdPath: z.string() }),
  INSTALL_BUILD: InstallBuildJobResult,
  CHECK_LATEST_BUILD: z.object({ latestBuildId: z.string() }),
  DELETE_BUILD: z.object({ buildId: z.string(), installPath: z.string(), folderRemoved: z.boolean() }),
  START_INSTANCE: Started,
  STOP_INSTANCE: StopJobResult,
  RESTART_INSTANCE: RestartJobResult,
  UPDATE_INSTANCE: UpdateJobResult,
  BACKUP_INSTANCE: BackupJobResult,
  RESTORE_BACKUP: RestoreResult,
  IMPORT_INSTANCE: ImportInstanceJobResult,
  IMPORT_SAVE: ImportSaveJobResult,
  INSTALL_PREREQUISITES: InstallPrerequisitesResult,
} satisfies Record<JobType, z.ZodType>;

/** The result a handler of job type `T` returns. */
export type JobResult<T extends JobType = JobType> = z.infer<(typeof JobResultSchemas)[T]>;

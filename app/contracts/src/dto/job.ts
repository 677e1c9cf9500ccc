import { z } from 'zod';
import { Id, IsoDateTime } from '../common.ts';
import { ErrorInfo } from './error.ts';

export const JobStatus = z.enum(['PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED']);
export type JobStatus = z.infer<typeof JobStatus>;

/** The statuses a job never leaves. */
export const ENDED_JOB_STATUSES: ReadonlySet<JobStatus> = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);

export const JobType = z.enum([
  'DIAGNOSTICS',
  'INSTALL_STEAMCMD',
  'INSTALL_BUILD',
  'CHECK_LATEST_BUILD',
  'DELETE_BUILD',
  'START_INSTANCE',
  'STOP_INSTANCE',
  'RESTART_INSTANCE',
  'UPDATE_INSTANCE',
  'BACKUP_INSTANCE',
  'RESTORE_BACKUP',
  'IMPORT_INSTANCE',
  'IMPORT_SAVE',
  'INSTALL_PREREQUISITES',
]);
export type JobType = z.infer<typeof JobType>;

export const JobRun = z
  .object({
    id: Id,
    jobId: Id,
    attempt: z.int().min(1),
    status: JobStatus,
    percent: z.number().min(0).max(100),
    message: z.string(),
    startedAt: IsoDateTime.nullable(),
    finishedAt: IsoDateTime.nullable(),
    result: z.unknown().nullable(),
    error: ErrorInfo.nullable(),
  })
  .meta({ id: 'JobRun' });
export type JobRun = z.infer<typeof JobRun>;

export const Job = z
  .object({
    id: Id,
    type: JobType,
    status: JobStatus,
    instanceId: Id.nullable(),
    agentId: Id.nullable().describe('The host that runs it; null for a job of this PC recorded without its host'),
    params: z.record(z.string(), z.unknown()),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
    startedAt: IsoDateTime.nullable().describe('When its first run started; null while it waits in the queue'),
    finishedAt: IsoDateTime.nullable().describe('When it ended (completed, failed or cancelled); null while active'),
    error: ErrorInfo.nullable().describe(
      'Why it failed or was cancelled (also when it never ran, e.g. interrupted in the queue); null otherwise',
    ),
    runs: z.array(JobRun).optional(),
  })
  .meta({ id: 'Job' });
export type Job = z.infer<typeof Job>;

export const JobAccepted = z.object({ job: Job }).meta({ id: 'JobAccepted' });
export type JobAccepted = z.infer<typeof JobAccepted>;

export const JobListQuery = z.object({
  status: JobStatus.optional(),
  type: JobType.optional(),
  instanceId: Id.optional(),
  agentId: Id.optional().describe(
    "Only the jobs of this host (an id from GET /api/v1/agents). A remote host's jobs are answered from this manager's copy of them, also while the host is offline. This PC's id also lists the jobs stored without a host (agentId null), which are this PC's. A well-formed id no host has lists nothing",
  ),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().optional(),
});
export type JobListQuery = z.infer<typeof JobListQuery>;

export const CreateJobBody = z.strictObject({ type: z.literal('DIAGNOSTICS') }).meta({ id: 'CreateJobBody' });
export type CreateJobBody = z.infer<typeof CreateJobBody>;

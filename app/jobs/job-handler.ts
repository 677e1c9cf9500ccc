import type { Job, JobParams, JobType } from '@ark-asa/contracts';

export interface JobContext<P = Record<string, unknown>> {
  job: Job;
  runId: string;
  params: P;
  /** Aborted when the job is cancelled or the manager shuts down; pass it to every child process. */
  signal: AbortSignal;
  /** Report progress; cheap to call often (coalesced before it reaches the store and clients). */
  progress: (percent: number, message: string) => void;
}

/**
 * Handles one job type. Its `params` arrive checked against the type's schema in the contracts
 * (`JobParamsSchemas`) and typed from it: the runner refuses or fails a job whose params do not fit.
 */
export interface JobHandler<T extends JobType = JobType, R = unknown> {
  type: T;
  /**
   * The lock the job holds while it runs. Jobs with the same key run one after another (one power
   * lock per instance: start, stop, restart and update never overlap). Default: the instance id.
   */
  lockKey?(job: Job): string | null;
  run(ctx: JobContext<JobParams<T>>): Promise<R>;
}

export { AbortReason } from '../domain/abort-reason.ts';

export function defaultLockKey(job: Job): string | null {
  return job.instanceId ? `instance:${job.instanceId}` : null;
}

import type { Job, JobType } from '@ark-asa/contracts';

export interface JobContext<P = Record<string, unknown>> {
  job: Job;
  runId: string;
  params: P;
  /** Aborted when the job is cancelled or the manager shuts down; pass it to every child process. */
  signal: AbortSignal;
  /** Report progress; cheap to call often (coalesced before it reaches the store and clients). */
  progress: (percent: number, message: string) => void;
}

export interface JobHandler<P = Record<string, unknown>, R = unknown> {
  type: JobType;
  /**
   * The lock the job holds while it runs. Jobs with the same key run one after another (one power
   * lock per instance: start, stop, restart and update never overlap). Default: the instance id.
   */
  lockKey?(job: Job): string | null;
  run(ctx: JobContext<P>): Promise<R>;
}

export { AbortReason } from '../domain/abort-reason.ts';

export function defaultLockKey(job: Job): string | null {
  return job.instanceId ? `instance:${job.instanceId}` : null;
}

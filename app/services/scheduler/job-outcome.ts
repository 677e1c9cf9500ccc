import type { Job, JobRun, JobStatus } from '@ark-asa/contracts';

export interface JobOutcome {
  jobId: string;
  status: JobStatus;
  /** The last run's error message, when it failed. */
  error: string | null;
  result: unknown;
}

export interface JobWaitDeps {
  waitFor(jobId: string): Promise<Job>;
  runsOf(jobId: string): JobRun[];
}

/**
 * Waits for a job to end, or rejects with the signal's reason when the scheduler stops first (the
 * job itself carries on: it belongs to the runner, which has its own shutdown).
 */
export async function awaitJob(deps: JobWaitDeps, jobId: string, signal: AbortSignal): Promise<JobOutcome> {
  signal.throwIfAborted();
  let onAbort = () => undefined as void;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    const job = await Promise.race([deps.waitFor(jobId), aborted]);
    const run = deps.runsOf(jobId).at(-1);
    return { jobId, status: job.status, error: run?.error?.message ?? null, result: run?.result ?? null };
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

import type { Job, JobStatus } from '@ark-asa/contracts';

/** Colour and word for each job status, matching the instance statuses' palette. */
export const JOB_STATUS_LOOK: Record<JobStatus, { color: string; label: string }> = {
  // The status words of the API, said humanly: one vocabulary on every page.
  PENDING: { color: 'gray', label: 'Pending' },
  RUNNING: { color: 'blue', label: 'Running' },
  COMPLETED: { color: 'teal', label: 'Completed' },
  FAILED: { color: 'red', label: 'Failed' },
  CANCELLED: { color: 'orange', label: 'Cancelled' },
};

export const isActive = (status: JobStatus) => status === 'PENDING' || status === 'RUNNING';

/** "4 s", "2 min 5 s", "1 h 3 min": short enough for a table cell. */
export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min${s % 60 ? ` ${s % 60} s` : ''}`;
  return `${Math.floor(m / 60)} h${m % 60 ? ` ${m % 60} min` : ''}`;
}

/**
 * How long a job took, or has been going. The list carries no run times, so a finished job is
 * measured from creation to its last status change, which includes time spent waiting in the queue.
 */
export function jobDuration(job: Pick<Job, 'createdAt' | 'updatedAt'>, status: JobStatus, now: number): string {
  const end = isActive(status) ? now : Date.parse(job.updatedAt);
  return duration(end - Date.parse(job.createdAt));
}

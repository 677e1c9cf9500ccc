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

type Timed = Pick<Job, 'createdAt' | 'startedAt' | 'finishedAt'>;
const at = (iso: string) => Date.parse(iso);

/**
 * How long a job ran, measured from its start (time spent waiting in the queue is not running
 * time), or how long it has been going or waiting: short enough for a table cell.
 */
export function runTime(job: Timed, status: JobStatus, now: number): string {
  if (status === 'PENDING') return `waiting ${duration(now - at(job.createdAt))}`;
  if (!job.startedAt) return status === 'RUNNING' ? 'starting' : 'did not run';
  return duration((job.finishedAt && !isActive(status) ? at(job.finishedAt) : now) - at(job.startedAt));
}

/** "waited 3 s, ran 1 min 2 s": the queue and the run apart, for the job's details. */
export function jobTimes(job: Timed, status: JobStatus, now: number): string {
  if (status === 'PENDING') return `waiting for ${duration(now - at(job.createdAt))}`;
  const ended = !isActive(status);
  const startOrEnd = job.startedAt ?? (ended ? job.finishedAt : null);
  const waited = startOrEnd ? `waited ${duration(at(startOrEnd) - at(job.createdAt))}` : null;
  return [waited, ranWords(job, status, now)].filter(Boolean).join(', ');
}

function ranWords(job: Timed, status: JobStatus, now: number): string {
  if (!job.startedAt) return isActive(status) ? 'starting' : 'never ran';
  return `${isActive(status) ? 'running for' : 'ran'} ${runTime(job, status, now)}`;
}

import type { Job, JobStatus, JobType } from '@ark-asa/contracts';
import { useJobProgress } from '../../api/job-progress-store.ts';
import { useJobs } from '../../api/queries.ts';
import { isActive } from './job-look.ts';

/**
 * A job's status as of now: job:* events move faster than the refetched lists, but a list that
 * already says the job ended is final (the event store may hold an older "running").
 */
export function useLiveStatus(job: Pick<Job, 'id' | 'status'> | undefined): JobStatus | undefined {
  const live = useJobProgress(job?.id);
  if (!job) return undefined;
  return isActive(job.status) ? (live?.status ?? job.status) : job.status;
}

/** The newest job of one type (the one whose progress or failure a page shows). */
export function useLatestJob(type: JobType): Job | undefined {
  return useJobs({ type, limit: 1 }).data?.[0];
}

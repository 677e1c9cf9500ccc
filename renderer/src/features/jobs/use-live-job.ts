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

/** A host, for jobs. Asked with this PC's id, the API also lists the jobs stored without a host. */
export interface JobHost {
  id: string;
}

/**
 * The newest job of one type (the one whose progress or failure a page shows); with `host`, the
 * newest on that host, so a page working on one host does not show another host's install. The
 * API picks it (`agentId`, `limit: 1`): filtering a page of the newest jobs here missed a host's
 * job under a page of newer ones elsewhere.
 */
export function useLatestJob(type: JobType, host?: JobHost): Job | undefined {
  return useJobs(host ? { type, agentId: host.id, limit: 1 } : { type, limit: 1 }).data?.[0];
}

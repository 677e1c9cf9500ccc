import type { JobStatus } from '@ark-asa/contracts';
import { ExternalStore, useStore } from './external-store.ts';

export interface LiveJobState {
  percent: number;
  message: string;
  status: JobStatus;
}

/** The latest progress of each job, straight from job:* events (the job lists are refetched less often). */
export const jobProgress = new ExternalStore<ReadonlyMap<string, LiveJobState>>(new Map());

export function setJobProgress(jobId: string, state: LiveJobState): void {
  const next = new Map(jobProgress.get());
  next.set(jobId, state);
  jobProgress.set(next);
}

export function useJobProgress(jobId: string | null | undefined): LiveJobState | undefined {
  const map = useStore(jobProgress);
  return jobId ? map.get(jobId) : undefined;
}

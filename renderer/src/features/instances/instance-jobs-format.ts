import type { Job } from '@ark-asa/contracts';

export const isActive = (job: Pick<Job, 'status'>) => job.status === 'PENDING' || job.status === 'RUNNING';

/** Jobs newest first, whatever order the list came in. */
export function newestFirst(jobs: readonly Job[]): Job[] {
  return [...jobs].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
}

/** The question before cancelling a running job: a stop or restart in its countdown is the common case. */
export function cancelQuestion(job: Job, label: string): string {
  if ((job.type === 'STOP_INSTANCE' || job.type === 'RESTART_INSTANCE') && job.status === 'RUNNING') {
    return `The ${label.toLowerCase()} is under way: cancelling ends its countdown and the server keeps running. Players who were warned are not told it is off.`;
  }
  return `The ${label.toLowerCase()} stops where it is; you can start it again later.`;
}

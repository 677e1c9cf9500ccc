import type { Job, JobStatus } from '@ark-asa/contracts';

export const JOB_STATUS_COLOR: Record<JobStatus, string> = {
  PENDING: 'gray',
  RUNNING: 'blue',
  COMPLETED: 'teal',
  FAILED: 'red',
  CANCELLED: 'orange',
};

export const isActive = (job: Pick<Job, 'status'>) => job.status === 'PENDING' || job.status === 'RUNNING';

/** The job's parameters in a few words ("countdown 5 min · demo is over"); '' when it has none worth showing. */
/** Ids the row already says (it is this server's list). */
const OBVIOUS = new Set(['instanceId', 'agentId']);

export function describeParams(params: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    if (OBVIOUS.has(key)) continue;
    // Only plain values read well in a line; objects are in the runs' details.
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') continue;
    if (value === '') continue;
    if (key === 'countdownMinutes') parts.push(`countdown ${value} min`);
    else if (key === 'message') parts.push(`“${value}”`);
    else if (key === 'buildId') parts.push(`build ${value}`);
    else parts.push(`${key} ${String(value)}`);
  }
  return parts.join(' · ');
}

/** "12 s", "3 min 4 s", "2 h 5 min": how long something took. */
export function duration(fromIso: string | null, toIso: string | null): string {
  if (!fromIso || !toIso) return '—';
  const s = Math.max(0, Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

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

import type { Job, JobStatus } from '@ark-asa/contracts';

export const JOB_STATUS_COLOR: Record<JobStatus, string> = {
  PENDING: 'gray',
  RUNNING: 'blue',
  COMPLETED: 'teal',
  FAILED: 'red',
  CANCELLED: 'orange',
};

export const isActive = (job: Pick<Job, 'status'>) => job.status === 'PENDING' || job.status === 'RUNNING';

/** Ids the row already says (it is this server's list, or the server column). */
const OBVIOUS = new Set(['instanceId', 'agentId']);

type Plain = string | number | boolean;
const isPlain = (v: unknown): v is Plain => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
/** `onlyWhenEmpty` → "only when empty". */
const words = (key: string) => key.replace(/([A-Z])/g, ' $1').toLowerCase();

function phrase(key: string, value: Plain | Plain[]): string | null {
  if (Array.isArray(value)) {
    if (!value.length) return null;
    return key === 'warningMinutes' ? `warnings at ${value.join(', ')} min` : `${words(key)} ${value.join(', ')}`;
  }
  if (value === '' || value === false) return null;
  if (value === true) return words(key);
  if (key === 'countdownMinutes') return `countdown ${value} min`;
  if (key === 'message') return `“${value}”`;
  if (key === 'buildId') return `build ${value}`;
  return `${words(key)} ${String(value)}`;
}

/**
 * The job's parameters in words ("warnings at 15, 5, 1 min · “demo is over”"); '' when it has none
 * worth showing. Objects are left to the details, where the raw parameters stay available.
 */
export function describeParams(params: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    if (OBVIOUS.has(key)) continue;
    const plain = Array.isArray(value) ? (value.every(isPlain) ? value : null) : isPlain(value) ? value : null;
    const said = plain === null ? null : phrase(key, plain);
    if (said) parts.push(said);
  }
  return parts.join(' · ');
}

/** "Restart The Island · warnings at 15, 5, 1 min": what a job did, in one line. */
export function jobSentence(
  label: string,
  serverName: string | null | undefined,
  params: Record<string, unknown>,
): string {
  const what = serverName ? `${label} ${serverName}` : label;
  const how = describeParams(params);
  return how ? `${what} · ${how}` : what;
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

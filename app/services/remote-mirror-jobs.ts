import type { ErrorInfo, JobStatus, WSEventData } from '@ark-asa/contracts';
import type { MirrorRunPatch } from '../store/jobs-repo.ts';

export type JobEventName = 'job:created' | 'job:progress' | 'job:completed' | 'job:failed' | 'job:cancelled';

/** What a job event of a remote agent says about one of its runs, or null when it names none. */
export function runPatchOf(event: JobEventName, data: WSEventData<JobEventName>): MirrorRunPatch | null {
  switch (event) {
    case 'job:progress': {
      const d = data as WSEventData<'job:progress'>;
      return {
        id: d.jobRunId,
        jobId: d.jobId,
        status: d.status,
        percent: d.percent,
        message: d.message,
        startedAt: d.timestamp,
      };
    }
    case 'job:completed': {
      const d = data as WSEventData<'job:completed'>;
      const result = d.result ?? undefined;
      return { id: d.jobRunId, jobId: d.jobId, status: 'COMPLETED', percent: 100, finishedAt: d.completedAt, result };
    }
    case 'job:failed': {
      const d = data as WSEventData<'job:failed'>;
      return d.jobRunId
        ? { id: d.jobRunId, jobId: d.jobId, status: 'FAILED', finishedAt: d.failedAt, error: d.error }
        : null;
    }
    case 'job:cancelled': {
      const d = data as WSEventData<'job:cancelled'>;
      return d.jobRunId
        ? {
            id: d.jobRunId,
            jobId: d.jobId,
            status: 'CANCELLED',
            finishedAt: d.cancelledAt,
            error: { code: 'cancelled', message: 'Cancelled by a user' },
          }
        : null;
    }
    default:
      return null;
  }
}

/**
 * The job's status an event implies, for an event that came without the job's DTO (an agent
 * sends the DTO with every job event; this keeps the copy right if one ever comes without).
 */
export function jobStatusOf(
  event: JobEventName,
  data: WSEventData<JobEventName>,
): { status: JobStatus; at: string; error: ErrorInfo | null } | null {
  switch (event) {
    case 'job:progress': {
      const d = data as WSEventData<'job:progress'>;
      return { status: d.status, at: d.timestamp, error: null };
    }
    case 'job:completed':
      return { status: 'COMPLETED', at: (data as WSEventData<'job:completed'>).completedAt, error: null };
    case 'job:failed': {
      const d = data as WSEventData<'job:failed'>;
      return { status: 'FAILED', at: d.failedAt, error: d.error };
    }
    case 'job:cancelled':
      return {
        status: 'CANCELLED',
        at: (data as WSEventData<'job:cancelled'>).cancelledAt,
        error: { code: 'cancelled', message: 'Cancelled by a user' },
      };
    default:
      return null;
  }
}

import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Backup, JobStatus } from '@ark-asa/contracts';
import { call } from '../../api/http.ts';
import { useJobProgress } from '../../api/job-progress-store.ts';
import { useJob } from '../../api/queries.ts';
import { readAgain } from '../../api/read-again.ts';
import { useInstanceJobEvents } from './use-instance-job-events.ts';

export const backupKeys = {
  list: (instanceId: string) => ['backups', instanceId] as const,
  policy: (instanceId: string) => ['backup-policy', instanceId] as const,
};

/** Safety stop for the page walk; retention keeps far fewer (10 000 is the policy's maximum). */
const MAX_PAGES = 25;

/** Every backup of the instance, newest first: the tab shows them all and sums their sizes. */
async function allBackups(id: string, signal: AbortSignal): Promise<Backup[]> {
  const items: Backup[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const query = { limit: 500, ...(cursor && { cursor }) };
    const res = await call('listBackups', { params: { id }, query }, { signal });
    items.push(...res.items);
    if (!res.nextCursor) break;
    cursor = res.nextCursor;
  }
  return items;
}

/** The list, refreshed whenever a backup or restore job of the instance starts or ends (scheduled ones too). */
export function useBackups(instanceId: string) {
  const qc = useQueryClient();
  useInstanceJobEvents(instanceId, ['BACKUP_INSTANCE', 'RESTORE_BACKUP', 'UPDATE_INSTANCE'], () =>
    readAgain(qc, backupKeys.list(instanceId)),
  );
  return useQuery({ queryKey: backupKeys.list(instanceId), queryFn: ({ signal }) => allBackups(instanceId, signal) });
}

export const useBackupPolicy = (instanceId: string) =>
  useQuery({
    queryKey: backupKeys.policy(instanceId),
    queryFn: () => call('getBackupPolicy', { params: { id: instanceId } }),
  });

export interface TrackedJob {
  status: JobStatus | undefined;
  /** The last run's result once the job completed (shape by job type: parse it). */
  result: unknown;
  error: string | undefined;
}

/**
 * One job this screen started: live status from job:* events, and the result or error from the
 * job itself (the live bridge refetches it when it ends). A list that says it ended is final.
 */
export function useTrackedJob(jobId: string | null): TrackedJob {
  const job = useJob(jobId);
  const live = useJobProgress(jobId);
  const stored = job.data?.status;
  const ended = stored === 'COMPLETED' || stored === 'FAILED' || stored === 'CANCELLED';
  const status = ended ? stored : (live?.status ?? stored);
  const run = job.data?.runs?.at(-1);
  const error = run?.error?.message ?? (live?.status === 'FAILED' ? live.message : undefined);
  return { status, result: ended ? run?.result : undefined, error };
}

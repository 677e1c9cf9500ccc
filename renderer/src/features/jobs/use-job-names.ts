import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { Job } from '@ark-asa/contracts';
import { ApiError, call } from '../../api/http.ts';
import { useInstances } from '../../api/queries.ts';
import { shortTime } from '../backups/backup-look.ts';
import { useClusters } from '../clusters/use-clusters.ts';
import { jobNames, type JobNames } from './job-words.ts';

/** Server and cluster names for the job sentences, from the lists most pages load anyway. */
export function useJobNames(): JobNames {
  const instances = useInstances().data;
  const clusters = useClusters().data;
  return useMemo(() => jobNames(instances, clusters), [instances, clusters]);
}

/**
 * The names for one job, with the date of the backup a restore brings back: fetched only for a
 * restore (one small request; a deleted backup reads as "since deleted").
 */
export function useJobNamesFor(job: Pick<Job, 'type' | 'params' | 'instanceId'> | undefined): JobNames {
  const names = useJobNames();
  const backupId = job?.type === 'RESTORE_BACKUP' ? job.params.backupId : undefined;
  const instanceId = job?.instanceId;
  const enabled = typeof backupId === 'string' && !!instanceId;
  const backup = useQuery({
    queryKey: ['backup', instanceId, backupId],
    queryFn: () => call('getBackup', { params: { id: instanceId!, backupId: String(backupId) } }),
    enabled,
    retry: (count, err) => !(err instanceof ApiError && err.status === 404) && count < 2,
    staleTime: Infinity,
  });
  const gone = backup.error instanceof ApiError && backup.error.status === 404;
  const taken = backup.data ? shortTime(backup.data.createdAt) : gone ? null : undefined;
  return useMemo(() => (enabled ? { ...names, backupTime: () => taken } : names), [enabled, names, taken]);
}

import { Alert, Text } from '@mantine/core';
import { ImportSaveJobResult } from '@ark-asa/contracts';
import { JobProgress } from '../../components/JobProgress.tsx';
import { useTrackedJob } from '../backups/use-backups.ts';

/** How an IMPORT_SAVE job goes: its progress, then what was imported or why it failed. */
export function ImportSaveOutcome({ jobId }: { jobId: string }) {
  // The backups list (with the new safety backup) refreshes when the job ends (api/live-bridge.ts).
  const { status, result, error } = useTrackedJob(jobId);
  const parsed = ImportSaveJobResult.safeParse(result);
  if (status === 'FAILED')
    return (
      <Alert color="red" role="alert" title="The import failed">
        {error ?? 'See the job for details.'} The saves are as they were, or in the safety backup.
      </Alert>
    );
  if (status === 'COMPLETED')
    return (
      <Text size="sm" c="teal" role="status">
        Imported {parsed.success ? parsed.data.world : 'the world'}
        {parsed.success && parsed.data.safetyBackupId ? '; what was there before is in a pre-restore backup' : ''}.
      </Text>
    );
  return <JobProgress jobId={jobId} label="Import" fallbackMessage="Waiting for its turn…" />;
}

import { Alert, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { BackupJobResult, type Instance } from '@ark-asa/contracts';
import { ApiError, call } from '../../api/http.ts';
import { bytes } from '../../components/format.ts';
import { JobProgress } from '../../components/JobProgress.tsx';
import { useAction } from '../../components/use-action.ts';
import { useTrackedJob } from './use-backups.ts';

/** "Back up now" with an optional note; the job's live progress and what it produced. */
export function BackupNow({ instance }: { instance: Instance }) {
  const [note, setNote] = useState('');
  const [jobId, setJobId] = useState<string | null>(null);
  const create = useAction(() =>
    call('createBackup', { params: { id: instance.id }, body: note.trim() ? { note: note.trim() } : {} }),
  );
  const job = useTrackedJob(jobId);
  const busy = job.status === 'PENDING' || job.status === 'RUNNING';
  const noteError = create.error instanceof ApiError ? create.error.fieldMessage('note') : undefined;
  const running = instance.status === 'RUNNING';
  const start = () =>
    create.mutate([], {
      onSuccess: ({ job: j }) => {
        setJobId(j.id);
        setNote('');
      },
    });
  return (
    <Card>
      <Title order={5}>Back up now</Title>
      <Text size="xs" c="dimmed" mb="sm">
        {running
          ? 'The server is running: it saves the world first (SaveWorld), then the save folder, profiles, tribes and INI files are zipped and read back to verify. Players can stay online.'
          : 'The server is not running: its save folder, profiles, tribes and INI files are zipped as they are and read back to verify.'}
      </Text>
      <form onSubmit={(e) => (e.preventDefault(), start())}>
        <Group align="flex-start" wrap="nowrap">
          <TextInput
            style={{ flex: 1 }}
            label="Note (optional)"
            placeholder="e.g. before the boss fight"
            maxLength={200}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={noteError}
          />
          <Button type="submit" mt={25} loading={create.isPending} disabled={busy} data-testid="backup-now">
            Back up now
          </Button>
        </Group>
      </form>
      {jobId && <BackupJobState jobId={jobId} status={job.status} result={job.result} error={job.error} />}
    </Card>
  );
}

function BackupJobState({ jobId, status, result, error }: { jobId: string } & ReturnType<typeof useTrackedJob>) {
  if (status === 'PENDING' || status === 'RUNNING' || status === undefined) {
    return (
      <Stack mt="sm" gap={4} data-testid="backup-progress">
        <JobProgress
          jobId={jobId}
          label="Backup"
          fallbackMessage={status === 'PENDING' ? 'Waiting for its turn…' : 'Working…'}
        />
      </Stack>
    );
  }
  if (status === 'FAILED')
    return (
      <Alert mt="sm" color="red" variant="light" title="The backup failed" role="alert">
        {error ?? 'See the job for details.'}
      </Alert>
    );
  if (status === 'CANCELLED')
    return (
      <Text mt="sm" size="sm" c="dimmed">
        The backup was cancelled.
      </Text>
    );
  const parsed = BackupJobResult.safeParse(result);
  if (!parsed.success)
    return (
      <Text mt="sm" size="sm" c="teal" role="status">
        Backup taken.
      </Text>
    );
  const { backup, worldSaved, pruned } = parsed.data;
  return (
    <Alert mt="sm" color="teal" variant="light" title="Backup taken" role="status" data-testid="backup-done">
      {bytes(backup.sizeBytes)}, {backup.entries} files{backup.verified ? ', verified' : ''}.{' '}
      {worldSaved
        ? 'The world was saved first.'
        : 'No world save before the copy: the files were zipped as they were on disk.'}{' '}
      {pruned.length > 0 && `Retention deleted ${pruned.length} older backup${pruned.length === 1 ? '' : 's'}.`}
    </Alert>
  );
}

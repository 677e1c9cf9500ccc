import { Alert, Anchor, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { RestoreResult } from '@ark-asa/contracts';
import { JobProgress } from '../../components/JobProgress.tsx';
import { shortTime } from './backup-look.ts';
import { useTrackedJob } from './use-backups.ts';

export interface RestoreRun {
  jobId: string;
  backupCreatedAt: string;
}

/** A restore this screen started: live progress, then which files were replaced, added and removed. */
export function RestoreOutcome({ run, onDismiss }: { run: RestoreRun; onDismiss: () => void }) {
  const { status, result, error } = useTrackedJob(run.jobId);
  const active = status === undefined || status === 'PENDING' || status === 'RUNNING';
  return (
    <Card data-testid="restore-outcome" data-status={status}>
      <Group justify="space-between" mb="xs">
        <Title order={5}>Restore of the backup of {shortTime(run.backupCreatedAt)}</Title>
        {!active && (
          <Button size="compact-sm" variant="subtle" onClick={onDismiss}>
            Dismiss
          </Button>
        )}
      </Group>
      {active && (
        <JobProgress
          jobId={run.jobId}
          label="Restore"
          fallbackMessage={status === 'PENDING' ? 'Waiting for its turn…' : 'Working…'}
        />
      )}
      {status === 'FAILED' && (
        <Alert color="red" variant="light" role="alert" title="The restore failed">
          {error ?? 'See the job for details.'} The saves are as they were, or in the safety backup.
        </Alert>
      )}
      {status === 'CANCELLED' && (
        <Text size="sm" c="dimmed">
          The restore was cancelled.
        </Text>
      )}
      {status === 'COMPLETED' && <RestoreFiles result={result} jobId={run.jobId} />}
    </Card>
  );
}

function RestoreFiles({ result, jobId }: { result: unknown; jobId: string }) {
  const parsed = RestoreResult.safeParse(result);
  if (!parsed.success)
    return (
      <Text size="sm" c="teal" role="status">
        Restored.{' '}
        <Anchor component={Link} to={`/jobs?job=${jobId}`}>
          See the job
        </Anchor>
      </Text>
    );
  const r = parsed.data;
  return (
    <Stack gap="xs" role="status">
      <Text size="sm" c="teal">
        Restored.{' '}
        {r.safetyBackupId
          ? 'What was there before is in the new pre-restore backup at the top of the list.'
          : 'There was nothing to keep a safety backup of.'}{' '}
        Start the server to play on the restored world.
      </Text>
      <SimpleGrid cols={3}>
        <FileList title="Replaced" files={r.replaced} />
        <FileList title="Added" files={r.added} />
        <FileList title="Removed (in the safety backup)" files={r.removed} />
      </SimpleGrid>
    </Stack>
  );
}

const SHOWN = 8;

function FileList({ title, files }: { title: string; files: string[] }) {
  const [all, setAll] = useState(false);
  const shown = all ? files : files.slice(0, SHOWN);
  return (
    <div data-testid={`restore-${title.split(' ')[0]!.toLowerCase()}`}>
      <Text size="xs" fw={700}>
        {title}: {files.length}
      </Text>
      {shown.map((f) => (
        <Text key={f} size="xs" className="mono" truncate="start" title={f}>
          {f}
        </Text>
      ))}
      {files.length > SHOWN && (
        <Button size="compact-xs" variant="subtle" onClick={() => setAll(!all)} aria-expanded={all}>
          {all ? 'Show fewer' : `Show all ${files.length}`}
        </Button>
      )}
    </div>
  );
}

import { Badge, Code, Group, Loader, Stack, Text } from '@mantine/core';
import type { JobRun } from '@ark-asa/contracts';
import { useJob } from '../../api/queries.ts';
import { time } from '../../components/format.ts';
import { JOB_STATUS_LOOK } from '../jobs/job-look.ts';
import { duration, JOB_STATUS_COLOR } from './instance-jobs-format.ts';

/** Every attempt of one job with its outcome: the result, or what went wrong. */
export function InstanceJobsRuns({ jobId }: { jobId: string }) {
  const job = useJob(jobId);
  if (job.isLoading) return <Loader size="xs" />;
  if (job.error)
    return (
      <Text c="red" size="sm">
        {job.error.message}
      </Text>
    );
  const runs = job.data?.runs ?? [];
  if (runs.length === 0)
    return (
      <Text size="sm" c="dimmed">
        Not started yet: it waits for its turn (one operation per server at a time).
      </Text>
    );
  return (
    <Stack gap="xs" data-testid="job-runs">
      {runs.map((run) => (
        <RunRow key={run.id} run={run} />
      ))}
    </Stack>
  );
}

function RunRow({ run }: { run: JobRun }) {
  return (
    <div>
      <Group gap="xs">
        <Text size="sm" fw={600}>
          Attempt {run.attempt}
        </Text>
        <Badge size="xs" variant="light" color={JOB_STATUS_COLOR[run.status]}>
          {JOB_STATUS_LOOK[run.status].label}
        </Badge>
        <Text size="xs" c="dimmed">
          {run.startedAt ? `started ${time(run.startedAt)}` : 'not started'}
          {run.finishedAt ? ` · took ${duration(run.startedAt, run.finishedAt)}` : ''}
        </Text>
      </Group>
      {run.message && <Text size="sm">{run.message}</Text>}
      {run.error && (
        <Text size="sm" c="red" data-testid="job-run-error">
          {run.error.message}{' '}
          <Text span size="xs" c="dimmed">
            ({run.error.code})
          </Text>
        </Text>
      )}
      {run.result !== null && run.result !== undefined && (
        <Code block mt={4} data-testid="job-run-result">
          {JSON.stringify(run.result, null, 2)}
        </Code>
      )}
    </div>
  );
}

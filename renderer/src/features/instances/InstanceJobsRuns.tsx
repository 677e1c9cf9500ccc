import { Badge, Group, Loader, Stack, Text } from '@mantine/core';
import type { Job, JobRun } from '@ark-asa/contracts';
import { useJob } from '../../api/queries.ts';
import { time } from '../../components/format.ts';
import { useNow } from '../../components/use-now.ts';
import { duration, isActive, JOB_STATUS_LOOK, jobTimes } from '../jobs/job-look.ts';
import { describeOutcome } from '../jobs/job-outcome-words.ts';
import { OutcomeLine } from '../jobs/OutcomeLine.tsx';
import { TechnicalDetails } from '../jobs/TechnicalDetails.tsx';

/** One job opened: how long it waited and ran, how it ended, its attempts, and the raw data folded away. */
export function InstanceJobsRuns({ jobId }: { jobId: string }) {
  const job = useJob(jobId);
  const now = useNow(1000);
  if (job.isLoading) return <Loader size="xs" />;
  if (job.error || !job.data)
    return (
      <Text c="red" size="sm">
        {job.error?.message ?? 'The job is gone'}
      </Text>
    );
  const data = job.data;
  const runs = data.runs ?? [];
  return (
    <Stack gap="xs" data-testid="job-runs">
      <Text size="sm" data-testid="job-times">
        Queued {time(data.createdAt)} · {jobTimes(data, data.status, now)}
      </Text>
      {runs.length === 0 && isActive(data.status) && (
        <Text size="sm" c="dimmed">
          Not started yet: it waits for its turn (one operation per server at a time).
        </Text>
      )}
      <OutcomeLine outcome={describeOutcome(data, data.status, runs.at(-1))} />
      {runs.length > 1 && runs.map((run) => <RunRow key={run.id} job={data} run={run} />)}
      <TechnicalDetails
        facts={[
          { label: 'Job id', value: data.id },
          { label: 'Parameters (as sent to the API)', value: data.params },
          ...runs.map((run) => ({
            label: `Attempt ${run.attempt} (run ${run.id})`,
            value: { status: run.status, lastMessage: run.message, result: run.result, error: run.error },
          })),
        ]}
      />
    </Stack>
  );
}

/** One attempt of a job that had several. */
function RunRow({ job, run }: { job: Job; run: JobRun }) {
  return (
    <div>
      <Group gap="xs">
        <Text size="sm" fw={600}>
          Attempt {run.attempt}
        </Text>
        <Badge size="xs" variant="light" color={JOB_STATUS_LOOK[run.status].color}>
          {JOB_STATUS_LOOK[run.status].label}
        </Badge>
        <Text size="xs" c="dimmed">
          {run.startedAt ? `started ${time(run.startedAt)}` : 'not started'}
          {run.startedAt && run.finishedAt
            ? ` · ran ${duration(Date.parse(run.finishedAt) - Date.parse(run.startedAt))}`
            : ''}
        </Text>
      </Group>
      {isActive(run.status) ? (
        run.message && <Text size="sm">{run.message}</Text>
      ) : (
        <OutcomeLine outcome={describeOutcome({ type: job.type, error: null }, run.status, run)} />
      )}
    </div>
  );
}

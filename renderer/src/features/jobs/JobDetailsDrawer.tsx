import { Alert, Badge, Drawer, Group, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { Instance, Job, JobRun, JobStatus } from '@ark-asa/contracts';
import { useJob } from '../../api/queries.ts';
import { JOB_LABEL } from '../../api/live-bridge.ts';
import { time } from '../../components/format.ts';
import { JobProgress } from '../../components/JobProgress.tsx';
import { useNow } from '../../components/use-now.ts';
import { duration, isActive, jobTimes } from './job-look.ts';
import { describeOutcome } from './job-outcome-words.ts';
import { describeJob } from './job-words.ts';
import { JobStatusBadge } from './JobStatusBadge.tsx';
import { CancelJob } from './JobRow.tsx';
import { OutcomeLine } from './OutcomeLine.tsx';
import { TechnicalDetails, type TechnicalFact } from './TechnicalDetails.tsx';
import { useJobNamesFor } from './use-job-names.ts';
import { useLiveStatus } from './use-live-job.ts';

/** One job: what it does, how it ended, how long it waited and ran, and each attempt. */
export function JobDetailsDrawer({
  jobId,
  instances,
  onClose,
}: {
  jobId: string | null;
  instances: Instance[];
  onClose: () => void;
}) {
  const { data: job, isLoading, error } = useJob(jobId);
  const status = useLiveStatus(job);
  const serverName = job?.instanceId ? (instances.find((i) => i.id === job.instanceId)?.name ?? null) : undefined;
  const title = job ? `${JOB_LABEL[job.type]}${serverName ? ` · ${serverName}` : ''}` : 'Job';
  return (
    <Drawer
      opened={!!jobId}
      onClose={onClose}
      position="right"
      size="lg"
      title={title}
      styles={{ title: { fontSize: 'var(--mantine-h3-font-size)', fontWeight: 700 } }}
      data-testid="job-drawer"
    >
      {isLoading && <Loader />}
      {error && <Alert color="red">{error.message}</Alert>}
      {job && status && <JobDetails job={job} status={status} serverName={serverName} />}
    </Drawer>
  );
}

export function JobDetails({
  job,
  status,
  serverName,
}: {
  job: Job;
  status: JobStatus;
  serverName: string | null | undefined;
}) {
  const names = useJobNamesFor(job);
  const now = useNow(1000);
  const runs = job.runs ?? [];
  const outcome = describeOutcome(job, status, runs.at(-1));
  return (
    <Stack>
      <Group justify="space-between">
        <Group gap="sm">
          <JobStatusBadge status={status} />
          <Text size="sm" c="dimmed" data-testid="job-times">
            Queued {time(job.createdAt)} · {jobTimes(job, status, now)}
          </Text>
        </Group>
        {isActive(status) && <CancelJob job={job} label={JOB_LABEL[job.type]} serverName={serverName} />}
      </Group>
      <Text size="sm" fw={500} data-testid="job-sentence">
        {describeJob(job, names)}
      </Text>
      <OutcomeLine outcome={outcome} />
      {isActive(status) && (
        <JobProgress jobId={job.id} fallbackMessage={status === 'PENDING' ? 'Waiting for its turn…' : 'Working…'} />
      )}
      {runs.length > 1 && <Title order={4}>Attempts</Title>}
      {runs.length === 0 && isActive(status) && (
        <Text size="sm" c="dimmed">
          Not started yet: it waits for a free slot.
        </Text>
      )}
      {runs.length > 1 && [...runs].reverse().map((run) => <RunCard key={run.id} job={job} run={run} />)}
      <TechnicalDetails facts={technicalFacts(job)} />
    </Stack>
  );
}

/** Ids and the raw params, results and errors, as the API gives them. */
function technicalFacts(job: Job): TechnicalFact[] {
  const facts: TechnicalFact[] = [
    { label: 'Job id', value: job.id },
    { label: 'Type', value: job.type },
  ];
  if (job.instanceId) facts.push({ label: 'Server id', value: job.instanceId });
  facts.push({ label: 'Parameters (as sent to the API)', value: job.params });
  for (const run of job.runs ?? []) {
    facts.push({
      label: `Attempt ${run.attempt} (run ${run.id})`,
      value: { status: run.status, lastMessage: run.message, result: run.result, error: run.error },
    });
  }
  if (!job.runs?.length && job.error) facts.push({ label: 'Error', value: job.error });
  return facts;
}

/** One attempt, shown when a job had more than one. */
function RunCard({ job, run }: { job: Job; run: JobRun }) {
  const took =
    run.startedAt && run.finishedAt ? duration(Date.parse(run.finishedAt) - Date.parse(run.startedAt)) : null;
  return (
    <Paper withBorder p="sm" data-testid="job-run">
      <Stack gap="xs">
        <Group gap="xs">
          <Badge variant="outline" color="gray">
            Attempt {run.attempt}
          </Badge>
          <JobStatusBadge status={run.status} />
        </Group>
        <SimpleGrid cols={2} spacing="xs">
          <Fact label="Started" value={time(run.startedAt)} />
          <Fact label="Finished" value={run.finishedAt ? `${time(run.finishedAt)}${took ? ` (${took})` : ''}` : '—'} />
        </SimpleGrid>
        {/* The message is what the run is doing: once it ended, its outcome says more. */}
        {isActive(run.status) ? (
          run.message && <Fact label="Now" value={run.message} />
        ) : (
          <OutcomeLine outcome={describeOutcome({ type: job.type, error: null }, run.status, run)} />
        )}
      </Stack>
    </Paper>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {value}
      </Text>
    </div>
  );
}

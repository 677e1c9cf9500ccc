import { Alert, Badge, Code, Drawer, Group, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { Instance, JobRun } from '@ark-asa/contracts';
import { useJob } from '../../api/queries.ts';
import { JOB_LABEL } from '../../api/live-bridge.ts';
import { time } from '../../components/format.ts';
import { JobProgress } from '../../components/JobProgress.tsx';
import { jobSentence } from '../instances/instance-jobs-format.ts';
import { duration, isActive } from './job-look.ts';
import { JobStatusBadge } from './JobStatusBadge.tsx';
import { CancelJob } from './JobRow.tsx';
import { useLiveStatus } from './use-live-job.ts';

/** One job with every run: what each attempt said, returned or failed with. */
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
      title={<Title order={3}>{title}</Title>}
      data-testid="job-drawer"
    >
      {isLoading && <Loader />}
      {error && <Alert color="red">{error.message}</Alert>}
      {job && status && (
        <Stack>
          <Group justify="space-between">
            <Group gap="sm">
              <JobStatusBadge status={status} />
              <Text size="sm" c="dimmed">
                Created {time(job.createdAt)}
              </Text>
            </Group>
            {isActive(status) && <CancelJob job={job} label={JOB_LABEL[job.type]} serverName={serverName} />}
          </Group>
          <Text size="sm" data-testid="job-sentence">
            {jobSentence(JOB_LABEL[job.type], serverName, job.params)}
          </Text>
          {Object.keys(job.params).length > 0 && (
            <JsonBlock label="Parameters (as sent to the API)" value={job.params} />
          )}
          {isActive(status) && <JobProgress jobId={job.id} fallbackMessage="Working…" />}
          <Title order={4}>Runs</Title>
          {(job.runs ?? []).length === 0 && (
            <Text size="sm" c="dimmed">
              Not started yet: it waits for a free slot.
            </Text>
          )}
          {[...(job.runs ?? [])].reverse().map((run) => (
            <RunCard key={run.id} run={run} />
          ))}
          <Text size="xs" c="dimmed" className="mono">
            Job {job.id}
          </Text>
        </Stack>
      )}
    </Drawer>
  );
}

function RunCard({ run }: { run: JobRun }) {
  const took =
    run.startedAt && run.finishedAt ? duration(Date.parse(run.finishedAt) - Date.parse(run.startedAt)) : null;
  return (
    <Paper withBorder p="sm" data-testid="job-run">
      <Stack gap="xs">
        <Group justify="space-between">
          <Group gap="xs">
            <Badge variant="outline" color="gray">
              Attempt {run.attempt}
            </Badge>
            <JobStatusBadge status={run.status} />
          </Group>
          <Text size="sm" fw={600}>
            {Math.round(run.percent)}%
          </Text>
        </Group>
        <SimpleGrid cols={2} spacing="xs">
          <Fact label="Started" value={time(run.startedAt)} />
          <Fact label="Finished" value={run.finishedAt ? `${time(run.finishedAt)}${took ? ` (${took})` : ''}` : '—'} />
        </SimpleGrid>
        {run.message && <Fact label="Last message" value={run.message} />}
        {run.error && (
          <Alert color="red" variant="light" title={<span className="mono">{run.error.code}</span>}>
            {run.error.message}
          </Alert>
        )}
        {run.result !== null && run.result !== undefined && <JsonBlock label="Result" value={run.result} />}
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

function JsonBlock({ label, value }: { label: string; value: unknown }) {
  return (
    <div>
      <Text size="xs" c="dimmed" mb={4}>
        {label}
      </Text>
      <Code block style={{ maxHeight: 320, overflow: 'auto' }}>
        {JSON.stringify(value, null, 2)}
      </Code>
    </div>
  );
}

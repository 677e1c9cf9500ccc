import { Anchor, Button, Group, Table, Text, Tooltip } from '@mantine/core';
import { Link } from 'react-router';
import type { Job } from '@ark-asa/contracts';
import { call } from '../../api/http.ts';
import { JOB_LABEL } from '../../api/live-bridge.ts';
import { ago, time } from '../../components/format.ts';
import { JobProgress } from '../../components/JobProgress.tsx';
import { useAction } from '../../components/use-action.ts';
import { ConfirmButton } from './ConfirmButton.tsx';
import { isActive, runTime } from './job-look.ts';
import { describeOutcome } from './job-outcome-words.ts';
import { describeJob, type JobNames } from './job-words.ts';
import { JobStatusBadge } from './JobStatusBadge.tsx';
import { OutcomeLine } from './OutcomeLine.tsx';
import { useLiveStatus } from './use-live-job.ts';

export interface JobRowProps {
  job: Job;
  /** The server's name; undefined for manager jobs, null for a deleted server. */
  serverName: string | null | undefined;
  /** Names for the job's sentence (servers, clusters). */
  names: JobNames;
  now: number;
  onOpen: (jobId: string) => void;
}

export function JobRow({ job, serverName, names, now, onOpen }: JobRowProps) {
  const status = useLiveStatus(job) ?? job.status;
  const label = JOB_LABEL[job.type];
  return (
    <Table.Tr data-testid="job-row" data-job-id={job.id} data-status={status}>
      <Table.Td>
        <Anchor
          component="button"
          type="button"
          size="sm"
          fw={600}
          c="bright"
          onClick={() => onOpen(job.id)}
          aria-label={`Details of ${label} job`}
        >
          {label}
        </Anchor>
        <Text size="xs" c="dimmed" data-testid="job-sentence">
          {describeJob(job, names)}
        </Text>
      </Table.Td>
      <Table.Td>
        <ServerCell id={job.instanceId} name={serverName} />
      </Table.Td>
      <Table.Td>
        <JobStatusBadge status={status} />
      </Table.Td>
      <Table.Td miw={180}>
        {isActive(status) ? (
          <JobProgress jobId={job.id} fallbackMessage={status === 'PENDING' ? 'Waiting for its turn…' : 'Working…'} />
        ) : (
          <OutcomeLine outcome={describeOutcome(job, status)} size="xs" />
        )}
      </Table.Td>
      <Table.Td>
        <Tooltip label={time(job.createdAt)}>
          <Text size="sm" span>
            {ago(job.createdAt, now)}
          </Text>
        </Tooltip>
      </Table.Td>
      <Table.Td>
        <Text size="sm" data-testid="job-run-time">
          {runTime(job, status, now)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="nowrap" justify="flex-end">
          {isActive(status) && <CancelJob job={job} label={label} serverName={serverName} />}
          <Button size="xs" variant="default" onClick={() => onOpen(job.id)} data-testid="job-details">
            Details
          </Button>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

function ServerCell({ id, name }: { id: string | null; name: string | null | undefined }) {
  if (!id)
    return (
      <Text size="sm" c="dimmed">
        Manager
      </Text>
    );
  if (!name)
    return (
      <Text size="sm" c="dimmed">
        Deleted server
      </Text>
    );
  return (
    <Anchor component={Link} to={`/instances/${id}`} size="sm">
      {name}
    </Anchor>
  );
}

export function CancelJob({
  job,
  label,
  serverName,
}: {
  job: Job;
  label: string;
  serverName: string | null | undefined;
}) {
  const cancel = useAction(() => call('cancelJob', { params: { id: job.id } }), {
    success: () => `${label}: cancelling`,
  });
  return (
    <ConfirmButton
      size="xs"
      label="Cancel…"
      aria-label={`Cancel the ${label} job`}
      title={`Cancel this ${label.toLowerCase()}?`}
      body={`The ${label.toLowerCase()}${serverName ? ` of ${serverName}` : ''} stops at its next safe point. You can run it again later.`}
      confirmLabel="Cancel the job"
      keepLabel="Keep it running"
      loading={cancel.isPending}
      onConfirm={() => cancel.mutate([])}
      data-testid="cancel-job"
    />
  );
}

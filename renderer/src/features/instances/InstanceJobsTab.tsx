import {
  Alert,
  Badge,
  Button,
  Card,
  EmptyState,
  Group,
  Loader,
  SegmentedControl,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { Fragment, useMemo, useState } from 'react';
import type { Instance, Job } from '@ark-asa/contracts';
import { call } from '../../api/http.ts';
import { JOB_LABEL } from '../../api/live-bridge.ts';
import { useJobs } from '../../api/queries.ts';
import { ago, time } from '../../components/format.ts';
import { JobProgress } from '../../components/JobProgress.tsx';
import { useAction } from '../../components/use-action.ts';
import { useNow } from '../../components/use-now.ts';
import { shortTime } from '../backups/backup-look.ts';
import { useBackups } from '../backups/use-backups.ts';
import { JOB_STATUS_LOOK, runTime } from '../jobs/job-look.ts';
import { describeOutcome } from '../jobs/job-outcome-words.ts';
import { describeJob, type JobNames } from '../jobs/job-words.ts';
import { OutcomeLine } from '../jobs/OutcomeLine.tsx';
import { useJobNames } from '../jobs/use-job-names.ts';
import { isActive, newestFirst } from './instance-jobs-format.ts';
import { InstanceJobsCancel } from './InstanceJobsCancel.tsx';
import { InstanceJobsRuns } from './InstanceJobsRuns.tsx';

type View = 'all' | 'active' | 'failed';
const VIEWS: { value: View; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'active', label: 'Active' },
  { value: 'failed', label: 'Failed' },
];

/** This server's jobs, newest first: live progress, cancel, and each job's runs on demand. */
export function InstanceJobsTab({ instance }: { instance: Instance }) {
  const jobs = useJobs({ instanceId: instance.id });
  const [view, setView] = useState<View>('all');
  const [open, setOpen] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState<Job | null>(null);
  const cancelPending = useAction((id: string) => call('cancelJob', { params: { id } }), {
    success: () => 'Cancelled',
  });
  const now = useNow(10_000);
  const names = useInstanceJobNames(instance.id);
  const all = newestFirst(jobs.data ?? []);
  const shown = all.filter((j) => (view === 'active' ? isActive(j) : view === 'failed' ? j.status === 'FAILED' : true));
  // A pending job has not begun: cancelling loses nothing, so no question.
  const cancel = (job: Job) => (job.status === 'PENDING' ? cancelPending.mutate([job.id]) : setCancelling(job));

  return (
    <Card>
      <Group justify="space-between" mb="sm">
        <div>
          <Title order={5}>Jobs of {instance.name}</Title>
          <Text size="xs" c="dimmed">
            Starts, stops, restarts, updates and backups; the latest 100.
          </Text>
        </div>
        <SegmentedControl size="xs" value={view} onChange={setView} data={VIEWS} aria-label="Which jobs" />
      </Group>
      {jobs.isLoading ? (
        <Loader size="sm" />
      ) : jobs.error ? (
        <Alert color="red" title="Could not load the jobs">
          {jobs.error.message}
        </Alert>
      ) : shown.length === 0 ? (
        <EmptyState
          size="sm"
          title={all.length ? 'No job in this view' : 'No jobs yet'}
          description={
            all.length ? 'Choose “All” to see every job.' : 'Starting, stopping or updating the server creates one.'
          }
        />
      ) : (
        <Table verticalSpacing="xs" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={150}>When</Table.Th>
              <Table.Th>Job</Table.Th>
              <Table.Th w={260}>Status</Table.Th>
              <Table.Th w={170}>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((job) => (
              <Fragment key={job.id}>
                <JobRow
                  job={job}
                  names={names}
                  now={now}
                  open={open === job.id}
                  onToggle={() => setOpen(open === job.id ? null : job.id)}
                  onCancel={() => cancel(job)}
                  cancelling={cancelPending.isPending && cancelPending.variables[0] === job.id}
                />
                {open === job.id && (
                  <Table.Tr>
                    <Table.Td colSpan={4} id={`runs-${job.id}`} bg="var(--mantine-color-default-hover)">
                      <InstanceJobsRuns jobId={job.id} />
                    </Table.Td>
                  </Table.Tr>
                )}
              </Fragment>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {cancelling && (
        <InstanceJobsCancel job={cancelling} label={JOB_LABEL[cancelling.type]} onClose={() => setCancelling(null)} />
      )}
    </Card>
  );
}

/** Names for this server's job sentences, with the dates of its backups (for restores). */
function useInstanceJobNames(instanceId: string): JobNames {
  const names = useJobNames();
  const backups = useBackups(instanceId).data;
  return useMemo(() => {
    const taken = new Map((backups ?? []).map((b) => [b.id, shortTime(b.createdAt)]));
    return { ...names, backupTime: (id: string) => taken.get(id) ?? (backups ? null : undefined) };
  }, [names, backups]);
}

interface JobRowProps {
  job: Job;
  names: JobNames;
  now: number;
  open: boolean;
  onToggle: () => void;
  onCancel: () => void;
  cancelling: boolean;
}

function JobRow({ job, names, now, open, onToggle, onCancel, cancelling }: JobRowProps) {
  return (
    <Table.Tr data-testid="job-row" data-job-id={job.id} data-status={job.status}>
      <Table.Td>
        <Text size="sm" title={time(job.createdAt)}>
          {ago(job.createdAt, now)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" fw={600}>
          {JOB_LABEL[job.type]}
        </Text>
        <Text size="xs" c="dimmed" data-testid="job-sentence">
          {describeJob(job, names)}
        </Text>
      </Table.Td>
      <Table.Td>
        {isActive(job) ? (
          <JobProgress
            jobId={job.id}
            fallbackMessage={job.status === 'PENDING' ? 'Waiting for its turn…' : 'Running…'}
          />
        ) : (
          <FinishedStatus job={job} now={now} />
        )}
      </Table.Td>
      <Table.Td>
        <Group gap={6} wrap="nowrap" justify="flex-end">
          {isActive(job) && (
            <Button
              size="compact-sm"
              variant="light"
              color="red"
              loading={cancelling}
              onClick={onCancel}
              aria-label={`Cancel the ${JOB_LABEL[job.type].toLowerCase()}`}
            >
              Cancel
            </Button>
          )}
          <Button
            size="compact-sm"
            variant="subtle"
            onClick={onToggle}
            aria-expanded={open}
            aria-controls={open ? `runs-${job.id}` : undefined}
          >
            {open ? 'Hide details' : 'Details'}
          </Button>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

/** The status, how long the job ran (from its start, not from when it was queued), and why it failed. */
function FinishedStatus({ job, now }: { job: Job; now: number }) {
  return (
    <div>
      <Group gap={6}>
        <Badge variant="light" color={JOB_STATUS_LOOK[job.status].color}>
          {JOB_STATUS_LOOK[job.status].label}
        </Badge>
        <Text size="xs" c="dimmed" data-testid="job-run-time">
          {job.startedAt ? `ran ${runTime(job, job.status, now)}` : runTime(job, job.status, now)}
        </Text>
      </Group>
      <OutcomeLine outcome={describeOutcome(job, job.status)} size="xs" />
    </div>
  );
}

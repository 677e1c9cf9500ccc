import { Alert, Button, Card, Group, Skeleton, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { JobStatus, JobType, type Instance, type Job } from '@ark-asa/contracts';
import { useInstances } from '../../api/queries.ts';
import { useNow } from '../../components/use-now.ts';
import { JobDetailsDrawer } from './JobDetailsDrawer.tsx';
import { JobFilters } from './JobFilters.tsx';
import { JobRow } from './JobRow.tsx';
import { useJobNames } from './use-job-names.ts';
import { useJobPages, type JobFilter } from './use-job-pages.ts';

/** Filters and the open job live in the URL, so a link to "failed backups of X" can be shared. */
function useJobsUrlState() {
  const [params, setParams] = useSearchParams();
  const status = JobStatus.safeParse(params.get('status')).data;
  const type = JobType.safeParse(params.get('type')).data;
  const filter: JobFilter = { status, type, instanceId: params.get('instanceId') ?? undefined };
  const openId = params.get('job');
  const update = (patch: Record<string, string | undefined | null>) =>
    setParams((old) => {
      const next = new URLSearchParams(old);
      for (const [k, v] of Object.entries(patch)) {
        if (v) next.set(k, v);
        else next.delete(k);
      }
      return next;
    });
  return {
    filter,
    openId,
    setFilter: (f: JobFilter) => update({ status: f.status, type: f.type, instanceId: f.instanceId }),
    open: (id: string | null) => update({ job: id }),
  };
}

export function JobsPage() {
  const { filter, openId, setFilter, open } = useJobsUrlState();
  const instanceQuery = useInstances();
  const instances = instanceQuery.data ?? [];
  const pages = useJobPages(filter);
  const jobs = pages.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack>
      <div>
        <Title order={2}>Jobs</Title>
        <Text c="dimmed" size="sm">
          Every long operation (installs, starts, stops, updates, backups) runs as a job. Newest first; running ones
          update live.
        </Text>
      </div>
      <JobFilters filter={filter} instances={instances} onChange={setFilter} />
      <Card p={0}>
        {pages.isLoading ? (
          <Skeleton h={240} />
        ) : pages.error ? (
          <Alert color="red" m="md">
            {pages.error.message}
          </Alert>
        ) : jobs.length === 0 ? (
          <Text c="dimmed" p="md">
            No jobs match these filters.
          </Text>
        ) : (
          <JobsTable jobs={jobs} instances={instanceQuery.data} onOpen={open} />
        )}
      </Card>
      {pages.hasNextPage && (
        <Group justify="center">
          <Button
            variant="default"
            loading={pages.isFetchingNextPage}
            onClick={() => void pages.fetchNextPage()}
            data-testid="load-more"
          >
            Load more
          </Button>
        </Group>
      )}
      <JobDetailsDrawer jobId={openId} instances={instances} onClose={() => open(null)} />
    </Stack>
  );
}

function JobsTable({
  jobs,
  instances,
  onOpen,
}: {
  jobs: Job[];
  instances: Instance[] | undefined;
  onOpen: (id: string) => void;
}) {
  const now = useNow(1000);
  const jobNames = useJobNames();
  const names = new Map((instances ?? []).map((i) => [i.id, i.name]));
  // Manager jobs have no server (undefined); a server missing from a loaded list was deleted (null).
  const serverName = (id: string | null) => (id ? (names.get(id) ?? (instances ? null : '…')) : undefined);
  return (
    <Table.ScrollContainer minWidth={860} type="native">
      <Table highlightOnHover verticalSpacing="xs" data-testid="jobs-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Job</Table.Th>
            <Table.Th>Server</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Progress or outcome</Table.Th>
            <Table.Th>Created</Table.Th>
            <Table.Th>Run time</Table.Th>
            <Table.Th>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {jobs.map((j) => (
            <JobRow
              key={j.id}
              job={j}
              serverName={serverName(j.instanceId)}
              names={jobNames}
              now={now}
              onOpen={onOpen}
            />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

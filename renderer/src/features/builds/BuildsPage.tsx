import { Alert, Card, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useBuilds, useInstances } from '../../api/queries.ts';
import { HostSelect } from '../hosts/HostSelect.tsx';
import { useHostChoice } from '../hosts/use-host-choice.ts';
import { JobOutcome } from '../jobs/JobOutcome.tsx';
import { useLatestJob } from '../jobs/use-live-job.ts';
import { BuildsTable } from './BuildsTable.tsx';
import { SteamcmdHint } from './SteamcmdHint.tsx';
import { UpdatePanel } from './UpdatePanel.tsx';
import { newestBuildId } from './update-available.ts';

export function BuildsPage() {
  const host = useHostChoice();
  const jobHost = host.show && host.picked ? { id: host.picked.id } : undefined;
  const builds = useBuilds(host.agentId);
  const instances = useInstances();
  const deletion = useLatestJob('DELETE_BUILD', jobHost);
  const deletedId = typeof deletion?.params.buildId === 'string' ? deletion.params.buildId : '';
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>Server builds</Title>
          <Text c="dimmed" size="sm" maw={760}>
            A build is one installed copy of the ARK server, shared by your servers through hard links, so a second
            server costs no extra download or disk. Old builds stay for rollback until you delete them.
          </Text>
        </div>
        <div style={{ minWidth: 260 }}>
          <HostSelect choice={host} work="installing or deleting builds" description="Each host keeps its own builds" />
        </div>
      </Group>
      {!host.agentId && <SteamcmdHint />}
      {builds.error && (
        <Alert color="red" title="Could not load the builds">
          {builds.error.message}
        </Alert>
      )}
      {builds.isLoading ? (
        <Skeleton h={160} />
      ) : (
        builds.data && <UpdatePanel builds={builds.data} agentId={host.agentId} jobHost={jobHost} />
      )}
      <Card p={0}>
        <Title order={4} p="md" pb={0}>
          Installed builds
        </Title>
        {builds.isLoading ? (
          <Skeleton h={120} m="md" />
        ) : builds.data?.items.length ? (
          <BuildsTable
            builds={builds.data.items}
            instances={instances.data ?? []}
            newest={newestBuildId(builds.data)}
            agentId={host.agentId}
          />
        ) : (
          <Text c="dimmed" size="sm" p="md">
            No build installed yet. Install the server above to create your first one.
          </Text>
        )}
      </Card>
      <JobOutcome job={deletion} label={`Deleting build ${deletedId}`} />
    </Stack>
  );
}

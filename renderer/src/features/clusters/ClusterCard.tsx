import { Button, Card, Code, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { Cluster, Instance } from '@ark-asa/contracts';
import { call } from '../../api/http.ts';
import { useAction } from '../../components/use-action.ts';
import { ClusterFolders } from './ClusterFolders.tsx';
import { ClusterMembers } from './ClusterMembers.tsx';
import { spansHosts } from './folder-hosts.ts';
import { TransferRulesForm } from './TransferRulesForm.tsx';
import { useDeleteCluster, useUpdateCluster } from './use-clusters.ts';

/** The warning every member shows before a cluster stop or restart. */
const STOP_BODY = { countdownMinutes: 5, message: 'cluster maintenance' };

const jobsMessage = (verb: string) => (r: { jobs: unknown[] }) => `${verb} ${r.jobs.length} server(s)`;

export function ClusterCard({ cluster, members }: { cluster: Cluster; members: Instance[] }) {
  const [name, setName] = useState(cluster.name);
  const update = useUpdateCluster(cluster.id);
  const remove = useDeleteCluster(cluster.id);
  const params = { id: cluster.id };
  const start = useAction(() => call('startCluster', { params, body: {} }), { success: jobsMessage('Starting') });
  const stop = useAction(() => call('stopCluster', { params, body: STOP_BODY }), { success: jobsMessage('Stopping') });
  const restart = useAction(() => call('restartCluster', { params, body: STOP_BODY }), {
    success: jobsMessage('Restarting'),
  });
  const backup = useAction(() => call('backupCluster', { params }), { success: (b) => `Saved ${b.file}` });
  const rename = useAction((n: string) => update.mutateAsync({ name: n }), { success: () => 'Renamed' });
  const del = useAction(() => remove.mutateAsync(), { success: () => 'Cluster deleted' });
  const busy = start.isPending || stop.isPending || restart.isPending;
  return (
    <Card withBorder data-testid="cluster-card">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={4}>{cluster.name}</Title>
            <Text size="xs" c="dimmed">
              Cluster id <Code>{cluster.gameClusterId}</Code> · folder{spansHosts(members) ? ' on this PC' : ''}{' '}
              <Code>{cluster.clusterDir}</Code>
            </Text>
          </div>
          <Group gap="xs">
            <Button size="xs" disabled={busy || members.length === 0} onClick={() => start.mutate([])}>
              Start all
            </Button>
            <Button
              size="xs"
              variant="light"
              disabled={busy || members.length === 0}
              onClick={() => restart.mutate([])}
            >
              Restart all
            </Button>
            <Button
              size="xs"
              variant="light"
              color="orange"
              disabled={busy || members.length === 0}
              onClick={() => stop.mutate([])}
            >
              Stop all
            </Button>
          </Group>
        </Group>
        <Text size="xs" c="dimmed">
          Start runs the servers one after another, 30 s apart after each is up. Stop and restart warn players 5 minutes
          ahead.
        </Text>
        <ClusterMembers members={members} />
        <ClusterFolders cluster={cluster} members={members} />
        <TransferRulesForm cluster={cluster} />
        <Group gap="xs" align="flex-end">
          <TextInput size="xs" label="Name" value={name} onChange={(e) => setName(e.currentTarget.value)} />
          <Button
            size="xs"
            variant="default"
            disabled={!name.trim() || name === cluster.name}
            onClick={() => rename.mutate([name])}
          >
            Rename
          </Button>
          <Button size="xs" variant="default" loading={backup.isPending} onClick={() => backup.mutate([])}>
            Back up transfers
          </Button>
          <Button size="xs" variant="subtle" color="red" disabled={members.length > 0} onClick={() => del.mutate([])}>
            Delete
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

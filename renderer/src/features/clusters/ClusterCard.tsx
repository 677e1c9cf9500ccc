import { Anchor, Button, Card, Code, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Cluster, Instance } from '@ark-asa/contracts';
import { call } from '../../api/http.ts';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { useAction } from '../../components/use-action.ts';
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
              Cluster id <Code>{cluster.gameClusterId}</Code> · folder <Code>{cluster.clusterDir}</Code>
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
        <Stack gap={4}>
          {members.length === 0 && (
            <Text size="sm" c="dimmed">
              No servers yet: pick this cluster on a server's page.
            </Text>
          )}
          {members.map((m) => (
            <Group key={m.id} gap="sm">
              <StatusBadge status={m.status} />
              <Anchor component={Link} to={`/instances/${m.id}`} size="sm">
                {m.name}
              </Anchor>
            </Group>
          ))}
        </Stack>
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

import { Alert, Badge, Button, Group, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import type { Agent } from '@ark-asa/contracts';
import { useState } from 'react';
import { useAgents, useInstances } from '../../api/queries.ts';
import { ago, bytes, percent } from '../../components/format.ts';
import { useAction } from '../../components/use-action.ts';
import { useNow } from '../../components/use-now.ts';
import { AddHostDialog } from './AddHostDialog.tsx';
import { serversPerHost } from './host-choice.ts';
import { HostServers } from './HostServers.tsx';
import { useRevokeHost } from './use-hosts.ts';

function StatusCell({ agent }: { agent: Agent }) {
  if (agent.revokedAt) return <Badge color="gray">Revoked</Badge>;
  return (
    <Badge color={agent.status === 'ONLINE' ? 'teal' : 'red'}>{agent.status === 'ONLINE' ? 'Online' : 'Offline'}</Badge>
  );
}

function HostRow({ agent, now, servers }: { agent: Agent; now: number; servers: number }) {
  const revoke = useRevokeHost();
  const action = useAction((id: string) => revoke.mutateAsync(id), { success: (a) => `Revoked ${a.name}` });
  const m = agent.metrics;
  const ask = () => {
    if (window.confirm(`Revoke ${agent.name}? It is disconnected at once and its token stops working.`)) {
      action.mutate([agent.id]);
    }
  };
  return (
    <Table.Tr data-testid={`host-${agent.id}`}>
      <Table.Td>
        <Text fw={500}>{agent.name}</Text>
        <Text size="xs" c="dimmed">
          {agent.kind === 'local'
            ? 'This PC'
            : agent.hostname
              ? `${agent.hostname} · ${agent.platform}`
              : 'Never connected'}
        </Text>
      </Table.Td>
      <Table.Td>
        <StatusCell agent={agent} />
      </Table.Td>
      <Table.Td>
        <HostServers agent={agent} count={servers} />
      </Table.Td>
      <Table.Td>{m ? `${percent(m.cpuPercent)} (${m.cpuCount} cores)` : '—'}</Table.Td>
      <Table.Td>{m ? `${bytes(m.memoryUsedBytes)} / ${bytes(m.memoryTotalBytes)}` : '—'}</Table.Td>
      <Table.Td>{m ? bytes(m.diskFreeBytes) : '—'}</Table.Td>
      <Table.Td>{agent.lastHeartbeatAt ? ago(agent.lastHeartbeatAt, now) : '—'}</Table.Td>
      <Table.Td>
        {agent.kind === 'remote' && !agent.revokedAt && (
          <Button size="compact-sm" color="red" variant="light" loading={action.isPending} onClick={ask}>
            Revoke
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** Hosts: this PC and the remote agents, with status and metrics; adding and revoking hosts. */
export function HostsPage() {
  const agents = useAgents();
  const perHost = serversPerHost(useInstances().data ?? []);
  const now = useNow(5000);
  const [adding, setAdding] = useState(false);
  return (
    <Stack maw={1100}>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>Hosts</Title>
          <Text c="dimmed" size="sm">
            Machines that run servers: this PC, and others running the manager&apos;s agent, which connects here by
            itself.
          </Text>
        </div>
        <Button onClick={() => setAdding(true)} data-testid="host-add">
          Add host
        </Button>
      </Group>
      {agents.error && (
        <Alert color="red" title="Could not load the hosts">
          {agents.error.message}
        </Alert>
      )}
      {agents.isLoading && <Skeleton h={120} />}
      {agents.data && (
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Host</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Servers</Table.Th>
              <Table.Th>CPU</Table.Th>
              <Table.Th>Memory</Table.Th>
              <Table.Th>Disk free</Table.Th>
              <Table.Th>Last heartbeat</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {agents.data.map((a) => (
              <HostRow key={a.id} agent={a} now={now} servers={perHost.get(a.id)?.length ?? 0} />
            ))}
          </Table.Tbody>
        </Table>
      )}
      <AddHostDialog opened={adding} onClose={() => setAdding(false)} />
    </Stack>
  );
}

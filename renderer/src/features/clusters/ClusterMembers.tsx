import { Anchor, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { Instance } from '@ark-asa/contracts';
import { useAgents } from '../../api/queries.ts';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { namesHosts } from '../hosts/host-choice.ts';
import { HostBadge } from '../hosts/InstanceHost.tsx';

/** The cluster's servers with their status, and their host once the manager has more than one. */
export function ClusterMembers({ members }: { members: Instance[] }) {
  // Named for every member or none, as the dashboard's Host column does.
  const withHost = namesHosts(useAgents().data ?? [], members);
  if (members.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No servers yet: pick this cluster on a server&apos;s page.
      </Text>
    );
  return (
    <Stack gap={4}>
      {members.map((m) => (
        <Group key={m.id} gap="sm" data-testid="cluster-member">
          <StatusBadge status={m.status} />
          <Anchor component={Link} to={`/instances/${m.id}`} size="sm">
            {m.name}
          </Anchor>
          {withHost && <HostBadge agentId={m.agentId} always prefix="Host: " />}
        </Group>
      ))}
    </Stack>
  );
}

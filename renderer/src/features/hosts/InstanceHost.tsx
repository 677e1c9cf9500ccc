import { Alert, Badge, Group, Text } from '@mantine/core';
import type { Agent } from '@ark-asa/contracts';
import { useAgents } from '../../api/queries.ts';
import { hasChoice, isOffline } from './host-choice.ts';

export interface InstanceHostInfo {
  agent: Agent | undefined;
  /** Whether naming the host tells the user anything: more than one host, or a server not on this PC. */
  show: boolean;
  offline: boolean;
  revoked: boolean;
}

/** The host a server runs on, and whether it can be reached now. */
export function useInstanceHost(agentId: string): InstanceHostInfo {
  const agents = useAgents().data ?? [];
  const agent = agents.find((a) => a.id === agentId);
  return {
    agent,
    show: !!agent && (hasChoice(agents) || agent.kind !== 'local'),
    offline: isOffline(agent),
    revoked: !!agent?.revokedAt,
  };
}

/**
 * The server's host by name, marked when it is offline or revoked; nothing on a one-PC manager
 * unless `always` (a table column that names every row's host once any row needs it).
 */
export function HostBadge({
  agentId,
  size = 'sm',
  always,
  prefix = '',
}: {
  agentId: string;
  size?: 'xs' | 'sm';
  always?: boolean;
  /** Words before the name where no column header says what it is ("Host: "). */
  prefix?: string;
}) {
  const { agent, show, offline, revoked } = useInstanceHost(agentId);
  if (!agent || !(show || always)) return null;
  return (
    <Group gap={6} wrap="nowrap" data-testid="instance-host" data-host={agent.name}>
      <Text size={size} c="dimmed" truncate>
        {prefix}
        {agent.name}
      </Text>
      {(offline || revoked) && (
        <Badge size="xs" color={revoked ? 'gray' : 'red'} variant="light">
          {revoked ? 'Revoked' : 'Offline'}
        </Badge>
      )}
    </Group>
  );
}

/** Above a server's page when its host cannot be reached: what is shown is old, and actions fail. */
export function OfflineHostBanner({ agentId }: { agentId: string }) {
  const { agent, offline, revoked } = useInstanceHost(agentId);
  if (!agent || !(offline || revoked)) return null;
  return (
    <Alert
      color={revoked ? 'gray' : 'orange'}
      variant="light"
      title={revoked ? `Host ${agent.name} was revoked` : `Host ${agent.name} is offline`}
      data-testid="host-offline-banner"
    >
      {revoked
        ? 'Showing the last state it reported. The manager no longer accepts it, so actions on this server fail.'
        : 'Showing the last state it reported; actions will fail until it reconnects.'}
    </Alert>
  );
}

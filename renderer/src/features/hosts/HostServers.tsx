import { Anchor, Stack, Text } from '@mantine/core';
import type { Agent } from '@ark-asa/contracts';
import { Link } from 'react-router';

/** "2 servers", linking to the dashboard filtered to them; and a way to create one there. */
export function HostServers({ agent, count }: { agent: Agent; count: number }) {
  // This PC is the create form's default: no ?host= for it, as the form writes it.
  const here = agent.kind === 'local' ? '' : `?host=${agent.id}`;
  return (
    <Stack gap={0}>
      {count ? (
        <Anchor component={Link} to={`/?host=${agent.id}`} size="sm" data-testid="host-servers">
          {count === 1 ? '1 server' : `${count} servers`}
        </Anchor>
      ) : (
        <Text size="sm" c="dimmed" data-testid="host-servers">
          None
        </Text>
      )}
      {!agent.revokedAt && (
        <Anchor component={Link} to={`/instances/new${here}`} size="xs">
          New server here
        </Anchor>
      )}
    </Stack>
  );
}

import { Anchor, Group, Text } from '@mantine/core';
import type { Agent } from '@ark-asa/contracts';
import { Link } from 'react-router';

/** Says the dashboard shows one host's servers only, with the way back to all of them. */
export function HostFilterNote({ host, count }: { host: Agent | undefined; count: number }) {
  return (
    <Group gap="sm" data-testid="host-filter">
      <Text size="sm">
        {count === 1 ? '1 server' : `${count} servers`} on <b>{host?.name ?? 'an unknown host'}</b>
      </Text>
      <Anchor component={Link} to="/" size="sm">
        Show all servers
      </Anchor>
    </Group>
  );
}

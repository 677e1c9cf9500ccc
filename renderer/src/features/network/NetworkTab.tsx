import { Anchor, Stack, Text } from '@mantine/core';
import type { Instance } from '@ark-asa/contracts';
import { FirewallCard } from './FirewallCard.tsx';
import { VisibilityCard } from './VisibilityCard.tsx';

/** The "Network" tab of a server: its firewall rules and the visibility check (docs/visibility.md). */
export function NetworkTab({ instance }: { instance: Instance }) {
  return (
    <Stack>
      <VisibilityCard instance={instance} />
      <FirewallCard instance={instance} />
      <Text size="xs" c="dimmed">
        Players outside your network also need the router to forward UDP {instance.settings.gamePort} to this computer.{' '}
        <Anchor href="https://ark.wiki.gg/wiki/Dedicated_server_setup" target="_blank" rel="noreferrer">
          Dedicated server setup (ARK wiki)
        </Anchor>
      </Text>
    </Stack>
  );
}

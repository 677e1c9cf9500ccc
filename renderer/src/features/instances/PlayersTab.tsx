import { Text } from '@mantine/core';
import type { Instance } from '@ark-asa/contracts';

// Placeholder until the PlayersTab is built (in progress).
export function PlayersTab({ instance }: { instance: Instance }) {
  return <Text c="dimmed">{instance.name}</Text>;
}

import { Text } from '@mantine/core';
import type { Instance } from '@ark-asa/contracts';

// Placeholder until the ConsoleTab is built (in progress).
export function ConsoleTab({ instance }: { instance: Instance }) {
  return <Text c="dimmed">{instance.name}</Text>;
}

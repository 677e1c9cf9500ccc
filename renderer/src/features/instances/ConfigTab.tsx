import { Text } from '@mantine/core';
import type { Instance } from '@ark-asa/contracts';

// Placeholder until the ConfigTab is built (in progress).
export function ConfigTab({ instance }: { instance: Instance }) {
  return <Text c="dimmed">{instance.name}</Text>;
}

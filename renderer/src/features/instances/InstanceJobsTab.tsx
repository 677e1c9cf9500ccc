import { Text } from '@mantine/core';
import type { Instance } from '@ark-asa/contracts';

// Placeholder until the InstanceJobsTab is built (in progress).
export function InstanceJobsTab({ instance }: { instance: Instance }) {
  return <Text c="dimmed">{instance.name}</Text>;
}

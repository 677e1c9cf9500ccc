import { Title } from '@mantine/core';

// Placeholder until the page is built (in progress).
export function JobsPage() {
  return <Title order={2}>JobsPage</Title>;
}

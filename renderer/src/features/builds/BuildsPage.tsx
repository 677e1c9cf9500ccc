import { Title } from '@mantine/core';

// Placeholder until the page is built (in progress).
export function BuildsPage() {
  return <Title order={2}>BuildsPage</Title>;
}

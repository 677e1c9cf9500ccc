import { Title } from '@mantine/core';

// Placeholder until the page is built (in progress).
export function SettingsPage() {
  return <Title order={2}>SettingsPage</Title>;
}

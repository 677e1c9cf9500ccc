import { Group, Text } from '@mantine/core';

/** Three claw marks in amber: the manager's mark. */
export function Logo() {
  return (
    <Group gap={8} wrap="nowrap">
      <svg width="28" height="28" viewBox="0 0 64 64" aria-hidden="true">
        <rect width="64" height="64" rx="14" fill="#1b2330" />
        <path
          d="M18 50c6-14 9-26 8-38 4 9 5 20 2 32m6 6c5-13 7-24 6-34 4 8 5 18 2 28m6 6c3-9 4-17 3-24 3 6 4 13 2 20"
          fill="none"
          stroke="#f5a524"
          strokeWidth="5"
          strokeLinecap="round"
        />
      </svg>
      <div>
        <Text fw={700} size="sm" lh={1.1}>
          ASA Server Manager
        </Text>
        <Text size="xs" c="dimmed" lh={1.1}>
          ARK: Survival Ascended
        </Text>
      </div>
    </Group>
  );
}

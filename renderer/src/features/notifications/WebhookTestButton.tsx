import { Button, Group, Text } from '@mantine/core';
import type { NotificationTestResult } from '@ark-asa/contracts';
import { useTestTarget } from './use-notification-targets.ts';

/** "Send test": posts a test message now and says what Discord answered. */
export function WebhookTestButton({ targetId, name }: { targetId: string; name: string }) {
  const test = useTestTarget(targetId);
  return (
    <Group gap="xs" wrap="nowrap" miw={0}>
      <Button
        size="xs"
        variant="light"
        loading={test.isPending}
        onClick={() => test.mutate()}
        aria-label={`Send test to ${name}`}
        data-testid="webhook-test"
      >
        Send test
      </Button>
      <Text
        size="sm"
        aria-live="polite"
        data-testid="webhook-test-result"
        c={test.data ? (test.data.delivered ? 'teal' : 'red') : 'red'}
        lineClamp={2}
      >
        {test.data ? outcome(test.data) : test.error?.message}
      </Text>
    </Group>
  );
}

function outcome(r: NotificationTestResult): string {
  if (r.delivered) return `Delivered: ${r.message}`;
  return `Not delivered${r.status ? ` (HTTP ${r.status})` : ''}: ${r.message}`;
}

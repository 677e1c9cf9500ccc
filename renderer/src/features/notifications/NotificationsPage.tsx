import { Alert, Button, Card, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { NotificationTarget } from '@ark-asa/contracts';
import { useInstances } from '../../api/queries.ts';
import { useNotificationTargets } from './use-notification-targets.ts';
import { WebhookForm } from './WebhookForm.tsx';
import { WebhookRow } from './WebhookRow.tsx';

/** Which form is open: a new target, an existing one, or none. */
type Editing = { target?: NotificationTarget } | null;

/** Discord webhooks the manager posts server events to. */
export function NotificationsPage() {
  const targets = useNotificationTargets();
  const instances = useInstances();
  const [editing, setEditing] = useState<Editing>(null);
  const list = targets.data ?? [];
  return (
    <Stack maw={1000}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div>
          <Title order={2}>Notifications</Title>
          <Text c="dimmed" size="sm">
            The manager posts server events to Discord channels through webhooks: starts, stops, crashes, updates,
            failed backups, players joining and leaving, new mod files.
          </Text>
          <Text c="dimmed" size="sm" mt={4}>
            Each webhook gets at most about 30 messages a minute (Discord's own limit): bursts are grouped into fewer
            messages, and beyond 100 waiting notifications the oldest are dropped and counted.
          </Text>
        </div>
        <Button onClick={() => setEditing({})} style={{ flexShrink: 0 }} data-testid="webhook-add">
          Add webhook
        </Button>
      </Group>
      {targets.error && (
        <Alert color="red" title="Could not load the webhooks">
          {targets.error.message}
        </Alert>
      )}
      {targets.isLoading && <Skeleton h={160} />}
      {targets.data && list.length === 0 && <EmptyTargets onAdd={() => setEditing({})} />}
      {list.map((t) => (
        <WebhookRow key={t.id} target={t} instances={instances.data ?? []} onEdit={() => setEditing({ target: t })} />
      ))}
      {editing && (
        <WebhookForm
          key={editing.target?.id ?? 'new'}
          target={editing.target}
          instances={instances.data ?? []}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}

function EmptyTargets({ onAdd }: { onAdd: () => void }) {
  return (
    <Card data-testid="webhooks-empty">
      <Stack gap={6} align="flex-start">
        <Text fw={600}>No webhooks yet</Text>
        <Text size="sm" c="dimmed">
          Create a webhook in Discord (a channel's settings → Integrations → Webhooks), copy its URL and add it here;
          then choose which events it hears about and send a test.
        </Text>
        <Button variant="light" size="xs" onClick={onAdd}>
          Add webhook
        </Button>
      </Stack>
    </Card>
  );
}

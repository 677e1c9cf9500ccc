import { Badge, Button, Card, Group, Stack, Switch, Text, Title } from '@mantine/core';
import { NOTIFICATION_EVENT_KINDS, type Instance, type NotificationTarget } from '@ark-asa/contracts';
import { ago } from '../../components/format.ts';
import { useAction } from '../../components/use-action.ts';
import { ConfirmButton } from '../jobs/ConfirmButton.tsx';
import { EVENT_LABELS } from './event-labels.ts';
import { useDeleteTarget, useUpdateTarget } from './use-notification-targets.ts';
import { WebhookTestButton } from './WebhookTestButton.tsx';

export interface WebhookRowProps {
  target: NotificationTarget;
  instances: Instance[];
  onEdit: () => void;
}

/** One Discord webhook: where it posts (masked), what about, how delivery went, and its actions. */
export function WebhookRow({ target, instances, onEdit }: WebhookRowProps) {
  const toggle = useUpdateTarget(target.id);
  const remove = useDeleteTarget(target.id);
  const removeAction = useAction(() => remove.mutateAsync(), { success: () => `${target.name} removed` });
  return (
    <Card data-testid="webhook-row" data-target-id={target.id} data-enabled={target.enabled}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <div style={{ minWidth: 0 }}>
            <Group gap="xs">
              <Title order={4}>{target.name}</Title>
              {!target.enabled && (
                <Badge color="gray" variant="light">
                  Off
                </Badge>
              )}
            </Group>
            <Text size="sm" c="dimmed" className="mono" truncate>
              {target.webhookUrl}
            </Text>
          </div>
          <Switch
            label="Enabled"
            checked={target.enabled}
            disabled={toggle.isPending}
            onChange={(e) => toggle.mutate({ enabled: e.currentTarget.checked })}
            aria-label={`Enabled: ${target.name}`}
          />
        </Group>
        <Group gap={6} aria-label="Events">
          {NOTIFICATION_EVENT_KINDS.filter((k) => target.events.includes(k)).map((e) => (
            <Badge key={e} variant="outline" color="gray" tt="none">
              {EVENT_LABELS[e]}
            </Badge>
          ))}
        </Group>
        <Text size="sm">{serversText(target, instances)}</Text>
        <DeliveryLine target={target} />
        {toggle.error && (
          <Text size="sm" c="red" role="alert">
            {toggle.error.message}
          </Text>
        )}
        <Group justify="space-between" wrap="nowrap">
          <WebhookTestButton targetId={target.id} name={target.name} />
          <Group gap="xs" wrap="nowrap">
            <Button size="xs" variant="default" onClick={onEdit} aria-label={`Edit ${target.name}`}>
              Edit
            </Button>
            <ConfirmButton
              size="xs"
              label="Delete…"
              aria-label={`Delete ${target.name}`}
              title={`Delete ${target.name}?`}
              body="The manager stops posting to this webhook, and what is still waiting for it is dropped. The Discord webhook itself stays; delete it in Discord if you no longer want it."
              confirmLabel="Delete the webhook"
              loading={removeAction.isPending}
              onConfirm={() => removeAction.mutate([])}
            />
          </Group>
        </Group>
      </Stack>
    </Card>
  );
}

function serversText(target: NotificationTarget, instances: Instance[]): string {
  if (!target.instanceIds) return 'All servers';
  const names = target.instanceIds.map((id) => instances.find((i) => i.id === id)?.name ?? 'a deleted server');
  return `Only ${names.join(', ')}`;
}

function DeliveryLine({ target }: { target: NotificationTarget }) {
  const d = target.delivery;
  const parts = [d.lastSentAt ? `Sent ${d.sent}, last ${ago(d.lastSentAt)}` : 'Nothing sent yet'];
  if (d.queued) parts.push(`${d.queued} waiting`);
  if (d.failed) parts.push(`${d.failed} failed`);
  if (d.dropped) parts.push(`${d.dropped} dropped (too many waiting)`);
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed">
        {parts.join(' · ')} (since the manager started)
      </Text>
      {d.lastError && (
        <Text size="xs" c="red">
          Last error: {d.lastError}
        </Text>
      )}
    </Stack>
  );
}

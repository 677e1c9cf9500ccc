import { Button, Checkbox, Group, Modal, Select, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { Instance, NotificationTarget } from '@ark-asa/contracts';
import { FormProblems, useFormAttention } from '../../components/form-attention.tsx';
import { EVENT_OPTIONS } from './event-labels.ts';
import { useWebhookForm } from './use-webhook-form.ts';
import type { WebhookDraft } from './webhook-draft.ts';

export interface WebhookFormProps {
  /** The target being edited; absent when adding one. */
  target?: NotificationTarget;
  instances: Instance[];
  onClose: () => void;
}

/** Add or change a Discord webhook: the schema's checks here, the API's answers at the same fields. */
export function WebhookForm({ target, instances, onClose }: WebhookFormProps) {
  const { attach: attachForm, problems, check: pointAtProblems } = useFormAttention();
  const { draft, set, submit, saving, error: err, general } = useWebhookForm(target, onClose, pointAtProblems);
  return (
    <Modal opened onClose={onClose} title={target ? `Edit ${target.name}` : 'Add a Discord webhook'} size="lg" centered>
      <form ref={attachForm} onSubmit={(e) => (e.preventDefault(), submit())} noValidate data-testid="webhook-form">
        <Stack>
          <TextInput
            label="Name"
            description="For you: which channel this is, e.g. Tribe announcements"
            value={draft.name}
            onChange={(e) => set('name')(e.currentTarget.value)}
            error={err('name')}
            maxLength={64}
            required
            data-autofocus
          />
          <UrlField draft={draft} editing={!!target} error={err('webhookUrl')} onChange={set('webhookUrl')} />
          <Checkbox.Group
            label="Events"
            description="What this webhook is told about"
            value={draft.events}
            onChange={set('events')}
            error={err('events')}
            required
          >
            <SimpleGrid cols={2} spacing="xs" mt="xs">
              {EVENT_OPTIONS.map((o) => (
                <Checkbox key={o.value} value={o.value} label={o.label} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <ServerSelect
            value={draft.instanceIds}
            instances={instances}
            error={err('instanceIds')}
            onChange={set('instanceIds')}
          />
          <Switch
            label="Enabled"
            description="Off keeps the webhook but sends nothing"
            checked={draft.enabled}
            onChange={(e) => set('enabled')(e.currentTarget.checked)}
          />
          {general && (
            <Text c="red" size="sm" role="alert">
              {general}
            </Text>
          )}
          <Group justify="flex-end">
            <FormProblems problems={problems} />
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={saving} data-testid="webhook-save">
              {target ? 'Save changes' : 'Add webhook'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function UrlField({
  draft,
  editing,
  error,
  onChange,
}: {
  draft: WebhookDraft;
  editing: boolean;
  error?: string;
  onChange: (v: string) => void;
}) {
  return (
    <TextInput
      label="Webhook URL"
      description="In Discord: the channel's settings → Integrations → Webhooks → New Webhook → Copy Webhook URL. Treat it like a password: anyone with it can post to the channel."
      placeholder={editing ? 'Stored and hidden; paste a new URL to replace it' : 'https://discord.com/api/webhooks/…'}
      value={draft.webhookUrl}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error}
      required={!editing}
      autoComplete="off"
      spellCheck={false}
      classNames={{ input: 'mono' }}
      data-testid="webhook-url"
    />
  );
}

const ALL = 'all';
const SEVERAL = 'several';

/** "All servers" or one; a filter of several (set through the API) is kept unless changed here. */
function ServerSelect({
  value,
  instances,
  error,
  onChange,
}: {
  value: string[] | null;
  instances: Instance[];
  error?: string;
  onChange: (v: string[] | null) => void;
}) {
  const [several] = useState(() => (value && value.length > 1 ? value : null));
  const data = [
    { value: ALL, label: 'All servers' },
    ...(several ? [{ value: SEVERAL, label: `The ${several.length} servers chosen before` }] : []),
    ...instances.map((i) => ({ value: i.id, label: i.name })),
  ];
  const orphan = value?.length === 1 && !instances.some((i) => i.id === value[0]) ? value[0] : null;
  if (orphan) data.push({ value: orphan, label: 'A server that was deleted' });
  const selected = value === null ? ALL : value.length > 1 ? SEVERAL : (value[0] ?? ALL);
  return (
    <Select
      label="Servers"
      description="Events from which servers this webhook hears about"
      data={data}
      value={selected}
      allowDeselect={false}
      onChange={(v) => onChange(v === ALL || !v ? null : v === SEVERAL ? several : [v])}
      error={error}
      data-testid="webhook-servers"
    />
  );
}

import { Alert, Button, Group, Loader, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { ApiError } from '../../api/http.ts';
import { jsonError, usePluginConfig, useSavePluginConfig } from './asa-api-api.ts';

/** A plugin's config.json as text, checked as JSON at the field before saving. Keyed by plugin name by its parent. */
export function PluginConfigEditor({ id, name, locked }: { id: string; name: string; locked: boolean }) {
  const config = usePluginConfig(id, name);
  const save = useSavePluginConfig(id, name);
  const [text, setText] = useState<string | null>(null);
  if (config.error) return <Alert color="red">{config.error.message}</Alert>;
  if (!config.data) return <Loader size="sm" />;
  const value = text ?? config.data.config;
  const local = value.trim() === '' ? null : jsonError(value);
  const remote = save.error instanceof ApiError ? save.error.fieldMessage('config') : undefined;
  const dirty = value !== config.data.config;
  return (
    <Stack gap="xs" data-testid="asaapi-config-editor">
      <Textarea
        label={`${name}/config.json`}
        value={value}
        onChange={(e) => setText(e.currentTarget.value)}
        autosize
        minRows={6}
        maxRows={24}
        spellCheck={false}
        styles={{ input: { fontFamily: 'monospace' } }}
        error={local ?? remote}
        disabled={locked}
      />
      {locked && (
        <Text size="sm" c="dimmed">
          Stop the server to edit: AsaApi reads the config when it loads the plugin.
        </Text>
      )}
      <Group>
        <Button
          disabled={!dirty || local !== null || locked}
          loading={save.isPending}
          onClick={() => save.mutate(value, { onSuccess: () => setText(null) })}
        >
          Save config.json
        </Button>
        <Button variant="default" disabled={!dirty} onClick={() => setText(null)}>
          Revert
        </Button>
      </Group>
      {save.error && !remote && <Alert color="red">{save.error.message}</Alert>}
    </Stack>
  );
}

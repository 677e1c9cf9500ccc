import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Code,
  Group,
  Loader,
  Stack,
  Switch,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import type { AsaApiState, Instance } from '@ark-asa/contracts';
import { PluginConfigEditor } from './PluginConfigEditor.tsx';
import { useAsaApi, useAsaApiEnabled, usePluginEnabled } from './asa-api-api.ts';

const STOPPED = ['STOPPED', 'CRASHED', 'NOT_INSTALLED'];

/** The "AsaApi" tab of a server: start through AsaApi's loader, its plugins and their configs (docs/asa-api.md). */
export function AsaApiTab({ instance }: { instance: Instance }) {
  const state = useAsaApi(instance.id);
  const toggle = useAsaApiEnabled(instance.id);
  const [selected, setSelected] = useState<string | null>(null);
  if (state.error)
    return (
      <Alert color="red" title="Could not read AsaApi">
        {state.error.message}
      </Alert>
    );
  if (!state.data) return <Loader size="sm" />;
  const api = state.data;
  const locked = !STOPPED.includes(instance.status);
  return (
    <Stack>
      <Card withBorder data-testid="asaapi-card">
        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={4}>AsaApi (ServerAPI)</Title>
            <Badge color={api.installed ? 'green' : 'gray'} data-testid="asaapi-installed">
              {api.installed ? `installed${api.version ? ` · ${api.version}` : ''}` : 'not installed'}
            </Badge>
          </Group>
          <Switch
            label="Start this server through AsaApiLoader.exe"
            checked={instance.settings.asaApi.enabled}
            disabled={toggle.isPending}
            onChange={(e) => toggle.mutate(e.currentTarget.checked)}
            data-testid="asaapi-enabled"
          />
          {instance.settings.asaApi.enabled && !api.installed && (
            <Alert color="yellow">
              AsaApiLoader.exe is not in this server&apos;s ShooterGame/Binaries/Win64 folder, so a start will be
              refused. Install AsaApi there first.
            </Alert>
          )}
          {toggle.error && <Alert color="red">{toggle.error.message}</Alert>}
          <Text size="xs" c="dimmed">
            The change applies at the next start. AsaApi&apos;s own log joins the Console with the source
            &quot;asaapi&quot;.{' '}
            <Anchor href="https://github.com/ArkServerApi/AsaApi" target="_blank" rel="noreferrer">
              AsaApi on GitHub
            </Anchor>
          </Text>
        </Stack>
      </Card>
      <PluginsCard instance={instance} api={api} locked={locked} selected={selected} onSelect={setSelected} />
      {selected && api.plugins.some((p) => p.name === selected) && (
        <Card withBorder>
          <PluginConfigEditor key={selected} id={instance.id} name={selected} locked={locked} />
        </Card>
      )}
    </Stack>
  );
}

interface PluginsCardProps {
  instance: Instance;
  api: AsaApiState;
  locked: boolean;
  selected: string | null;
  onSelect: (name: string) => void;
}

function PluginsCard({ instance, api, locked, selected, onSelect }: PluginsCardProps) {
  const enable = usePluginEnabled(instance.id);
  return (
    <Card withBorder data-testid="asaapi-plugins">
      <Stack gap="sm">
        <Title order={5}>Plugins</Title>
        <Text size="sm" c="dimmed">
          Put each plugin in its own folder in{' '}
          <Code>{api.pluginsDir || 'ShooterGame/Binaries/Win64/ArkApi/Plugins'}</Code>. Disabled plugins are moved to
          Plugins.disabled beside it, where AsaApi does not load them.
        </Text>
        {api.plugins.length === 0 ? (
          <Text size="sm">No plugins found.</Text>
        ) : (
          <Table>
            <Table.Tbody>
              {api.plugins.map((p) => (
                <Table.Tr key={p.name} bg={p.name === selected ? 'var(--mantine-color-default-hover)' : undefined}>
                  <Table.Td>{p.name}</Table.Td>
                  <Table.Td>{!p.hasDll && <Badge color="orange">no {p.name}.dll</Badge>}</Table.Td>
                  <Table.Td>
                    <Switch
                      label={p.enabled ? 'Enabled' : 'Disabled'}
                      checked={p.enabled}
                      disabled={locked || enable.isPending}
                      onChange={(e) => enable.mutate({ name: p.name, enabled: e.currentTarget.checked })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="default" onClick={() => onSelect(p.name)}>
                      {p.hasConfig ? 'Edit config.json' : 'Create config.json'}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {locked && (
          <Text size="sm" c="dimmed">
            Stop the server to change plugins.
          </Text>
        )}
        {enable.error && <Alert color="red">{enable.error.message}</Alert>}
      </Stack>
    </Card>
  );
}

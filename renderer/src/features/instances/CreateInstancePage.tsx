import { Anchor, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { InstanceSettings, type InstanceSettingsInput } from '@ark-asa/contracts';
import { ApiError, call } from '../../api/http.ts';
import { keys, useBuilds, useInstances } from '../../api/queries.ts';
import { SettingsForm } from './SettingsForm.tsx';

/** Ports one above the highest in use, so a second server works without thinking about ports. */
function nextPorts(
  used: { gamePort: number; rconPort: number }[],
): Pick<InstanceSettingsInput, 'gamePort' | 'rconPort'> {
  if (!used.length) return {};
  return {
    gamePort: Math.max(...used.map((u) => u.gamePort)) + 2,
    rconPort: Math.max(...used.map((u) => u.rconPort)) + 2,
  };
}

export function CreateInstancePage() {
  const navigate = useNavigate();
  const qc = useQueryClient();
  const builds = useBuilds();
  const instances = useInstances();
  const [name, setName] = useState('');
  const [buildId, setBuildId] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  if (!instances.data) return null;
  const initial = { ...InstanceSettings.parse({}), ...nextPorts(instances.data.map((i) => i.settings)) };
  const submit = async (settings: InstanceSettingsInput) => {
    setError(null);
    try {
      const created = await call('createInstance', { body: { name, settings, buildId } });
      await qc.invalidateQueries({ queryKey: keys.instances });
      void navigate(`/instances/${created.id}`);
    } catch (err) {
      if (err instanceof ApiError) setError(err);
      throw err;
    }
  };
  const buildOptions = (builds.data?.items ?? []).map((b) => ({ value: b.buildId, label: `Build ${b.buildId}` }));
  return (
    <Stack maw={960}>
      <Title order={2}>New server</Title>
      <Text c="dimmed" size="sm">
        It runs on an installed build: its files are linked, not copied, so a new server costs seconds and no disk
        space.
      </Text>
      <Text size="sm">
        Already running a server on this host?{' '}
        <Anchor component={Link} to="/instances/import">
          Import an existing server
        </Anchor>
      </Text>
      <SettingsForm
        initial={initial}
        submitLabel="Create server"
        onSubmit={submit}
        apiError={error}
        header={
          <>
            <TextInput
              label="Name"
              description="Shown in this manager only"
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={error?.fieldMessage('name')}
              required
              data-autofocus
            />
            <Select
              label="Build"
              description="Newest installed build when left empty"
              data={buildOptions}
              value={buildId}
              onChange={setBuildId}
              clearable
              placeholder={buildOptions.length ? 'Newest' : 'No build installed yet: the server waits for one'}
              error={error?.fieldMessage('buildId')}
            />
          </>
        }
      />
    </Stack>
  );
}

import { Anchor, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { InstanceSettings, type InstanceSettingsInput } from '@ark-asa/contracts';
import { ApiError, call } from '../../api/http.ts';
import { keys, useInstances } from '../../api/queries.ts';
import { HostSelect } from '../hosts/HostSelect.tsx';
import { useHostChoice } from '../hosts/use-host-choice.ts';
import { BuildSelect } from './BuildSelect.tsx';
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
  const host = useHostChoice();
  const instances = useInstances();
  const [name, setName] = useState('');
  const [buildId, setBuildId] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  if (!instances.data) return null;
  const initial = { ...InstanceSettings.parse({}), ...nextPorts(instances.data.map((i) => i.settings)) };
  const submit = async (settings: InstanceSettingsInput) => {
    setError(null);
    try {
      const agentId = host.agentId;
      const created = await call('createInstance', { body: { name, settings, buildId, ...(agentId && { agentId }) } });
      await qc.invalidateQueries({ queryKey: keys.instances });
      void navigate(`/instances/${created.id}`);
    } catch (err) {
      if (err instanceof ApiError) setError(err);
      throw err;
    }
  };
  // Builds are per host: a build picked for one host means nothing on another.
  const pickHost = (id: string) => {
    host.select(id);
    setBuildId(null);
    setError(null);
  };
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
            <HostSelect
              choice={{ ...host, select: pickHost }}
              work="creating a server"
              description="The machine the server runs on"
              error={error}
            />
            <BuildSelect
              agentId={host.agentId}
              hostName={host.picked?.name}
              value={buildId}
              onChange={setBuildId}
              error={error?.fieldMessage('buildId')}
            />
          </>
        }
      />
    </Stack>
  );
}

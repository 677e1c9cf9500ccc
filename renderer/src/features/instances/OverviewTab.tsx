import { Button, Card, Group, Modal, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { Instance } from '@ark-asa/contracts';
import { call } from '../../api/http.ts';
import { bytes, mapName, percent, players, time } from '../../components/format.ts';
import { useAction } from '../../components/use-action.ts';
import { HistoryPanel } from '../history/HistoryPanel.tsx';
import { useHostBuilds } from '../hosts/use-host-builds.ts';
import { newestBuildId, updateAvailable, updateText } from '../builds/update-available.ts';

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      {/* Only a path may break anywhere: a date or a number must not wrap mid-way. */}
      <Text
        size="sm"
        className={label === 'Folder' ? 'mono' : undefined}
        style={{ wordBreak: label === 'Folder' ? 'break-all' : 'normal' }}
      >
        {value}
      </Text>
    </div>
  );
}

export function OverviewTab({ instance }: { instance: Instance }) {
  const rt = instance.runtime;
  const live = instance.status === 'RUNNING' || instance.status === 'STARTING';
  const builds = useHostBuilds(instance.agentId);
  const announced = updateAvailable(instance, builds.data);
  const servedInstalled = !!announced && !!builds.data?.items.some((b) => b.buildId === announced.buildId);
  // The build Steam serves once it is downloaded, older too after a rollback (never back to a pulled
  // build); the newest installed only while Steam has not been asked yet.
  const target = announced
    ? servedInstalled
      ? announced.buildId
      : null
    : builds.data?.latestBuildId
      ? instance.buildId
      : newestBuildId(builds.data);
  const update = useAction(
    () => call('updateInstanceBuild', { params: { id: instance.id }, body: target ? { buildId: target } : {} }),
    {
      success: () => 'Switching build: follow it in Jobs',
    },
  );
  return (
    <Stack>
      <Card>
        <SimpleGrid cols={{ base: 2, md: 4 }}>
          <Fact label="Map" value={mapName(instance.settings.map)} />
          <Fact label="Players" value={players(rt?.playersOnline, instance.settings.maxPlayers, live)} />
          <Fact label="Process" value={rt?.pid ? `pid ${rt.pid}, since ${time(rt.startedAt)}` : 'not running'} />
          <Fact label="CPU / memory" value={`${percent(rt?.cpuPercent)} / ${bytes(rt?.memoryBytes)}`} />
          <Fact label="Game port (UDP)" value={String(instance.settings.gamePort)} />
          <Fact label="RCON port (TCP)" value={String(instance.settings.rconPort)} />
          <Fact label="Build" value={instance.buildId ?? 'none installed'} />
          <Fact
            label="Folder"
            value={`${instance.installPath ?? '—'}${instance.inPlace ? ' (imported in place: kept when deleted, updated outside the manager)' : ''}`}
          />
        </SimpleGrid>
      </Card>
      <HistoryPanel subject="instance" id={instance.id} title="History" />
      <Card>
        <Title order={5} mb="xs">
          Server build
        </Title>
        <Group justify="space-between">
          <Text size="sm">
            {announced
              ? `${updateText(announced)} (this server runs ${instance.buildId ?? 'none'})${servedInstalled ? '' : '; download it under Server builds first'}.`
              : `Up to date on build ${instance.buildId ?? '—'}.`}
          </Text>
          <Button
            variant="light"
            disabled={!target || target === instance.buildId}
            loading={update.isPending}
            onClick={() => update.mutate([])}
          >
            Switch to build {target ?? '—'}
          </Button>
        </Group>
        <Text size="xs" c="dimmed" mt={4}>
          A running server is stopped with its players warned, switched, and started again. The old build stays for
          rollback.
        </Text>
      </Card>
      <DangerZone instance={instance} />
    </Stack>
  );
}

function DangerZone({ instance }: { instance: Instance }) {
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  const navigate = useNavigate();
  const remove = useAction(() => call('deleteInstance', { params: { id: instance.id } }), {
    success: () => `${instance.name} deleted`,
  });
  const stopped = ['STOPPED', 'CRASHED', 'NOT_INSTALLED'].includes(instance.status);
  return (
    <Card>
      <Title order={5} mb="xs">
        Delete this server
      </Title>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          Removes its folder with saves and config. The build stays. {stopped ? '' : 'Stop it first.'}
        </Text>
        <Button color="red" variant="light" disabled={!stopped} onClick={() => setConfirming(true)}>
          Delete…
        </Button>
      </Group>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={`Delete ${instance.name}?`} centered>
        <Stack>
          <Text size="sm">Its saves and settings are deleted for good. Type the server's name to confirm.</Text>
          <TextInput value={typed} onChange={(e) => setTyped(e.currentTarget.value)} aria-label="Server name" />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
            <Button
              color="red"
              disabled={typed !== instance.name}
              loading={remove.isPending}
              onClick={() => remove.mutate([], { onSuccess: () => void navigate('/') })}
            >
              Delete for good
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}

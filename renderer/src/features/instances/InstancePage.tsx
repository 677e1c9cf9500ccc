import { Alert, Anchor, Group, Loader, Stack, Tabs, Text, Title } from '@mantine/core';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/http.ts';
import { useInstance } from '../../api/queries.ts';
import { mapName } from '../../components/format.ts';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { BackupsTab } from '../backups/BackupsTab.tsx';
import { SchedulesTab } from '../schedules/SchedulesTab.tsx';
import { ConfigTab } from './ConfigTab.tsx';
import { ConsoleTab } from './ConsoleTab.tsx';
import { InstanceJobsTab } from './InstanceJobsTab.tsx';
import { OverviewTab } from './OverviewTab.tsx';
import { PlayersTab } from './PlayersTab.tsx';
import { PowerButtons } from './PowerButtons.tsx';
import { SettingsTab } from './SettingsTab.tsx';
import { UnconfirmedProcessAlert } from './UnconfirmedProcessAlert.tsx';
import { ModsTab } from '../mods/ModsTab.tsx';
import { ClusterPicker } from '../clusters/ClusterPicker.tsx';
import { GameSettingsTab } from '../game-settings/GameSettingsTab.tsx';
import { NetworkTab } from '../network/NetworkTab.tsx';
import { AsaApiTab } from '../asa-api/AsaApiTab.tsx';
import { HostBadge, OfflineHostBanner } from '../hosts/InstanceHost.tsx';

export const INSTANCE_TABS = [
  { value: 'overview', label: 'Overview', Component: OverviewTab },
  { value: 'console', label: 'Console', Component: ConsoleTab },
  { value: 'players', label: 'Players', Component: PlayersTab },
  { value: 'settings', label: 'Settings', Component: SettingsTab },
  { value: 'game-settings', label: 'Game settings', Component: GameSettingsTab },
  { value: 'config', label: 'Config files', Component: ConfigTab },
  { value: 'mods', label: 'Mods', Component: ModsTab },
  { value: 'network', label: 'Network', Component: NetworkTab },
  { value: 'asaapi', label: 'AsaApi', Component: AsaApiTab },
  { value: 'backups', label: 'Backups', Component: BackupsTab },
  { value: 'schedules', label: 'Schedules', Component: SchedulesTab },
  { value: 'jobs', label: 'Jobs', Component: InstanceJobsTab },
] as const;

export function InstancePage() {
  const { id = '', tab = 'overview' } = useParams();
  const navigate = useNavigate();
  const { data: instance, error, isLoading } = useInstance(id);
  if (isLoading) return <Loader />;
  if (!instance) {
    const gone = error instanceof ApiError && (error.status === 404 || error.status === 400);
    return (
      <Alert color="red" title={gone ? 'No such server' : 'Could not load the server'}>
        {gone ? 'It may have been deleted.' : error?.message}{' '}
        <Anchor component={Link} to="/">
          Back to the dashboard
        </Anchor>
      </Alert>
    );
  }
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <div>
          <Group gap="sm">
            <Title order={2}>{instance.name}</Title>
            <StatusBadge status={instance.status} />
          </Group>
          <HostBadge agentId={instance.agentId} prefix="Host: " />
          <Text c="dimmed" size="sm">
            {mapName(instance.settings.map)} · {instance.settings.sessionName} · port {instance.settings.gamePort}
          </Text>
          <ClusterPicker instance={instance} />
        </div>
        <PowerButtons instance={instance} size="sm" />
      </Group>
      <OfflineHostBanner agentId={instance.agentId} />
      <UnconfirmedProcessAlert instance={instance} />
      <Tabs value={tab} onChange={(t) => void navigate(`/instances/${id}/${t ?? 'overview'}`)} keepMounted={false}>
        <Tabs.List>
          {INSTANCE_TABS.map((t) => (
            <Tabs.Tab key={t.value} value={t.value}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {INSTANCE_TABS.map(({ value, Component }) => (
          <Tabs.Panel key={value} value={value} pt="md">
            <Component instance={instance} />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}

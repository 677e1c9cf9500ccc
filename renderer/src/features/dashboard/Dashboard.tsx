import { Button, Grid, Group, SegmentedControl, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useLocalStorage } from '@mantine/hooks';
import { Link, useSearchParams } from 'react-router';
import { useAgents, useBuilds, useInstances, useJobs } from '../../api/queries.ts';
import { ActiveJobsPanel } from './ActiveJobsPanel.tsx';
import { AgentsPanel } from './AgentsPanel.tsx';
import { HistoryPanel } from '../history/HistoryPanel.tsx';
import { FirstRunGuide } from './FirstRunGuide.tsx';
import { InstanceCard } from './InstanceCard.tsx';
import { InstanceTable } from './InstanceTable.tsx';
import { HostFilterNote } from './HostFilterNote.tsx';

export function Dashboard() {
  const instances = useInstances();
  const builds = useBuilds();
  const agents = useAgents();
  const running = useJobs({ status: 'RUNNING' });
  const pending = useJobs({ status: 'PENDING' });
  const active = [...(running.data ?? []), ...(pending.data ?? [])];
  const list = instances.data ?? [];
  // `?host=<id>` (the Hosts page's "2 servers" link) shows only the servers of that host.
  const hostId = useSearchParams()[0].get('host');
  const shown = hostId ? list.filter((i) => i.agentId === hostId) : list;
  const hosts = (agents.data ?? []).filter((a) => !a.revokedAt);
  const [view, setView] = useLocalStorage<'cards' | 'table'>({
    key: 'ark-dashboard-view',
    defaultValue: 'cards',
    getInitialValueInEffect: false,
  });
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Dashboard</Title>
        <Group gap="sm">
          {list.length > 0 && (
            <SegmentedControl
              size="xs"
              aria-label="Show servers as"
              value={view}
              onChange={(v) => setView(v === 'table' ? 'table' : 'cards')}
              data={[
                { value: 'cards', label: 'Cards' },
                { value: 'table', label: 'Table' },
              ]}
            />
          )}
          <Button component={Link} to="/instances/new" variant="light">
            New server
          </Button>
        </Group>
      </Group>
      {builds.data && instances.data && <FirstRunGuide builds={builds.data} instances={list} />}
      {hostId && agents.data && instances.data && (
        <HostFilterNote host={agents.data.find((a) => a.id === hostId)} count={shown.length} />
      )}
      <Grid>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          {instances.isLoading ? (
            <Skeleton h={180} />
          ) : shown.length === 0 ? (
            <Text c="dimmed">{hostId ? 'No servers on this host.' : 'No servers yet.'}</Text>
          ) : view === 'table' ? (
            <InstanceTable instances={shown} />
          ) : (
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              {shown.map((i) => (
                <InstanceCard
                  key={i.id}
                  instance={i}
                  builds={builds.data}
                  activeJob={active.find((j) => j.instanceId === i.id)}
                />
              ))}
            </SimpleGrid>
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack>
            <ActiveJobsPanel jobs={active} instances={list} />
            <AgentsPanel agents={hosts} />
            {hosts.map((a) => (
              <HistoryPanel key={a.id} subject="host" id={a.id} title={`${a.name}: history`} columns={1} />
            ))}
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

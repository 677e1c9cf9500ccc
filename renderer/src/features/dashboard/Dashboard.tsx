import { Button, Grid, Group, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useAgents, useBuilds, useInstances, useJobs } from '../../api/queries.ts';
import { ActiveJobsPanel } from './ActiveJobsPanel.tsx';
import { AgentsPanel } from './AgentsPanel.tsx';
import { FirstRunGuide } from './FirstRunGuide.tsx';
import { InstanceCard } from './InstanceCard.tsx';

export function Dashboard() {
  const instances = useInstances();
  const builds = useBuilds();
  const agents = useAgents();
  const running = useJobs({ status: 'RUNNING' });
  const pending = useJobs({ status: 'PENDING' });
  const active = [...(running.data ?? []), ...(pending.data ?? [])];
  const list = instances.data ?? [];
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Dashboard</Title>
        <Button component={Link} to="/instances/new" variant="light">New server</Button>
      </Group>
      {builds.data && instances.data && <FirstRunGuide builds={builds.data} instances={list} />}
      <Grid>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          {instances.isLoading ? (
            <Skeleton h={180} />
          ) : list.length === 0 ? (
            <Text c="dimmed">No servers yet.</Text>
          ) : (
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              {list.map((i) => (
                <InstanceCard key={i.id} instance={i} builds={builds.data} activeJob={active.find((j) => j.instanceId === i.id)} />
              ))}
            </SimpleGrid>
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack>
            <ActiveJobsPanel jobs={active} instances={list} />
            <AgentsPanel agents={agents.data ?? []} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Text, Tooltip } from '@mantine/core';
import { Link } from 'react-router';
import type { BuildList, Instance, Job } from '@ark-asa/contracts';
import { bytes, mapName, percent, players } from '../../components/format.ts';
import { JobProgress } from '../../components/JobProgress.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { PowerButtons } from '../instances/PowerButtons.tsx';
import { HostBadge } from '../hosts/InstanceHost.tsx';
import { updateAvailable, updateText } from '../builds/update-available.ts';

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={600}>
        {value}
      </Text>
    </div>
  );
}

export function InstanceCard({
  instance,
  builds,
  activeJob,
}: {
  instance: Instance;
  builds: BuildList | undefined;
  activeJob?: Job;
}) {
  const rt = instance.runtime;
  const live = instance.status === 'RUNNING' || instance.status === 'STARTING';
  const offered = updateAvailable(instance, builds);
  return (
    <Card data-testid="instance-card" data-instance={instance.name}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Anchor component={Link} to={`/instances/${instance.id}`} fw={650} truncate>
            {instance.name}
          </Anchor>
          <StatusBadge status={instance.status} />
        </Group>
        <Text size="sm" c="dimmed" truncate>
          {mapName(instance.settings.map)} · {instance.settings.sessionName}
        </Text>
        <HostBadge agentId={instance.agentId} prefix="Host: " />
        <SimpleGrid cols={4} spacing="xs">
          <Stat label="Players" value={players(rt?.playersOnline, instance.settings.maxPlayers, live)} />
          <Stat label="CPU" value={live ? percent(rt?.cpuPercent) : '—'} />
          <Stat label="Memory" value={live ? bytes(rt?.memoryBytes) : '—'} />
          <Stat label="Port" value={String(instance.settings.gamePort)} />
        </SimpleGrid>
        <Group gap="xs">
          <Text size="xs" c="dimmed">
            Build {instance.buildId ?? 'none'}
          </Text>
          {offered && (
            <Tooltip
              label={`Build ${offered.buildId} is the one Steam serves; update from the server's page or Server builds`}
            >
              <Badge
                size="xs"
                color={offered.direction === 'rollback' ? 'orange' : 'blue'}
                variant="light"
                data-testid="instance-update"
                data-direction={offered.direction}
              >
                {updateText(offered)}
              </Badge>
            </Tooltip>
          )}
        </Group>
        {activeJob && (
          <JobProgress jobId={activeJob.id} label={activeJob.type.replace('_INSTANCE', '').toLowerCase()} />
        )}
        <PowerButtons instance={instance} />
      </Stack>
    </Card>
  );
}

import { Badge, Card, Group, Progress, Stack, Text, Title } from '@mantine/core';
import type { Agent } from '@ark-asa/contracts';
import { ago, bytes, percent } from '../../components/format.ts';
import { useNow } from '../../components/use-now.ts';

function Meter({ label, value, detail }: { label: string; value: number; detail: string }) {
  return (
    <div>
      <Group justify="space-between">
        <Text size="xs" c="dimmed">
          {label}
        </Text>
        <Text size="xs">{detail}</Text>
      </Group>
      <Progress
        value={value}
        size="xs"
        color={value > 90 ? 'red' : value > 75 ? 'orange' : 'teal'}
        aria-label={label}
      />
    </div>
  );
}

export function AgentsPanel({ agents }: { agents: Agent[] }) {
  const now = useNow(5000);
  return (
    <Card>
      <Title order={4} mb="sm">
        Hosts
      </Title>
      <Stack>
        {agents.map((a) => {
          const m = a.metrics;
          return (
            <Stack key={a.id} gap={6} data-testid="agent">
              <Group justify="space-between">
                <Text fw={600} size="sm">
                  {a.name}
                </Text>
                <Badge color={a.status === 'ONLINE' ? 'teal' : 'red'} variant="light">
                  {a.status === 'ONLINE' ? 'Online' : 'Offline'}
                </Badge>
              </Group>
              <Text size="xs" c="dimmed">
                Last heartbeat {ago(a.lastHeartbeatAt, now)} · {a.platform}
              </Text>
              {m && (
                <>
                  <Meter label="CPU" value={m.cpuPercent} detail={`${percent(m.cpuPercent)} of ${m.cpuCount} cores`} />
                  <Meter
                    label="Memory"
                    value={(100 * m.memoryUsedBytes) / m.memoryTotalBytes}
                    detail={`${bytes(m.memoryUsedBytes)} / ${bytes(m.memoryTotalBytes)}`}
                  />
                  <Meter
                    label="Disk (data root)"
                    value={100 - (100 * m.diskFreeBytes) / m.diskTotalBytes}
                    detail={`${bytes(m.diskFreeBytes)} free`}
                  />
                </>
              )}
            </Stack>
          );
        })}
      </Stack>
    </Card>
  );
}

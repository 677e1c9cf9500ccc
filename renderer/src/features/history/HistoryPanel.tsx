import { Card, Group, SegmentedControl, SimpleGrid, Skeleton, Text, Title } from '@mantine/core';
import { useLocalStorage } from '@mantine/hooks';
import { useMemo } from 'react';
import { MetricRange, type MetricHistory, type MetricSubject } from '@ark-asa/contracts';
import { formatValue, RANGES, toSeries, yMax, type MetricKind } from './history-data.ts';
import { MetricChart } from './MetricChart.tsx';
import { useMetricHistory } from './use-metric-history.ts';

const LOOK: Record<MetricKind, { label: string; color: { light: string; dark: string } }> = {
  cpu: { label: 'CPU', color: { light: '#0c8599', dark: '#3bc9db' } },
  memory: { label: 'Memory', color: { light: '#6741d9', dark: '#b197fc' } },
  players: { label: 'Players', color: { light: '#c77e03', dark: '#fcba2a' } },
};

function Charts({ history, kinds, columns }: { history: MetricHistory; kinds: MetricKind[]; columns: number }) {
  const series = useMemo(() => kinds.map((k) => toSeries(history, k)), [history, kinds]);
  if (history.points.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="history-empty">
        Collecting history… first points appear after a minute.
      </Text>
    );
  }
  return (
    <SimpleGrid cols={{ base: 1, md: columns }} spacing="md">
      {kinds.map((k, i) => (
        <MetricChart
          key={k}
          label={LOOK[k].label}
          color={LOOK[k].color}
          series={series[i]!}
          max={yMax(k, history)}
          integer={k === 'players'}
          format={(v) => formatValue(k, v)}
        />
      ))}
    </SimpleGrid>
  );
}

export interface HistoryPanelProps {
  subject: MetricSubject;
  id: string;
  title: string;
  /** Charts side by side on a wide screen (the server page); 1 stacks them (the dashboard's side column). */
  columns?: number;
}

/** CPU, memory (and players for a server) over the chosen range, as small charts (docs/history.md). */
export function HistoryPanel({ subject, id, title, columns = 3 }: HistoryPanelProps) {
  const [range, setRange] = useLocalStorage<MetricRange>({
    key: `ark-history-range-${subject}`,
    defaultValue: '24h',
    getInitialValueInEffect: false,
    // A plain word in storage; anything unknown there falls back to the default.
    serialize: (v) => v,
    deserialize: (v) => MetricRange.catch('24h').parse(v),
  });
  const history = useMetricHistory(subject, id, range);
  const kinds = useMemo<MetricKind[]>(
    () => (subject === 'host' ? ['cpu', 'memory'] : ['cpu', 'memory', 'players']),
    [subject],
  );
  return (
    <Card data-testid="history-panel" data-subject={subject}>
      <Group justify="space-between" mb="xs">
        <Title order={5}>{title}</Title>
        <SegmentedControl
          size="xs"
          aria-label="History range"
          value={range}
          onChange={(v) => setRange(MetricRange.catch('24h').parse(v))}
          data={RANGES}
        />
      </Group>
      {history.data ? (
        <Charts history={history.data} kinds={kinds} columns={columns} />
      ) : history.isError ? (
        <Text size="sm" c="red">
          Could not read the history: {history.error.message}
        </Text>
      ) : (
        <Skeleton h={110} />
      )}
    </Card>
  );
}

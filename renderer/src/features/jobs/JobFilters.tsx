import { Group, Select, SegmentedControl, Stack, Text } from '@mantine/core';
import { JobStatus, JobType, type Instance } from '@ark-asa/contracts';
import { JOB_LABEL } from '../../api/live-bridge.ts';
import { JOB_STATUS_LOOK } from './job-look.ts';
import type { JobFilter } from './use-job-pages.ts';

const ALL = 'ALL';
const STATUS_OPTIONS = [
  { value: ALL, label: 'All' },
  ...JobStatus.options.map((s) => ({ value: s, label: JOB_STATUS_LOOK[s].label })),
];
const TYPE_OPTIONS = JobType.options
  .map((t) => ({ value: t, label: JOB_LABEL[t] }))
  .sort((a, b) => a.label.localeCompare(b.label));

export function JobFilters({
  filter,
  instances,
  onChange,
}: {
  filter: JobFilter;
  instances: Instance[];
  onChange: (next: JobFilter) => void;
}) {
  const set = (patch: JobFilter) => onChange({ ...filter, ...patch });
  return (
    <Group align="flex-end" gap="md" wrap="wrap">
      <Stack gap={4}>
        <Text size="sm" fw={500} id="job-status-filter">
          Status
        </Text>
        <SegmentedControl
          aria-labelledby="job-status-filter"
          data={STATUS_OPTIONS}
          value={filter.status ?? ALL}
          onChange={(v) => set({ status: v === ALL ? undefined : JobStatus.parse(v) })}
        />
      </Stack>
      <Select
        label="Type"
        placeholder="All types"
        data={TYPE_OPTIONS}
        value={filter.type ?? null}
        onChange={(v) => set({ type: v ? JobType.parse(v) : undefined })}
        clearable
        clearButtonProps={{ 'aria-label': 'Show all types' }}
        w={200}
        data-testid="job-type-filter"
      />
      <Select
        label="Server"
        placeholder="All servers"
        data={instances.map((i) => ({ value: i.id, label: i.name }))}
        value={filter.instanceId ?? null}
        onChange={(v) => set({ instanceId: v ?? undefined })}
        clearable
        clearButtonProps={{ 'aria-label': 'Show all servers' }}
        searchable
        nothingFoundMessage="No such server"
        w={220}
        data-testid="job-server-filter"
      />
    </Group>
  );
}

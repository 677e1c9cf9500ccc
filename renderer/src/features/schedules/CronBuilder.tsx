import { Code, Group, List, Paper, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useNow } from '../../components/use-now.ts';
import {
  cronToPreset,
  HOUR_STEPS,
  MINUTE_STEPS,
  presetToCron,
  switchPreset,
  WEEKDAYS,
  type CronPreset,
  type PresetKind,
} from './cron-presets.ts';
import { cronProblem, describeCron, nextRuns } from './cron-preview.ts';
import { inZone, relative } from './schedule-format.ts';

const KINDS: { value: PresetKind; label: string }[] = [
  { value: 'daily', label: 'Daily' },
  { value: 'hours', label: 'Every N hours' },
  { value: 'minutes', label: 'Every N minutes' },
  { value: 'weekly', label: 'Weekly' },
  { value: 'custom', label: 'Custom cron' },
];

interface CronBuilderProps {
  cron: string;
  timeZone: string;
  onChange: (cron: string) => void;
  /** The cron field's message (the browser's check or the API's). */
  error?: string;
}

/** Presets that write the cron expression, or the expression itself, with a preview of the next runs. */
export function CronBuilder({ cron, timeZone, onChange, error }: CronBuilderProps) {
  const [preset, setPreset] = useState<CronPreset>(() => cronToPreset(cron));
  // A template or another outside change of the expression re-derives the builder from it.
  if (presetToCron(preset) !== cron.trim()) setPreset(cronToPreset(cron));
  const update = (p: CronPreset) => {
    setPreset(p);
    onChange(presetToCron(p));
  };
  return (
    <Stack gap="xs">
      <SegmentedControl
        fullWidth
        size="xs"
        value={preset.kind}
        onChange={(k) => update(switchPreset(preset, k))}
        data={KINDS}
        aria-label="How often"
      />
      <PresetFields preset={preset} onChange={update} error={preset.kind === 'custom' ? error : undefined} />
      <CronPreview cron={cron} timeZone={timeZone} />
      {error && preset.kind !== 'custom' && (
        <Text size="xs" c="red" role="alert">
          {error}
        </Text>
      )}
    </Stack>
  );
}

const timeOf = (v: string, fallback: string) => (/^\d\d:\d\d$/.test(v) ? v : fallback);

function PresetFields({
  preset: p,
  onChange,
  error,
}: {
  preset: CronPreset;
  onChange: (p: CronPreset) => void;
  error?: string;
}) {
  switch (p.kind) {
    case 'daily':
      return (
        <TextInput
          type="time"
          label="Every day at"
          w={180}
          required
          value={p.time}
          onChange={(e) => onChange({ ...p, time: timeOf(e.currentTarget.value, p.time) })}
        />
      );
    case 'weekly':
      return (
        <Group grow>
          <Select
            label="Every week on"
            data={WEEKDAYS.map((d) => ({ value: String(d.value), label: d.label }))}
            value={String(p.day)}
            onChange={(v) => v !== null && onChange({ ...p, day: Number(v) })}
            allowDeselect={false}
          />
          <TextInput
            type="time"
            label="At"
            required
            value={p.time}
            onChange={(e) => onChange({ ...p, time: timeOf(e.currentTarget.value, p.time) })}
          />
        </Group>
      );
    case 'hours':
      return (
        <StepSelect
          label="Every"
          unit="hour"
          steps={HOUR_STEPS}
          value={p.every}
          onChange={(every) => onChange({ ...p, every })}
          hint="On the hour, counted from midnight"
        />
      );
    case 'minutes':
      return (
        <StepSelect
          label="Every"
          unit="minute"
          steps={MINUTE_STEPS}
          value={p.every}
          onChange={(every) => onChange({ ...p, every })}
          hint="Counted from the full hour"
        />
      );
    case 'custom':
      return (
        <TextInput
          label="Cron expression"
          description="Five fields: minute hour day-of-month month weekday (0 = Sunday), e.g. 30 4 * * 1-5"
          classNames={{ input: 'mono' }}
          value={p.cron}
          onChange={(e) => onChange({ kind: 'custom', cron: e.currentTarget.value })}
          error={error}
          spellCheck={false}
          autoComplete="off"
        />
      );
  }
}

function StepSelect({
  label,
  unit,
  steps,
  value,
  onChange,
  hint,
}: {
  label: string;
  unit: string;
  steps: readonly number[];
  value: number;
  onChange: (n: number) => void;
  hint: string;
}) {
  const data = steps.map((n) => ({ value: String(n), label: n === 1 ? `1 ${unit}` : `${n} ${unit}s` }));
  return (
    <Select
      label={label}
      description={hint}
      w={260}
      data={data}
      value={String(value)}
      onChange={(v) => v !== null && onChange(Number(v))}
      allowDeselect={false}
    />
  );
}

/** What the expression means and when it next comes round, computed in the browser in the schedule's zone. */
function CronPreview({ cron, timeZone }: { cron: string; timeZone: string }) {
  const now = useNow(30_000);
  // cronstrue reads some expressions croner refuses ("61 * * * *"): only words for a valid one.
  const problem = cronProblem(cron, timeZone, new Date(now));
  const words = problem ? null : describeCron(cron);
  const runs = words ? nextRuns(cron, timeZone, 3, new Date(now)) : [];
  return (
    <Paper withBorder p="xs" bg="var(--mantine-color-default-hover)" aria-live="polite" data-testid="cron-preview">
      <Group gap="xs" justify="space-between" wrap="nowrap">
        <Text size="sm" fw={600}>
          {words ?? 'No preview: this is not a valid cron expression yet'}
        </Text>
        <Code>{cron || '—'}</Code>
      </Group>
      {runs.length > 0 && (
        <>
          <Text size="xs" c="dimmed" mt={4}>
            Next runs ({timeZone}):
          </Text>
          <List size="xs" spacing={0}>
            {runs.map((r) => (
              <List.Item key={r.getTime()}>
                {inZone(r, timeZone)} · {relative(r, now)}
              </List.Item>
            ))}
          </List>
        </>
      )}
    </Paper>
  );
}

import { Button, Chip, CloseButton, Group, TextInput } from '@mantine/core';
import { memo } from 'react';
import type { LogLevel, LogSource } from '@ark-asa/contracts';
import { isFiltering, LOG_LEVELS, LOG_SOURCES, NO_FILTER, type LogFilter } from './console-filter.ts';

const LEVEL_COLOR: Record<LogLevel, string> = { ERROR: 'red', WARN: 'yellow', INFO: 'teal', DEBUG: 'gray' };
const SOURCE_COLOR: Record<LogSource, string> = {
  server: 'gray',
  manager: 'amber',
  steamcmd: 'blue',
  chat: 'grape',
  asaapi: 'teal',
};

interface ConsoleFiltersProps {
  filter: LogFilter;
  onChange: (f: LogFilter) => void;
}

/** Text, level and source filters above the log; chips are checkboxes, so Tab and Space work. Memoised: new lines do not touch it. */
export const ConsoleFilters = memo(function ConsoleFilters({ filter, onChange }: ConsoleFiltersProps) {
  const set = (patch: Partial<LogFilter>) => onChange({ ...filter, ...patch });
  return (
    <Group gap="md" wrap="wrap" align="center">
      <TextInput
        aria-label="Filter the log by text"
        placeholder="Filter lines…"
        size="xs"
        w={220}
        value={filter.text}
        onChange={(e) => set({ text: e.currentTarget.value })}
        onKeyDown={(e) => e.key === 'Escape' && set({ text: '' })}
        rightSection={
          filter.text ? (
            <CloseButton size="sm" aria-label="Clear the text filter" onClick={() => set({ text: '' })} />
          ) : null
        }
        data-testid="log-filter-text"
      />
      <Group gap={6} role="group" aria-label="Levels">
        <Chip.Group
          multiple
          value={[...filter.levels]}
          onChange={(v) => set({ levels: LOG_LEVELS.filter((l) => v.includes(l)) })}
        >
          {LOG_LEVELS.map((l) => (
            <Chip key={l} value={l} size="xs" color={LEVEL_COLOR[l]} variant="light" data-testid={`log-level-${l}`}>
              {l}
            </Chip>
          ))}
        </Chip.Group>
      </Group>
      <Group gap={6} role="group" aria-label="Sources">
        <Chip.Group
          multiple
          value={[...filter.sources]}
          onChange={(v) => set({ sources: LOG_SOURCES.filter((s) => v.includes(s)) })}
        >
          {LOG_SOURCES.map((s) => (
            <Chip key={s} value={s} size="xs" color={SOURCE_COLOR[s]} variant="outline" data-testid={`log-source-${s}`}>
              {s}
            </Chip>
          ))}
        </Chip.Group>
      </Group>
      {isFiltering(filter) && (
        <Button size="compact-xs" variant="subtle" onClick={() => onChange(NO_FILTER)}>
          Show all
        </Button>
      )}
    </Group>
  );
});

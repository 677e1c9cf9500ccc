import { Button, Group, Stack, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import type { Instance } from '@ark-asa/contracts';
import { filterLog, isFiltering, NO_FILTER, type LogFilter } from './console-filter.ts';
import { useFrameLog } from './console-log.ts';
import { ConsoleFilters } from './ConsoleFilters.tsx';
import { LogView } from './LogView.tsx';
import { RconInput } from './RconInput.tsx';
import { ServerChatInput } from './ServerChatInput.tsx';
import classes from './ConsoleTab.module.css';

/** The live log with its filters, "say as server" for the in-game chat, and the RCON prompt below it. */
export function ConsoleTab({ instance }: { instance: Instance }) {
  const lines = useFrameLog(instance.id);
  const [filter, setFilter] = useState<LogFilter>(NO_FILTER);
  const shown = useMemo(() => filterLog(lines, filter), [lines, filter]);
  const empty =
    isFiltering(filter) && lines.length > 0 ? (
      <Stack align="center" gap={4} style={{ pointerEvents: 'auto' }}>
        <Text c="dimmed" size="sm">
          No line matches the filter.
        </Text>
        <Button size="compact-xs" variant="subtle" onClick={() => setFilter(NO_FILTER)}>
          Show all lines
        </Button>
      </Stack>
    ) : (
      <Text c="dimmed" size="sm" ta="center" maw={420}>
        No log lines yet. What the manager does and what the server prints appear here, live, once it starts.
      </Text>
    );
  return (
    <div className={classes.root}>
      <Group gap="md" wrap="nowrap" align="center">
        <ConsoleFilters filter={filter} onChange={setFilter} />
        <Text size="xs" c="dimmed" ml="auto" style={{ whiteSpace: 'nowrap' }} data-testid="log-count">
          {isFiltering(filter) ? `${shown.length} of ${lines.length} lines` : `${lines.length} lines`}
        </Text>
      </Group>
      <LogView key={instance.id} lines={shown} highlight={filter.text} empty={empty} />
      <ServerChatInput key={`chat-${instance.id}`} instance={instance} />
      <RconInput key={instance.id} instance={instance} />
    </div>
  );
}

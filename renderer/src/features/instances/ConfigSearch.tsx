import { ActionIcon, Group, Text, TextInput, Tooltip } from '@mantine/core';
import type { Ref } from 'react';

interface ConfigSearchProps {
  query: string;
  onQuery: (q: string) => void;
  count: number;
  current: number | null;
  onStep: (dir: 1 | -1) => void;
  /** Escape: back to the editor, with the current match selected. */
  onDone: () => void;
  inputRef: Ref<HTMLInputElement>;
}

/** The find box: Enter / Shift+Enter go to the next / previous match, Escape returns to the text. */
export function ConfigSearch({ query, onQuery, count, current, onStep, onDone, inputRef }: ConfigSearchProps) {
  const status = !query
    ? ''
    : count === 0
      ? 'No match'
      : current === null
        ? `${count} match${count === 1 ? '' : 'es'}`
        : `${current + 1} of ${count}`;
  return (
    <Group gap={4} wrap="nowrap">
      <TextInput
        ref={inputRef}
        size="xs"
        w={230}
        type="search"
        aria-label="Find in file"
        placeholder="Find (Ctrl+F)"
        value={query}
        onChange={(e) => onQuery(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            onStep(e.shiftKey ? -1 : 1);
          }
          if (e.key === 'Escape') {
            e.preventDefault();
            onDone();
          }
        }}
        error={query !== '' && count === 0}
        data-testid="config-find"
      />
      <Text size="xs" c="dimmed" w={70} ta="center" aria-live="polite" data-testid="config-find-count">
        {status}
      </Text>
      <Tooltip label="Previous match (Shift+Enter)">
        <ActionIcon
          variant="default"
          size="md"
          aria-label="Previous match"
          disabled={count === 0}
          onClick={() => onStep(-1)}
        >
          ↑
        </ActionIcon>
      </Tooltip>
      <Tooltip label="Next match (Enter)">
        <ActionIcon
          variant="default"
          size="md"
          aria-label="Next match"
          disabled={count === 0}
          onClick={() => onStep(1)}
        >
          ↓
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}

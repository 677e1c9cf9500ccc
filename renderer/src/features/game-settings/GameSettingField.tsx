import { Anchor, Badge, Code, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { memo } from 'react';
import { Link } from 'react-router';
import type { GameSettingChangeValue } from './game-settings-types.ts';
import type { SettingRow } from './game-settings-model.ts';
import { GameSettingInput } from './GameSettingInput.tsx';

export interface GameSettingFieldProps {
  row: SettingRow;
  instanceId: string;
  value: string | number | boolean | null;
  error: string | undefined;
  /** Set in the file to something other than the default. */
  changed: boolean;
  /** Edited and not saved yet. */
  pending: boolean;
  canReset: boolean;
  disabled: boolean;
  /** Stable callbacks taking the row's id, so a field re-renders only when its own props change. */
  onChange: (id: string, value: GameSettingChangeValue) => void;
  onReset: (id: string) => void;
}

const iniText = (v: string | number | boolean | null): string =>
  v === null ? 'not set' : typeof v === 'boolean' ? (v ? 'True' : 'False') : String(v);

/** One setting: its input, the INI key, the default, and a way back to the default. */
export const GameSettingField = memo(function GameSettingField(props: GameSettingFieldProps) {
  const { row, instanceId, value, error, changed, pending, canReset, disabled, onChange, onReset } = props;
  const { def } = row;
  return (
    <Stack gap={4} data-testid={`game-setting-${def.key}`} data-changed={changed || undefined}>
      <GameSettingInput
        def={def}
        value={value}
        error={error}
        disabled={disabled || !!def.managed}
        description={def.description}
        onChange={(v) => onChange(row.id, v)}
      />
      <Group gap={6} wrap="wrap">
        <Code fz="xs">{def.key}</Code>
        <Text size="xs" c="dimmed">
          default {iniText(def.default)}
        </Text>
        {changed && !pending && !def.managed && (
          <Badge size="xs" variant="light" color="blue">
            Changed
          </Badge>
        )}
        {pending && (
          <Badge size="xs" variant="light" color="amber">
            Unsaved
          </Badge>
        )}
        {def.managed ? (
          <Text size="xs" c="dimmed">
            · set in{' '}
            <Anchor component={Link} to={`/instances/${instanceId}/settings`} size="xs">
              Settings
            </Anchor>{' '}
            (the manager writes it at each start)
          </Text>
        ) : (
          canReset &&
          !disabled && (
            <UnstyledButton onClick={() => onReset(row.id)} aria-label={`Reset ${def.label} to default`}>
              <Text size="xs" c="blue">
                Reset to default
              </Text>
            </UnstyledButton>
          )
        )}
        <Anchor href={def.source} target="_blank" rel="noreferrer" size="xs" c="dimmed">
          source
        </Anchor>
      </Group>
    </Stack>
  );
});

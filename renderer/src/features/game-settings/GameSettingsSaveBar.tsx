import { Button, Group, Paper, Text } from '@mantine/core';
import { FormProblems } from '../../components/form-attention.tsx';
import classes from './GameSettings.module.css';

export interface GameSettingsSaveBarProps {
  pendingCount: number;
  saving: boolean;
  /** Why nothing can be saved now (the server runs), or null. */
  readOnly: string | null;
  general: string | null;
  problems: string[];
  onDiscard: () => void;
}

const changes = (n: number) => `${n} ${n === 1 ? 'change' : 'changes'}`;

/** Stays at the bottom of the window: what is pending, why it cannot be saved, and the buttons. */
export function GameSettingsSaveBar({
  pendingCount,
  saving,
  readOnly,
  general,
  problems,
  onDiscard,
}: GameSettingsSaveBarProps) {
  return (
    <Paper
      withBorder
      shadow="sm"
      p="sm"
      className={classes.saveBar}
      data-floating={pendingCount > 0 || undefined}
      data-testid="game-settings-savebar"
    >
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="sm" c={readOnly ? 'dimmed' : undefined} data-testid="game-settings-pending">
          {readOnly && pendingCount === 0
            ? 'Read-only while the server cannot be changed'
            : pendingCount
              ? `${changes(pendingCount)} not saved yet`
              : 'No unsaved changes'}
        </Text>
        <Group gap="xs" justify="flex-end">
          <FormProblems problems={problems} />
          {general && (
            <Text c="red" size="sm" role="alert" data-testid="game-settings-error">
              {general}
            </Text>
          )}
          {readOnly && pendingCount > 0 && (
            <Text size="sm" c="dimmed">
              Stop the server to save.
            </Text>
          )}
          <Button variant="default" disabled={!pendingCount || saving} onClick={onDiscard}>
            Discard
          </Button>
          <Button
            type="submit"
            disabled={!pendingCount || !!readOnly}
            loading={saving}
            data-testid="game-settings-save"
          >
            {pendingCount ? `Save ${changes(pendingCount)}` : 'Save'}
          </Button>
        </Group>
      </Group>
    </Paper>
  );
}

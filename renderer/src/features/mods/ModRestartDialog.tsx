import { Button, Group, Modal, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { Instance } from '@ark-asa/contracts';
import { ApiError, call } from '../../api/http.ts';
import { useAction } from '../../components/use-action.ts';

export interface ModRestartDialogProps {
  instance: Instance;
  updates: number;
  onClose: () => void;
}

const onlineText = (n: number) =>
  n === 0 ? 'Nobody is online.' : n === 1 ? 'One player is online.' : `${n} players are online.`;

/**
 * Restart to take the new mod files: ASA downloads mods only when it starts, so a restart is the
 * update. Players get an in-game countdown first, like the Restart button's.
 */
export function ModRestartDialog({ instance, updates, onClose }: ModRestartDialogProps) {
  const players = instance.runtime?.playersOnline ?? 0;
  const [minutes, setMinutes] = useState<number>(players > 0 ? 5 : 0);
  const [message, setMessage] = useState('Restarting to update mods');
  const run = useAction(
    () =>
      call('restartInstance', {
        params: { id: instance.id },
        body: { countdownMinutes: minutes || undefined, message: message.trim() || undefined },
      }),
    { success: () => (minutes ? 'Countdown started: players are warned in game' : `Restarting ${instance.name}…`) },
  );
  const fieldError = (field: string) => (run.error instanceof ApiError ? run.error.fieldMessage(field) : undefined);
  const updatesText = `${updates} mod ${updates === 1 ? 'update is' : 'updates are'} waiting`;
  return (
    <Modal opened onClose={onClose} title={`Restart ${instance.name} to update mods?`} centered>
      <Stack>
        <Text size="sm">
          {updatesText}: the server downloads them while it starts. {onlineText(players)}
        </Text>
        <NumberInput
          label="In-game countdown (minutes)"
          description="Players get Broadcast warnings at sensible marks; 0 restarts at once"
          min={0}
          max={120}
          allowDecimal={false}
          value={minutes}
          onChange={(v) => setMinutes(Number(v) || 0)}
          error={fieldError('countdownMinutes')}
          data-autofocus
        />
        <TextInput
          label="Reason shown to players (optional)"
          value={message}
          onChange={(e) => setMessage(e.currentTarget.value)}
          maxLength={200}
          error={fieldError('message')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            color="amber"
            loading={run.isPending}
            onClick={() => run.mutate([], { onSuccess: onClose })}
            data-testid="mods-restart-confirm"
          >
            {minutes ? `Restart in ${minutes} min` : 'Restart now'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

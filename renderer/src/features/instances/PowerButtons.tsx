import { Button, Group, Modal, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { Instance } from '@ark-asa/contracts';
import { call } from '../../api/http.ts';
import { useAction } from '../../components/use-action.ts';

/** Start / stop / restart, right at hand; stopping and restarting ask first (players may be online). */
export function PowerButtons({ instance, size = 'xs' }: { instance: Instance; size?: 'xs' | 'sm' }) {
  const [asking, setAsking] = useState<'stop' | 'restart' | null>(null);
  const start = useAction(() => call('startInstance', { params: { id: instance.id } }), {
    success: () => `Starting ${instance.name}…`,
  });
  const s = instance.status;
  const canStart = s === 'STOPPED' || s === 'CRASHED';
  const canStop = s === 'RUNNING' || s === 'STARTING' || s === 'CRASHED';
  return (
    <>
      <Group gap={6}>
        <Button
          size={size}
          color="teal"
          disabled={!canStart || !instance.buildId}
          loading={start.isPending}
          onClick={() => start.mutate([])}
          aria-label={`Start ${instance.name}`}
        >
          Start
        </Button>
        <Button
          size={size}
          variant="default"
          disabled={!canStop}
          onClick={() => setAsking('stop')}
          aria-label={`Stop ${instance.name}`}
        >
          Stop
        </Button>
        <Button
          size={size}
          variant="default"
          disabled={s !== 'RUNNING'}
          onClick={() => setAsking('restart')}
          aria-label={`Restart ${instance.name}`}
        >
          Restart
        </Button>
      </Group>
      {asking && <StopDialog instance={instance} action={asking} onClose={() => setAsking(null)} />}
    </>
  );
}

function StopDialog({
  instance,
  action,
  onClose,
}: {
  instance: Instance;
  action: 'stop' | 'restart';
  onClose: () => void;
}) {
  const [minutes, setMinutes] = useState<number>(instance.runtime?.playersOnline ? 5 : 0);
  const [message, setMessage] = useState('');
  const run = useAction(
    () => {
      const body = { countdownMinutes: minutes || undefined, message: message.trim() || undefined };
      return action === 'stop'
        ? call('stopInstance', { params: { id: instance.id }, body })
        : call('restartInstance', { params: { id: instance.id }, body });
    },
    {
      success: () =>
        minutes
          ? `Countdown started: players are warned in game`
          : `${action === 'stop' ? 'Stopping' : 'Restarting'} ${instance.name}…`,
    },
  );
  const players = instance.runtime?.playersOnline ?? 0;
  return (
    <Modal opened onClose={onClose} title={`${action === 'stop' ? 'Stop' : 'Restart'} ${instance.name}?`} centered>
      <Stack>
        <Text size="sm">
          The manager saves the world, asks the server to exit, and kills it only if it does not.{' '}
          {players > 0 ? `${players} player(s) are online.` : 'Nobody is online.'}
        </Text>
        <NumberInput
          label="In-game countdown (minutes)"
          description="Players get Broadcast warnings at sensible marks; 0 stops at once"
          min={0}
          max={120}
          value={minutes}
          onChange={(v) => setMinutes(Number(v) || 0)}
        />
        <TextInput
          label="Reason shown to players (optional)"
          placeholder="e.g. applying mod updates"
          value={message}
          onChange={(e) => setMessage(e.currentTarget.value)}
          maxLength={200}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            color={action === 'stop' ? 'red' : 'amber'}
            loading={run.isPending}
            onClick={() => run.mutate([], { onSuccess: onClose })}
          >
            {action === 'stop' ? 'Stop server' : 'Restart server'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import type { Instance, Player } from '@ark-asa/contracts';
import { call } from '../../api/http.ts';
import { keys } from '../../api/queries.ts';
import { useAction } from '../../components/use-action.ts';

export type PlayerAction = 'kick' | 'ban';

const WHAT: Record<PlayerAction, { verb: string; done: string; explain: string }> = {
  kick: { verb: 'Kick', done: 'kicked', explain: 'They are disconnected at once and can join again.' },
  ban: {
    verb: 'Ban',
    done: 'banned',
    explain:
      'They are disconnected and cannot join this server again until unbanned (Unban, below the list, with the id shown here).',
  },
};

/** Kick and ban ask first: a misclick would throw someone out of their game. */
export function PlayersConfirm({
  instance,
  action,
  player,
  onClose,
}: {
  instance: Instance;
  action: PlayerAction;
  player: Player;
  onClose: () => void;
}) {
  const qc = useQueryClient();
  const what = WHAT[action];
  const run = useAction(
    () => {
      const input = { params: { id: instance.id }, body: { platformId: player.platformId } };
      return action === 'kick' ? call('kickPlayer', input) : call('banPlayer', input);
    },
    { success: () => `${player.name} ${what.done}` },
  );
  const confirm = () =>
    run.mutate([], {
      onSuccess: () => {
        void qc.invalidateQueries({ queryKey: keys.players(instance.id) });
        onClose();
      },
    });
  return (
    <Modal opened onClose={onClose} title={`${what.verb} ${player.name}?`} centered>
      <Stack>
        <Text size="sm">{what.explain}</Text>
        <Text size="xs" c="dimmed" className="mono">
          {player.platformId}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            Cancel
          </Button>
          <Button color="red" loading={run.isPending} onClick={confirm} data-testid="player-confirm">
            {what.verb} {player.name}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

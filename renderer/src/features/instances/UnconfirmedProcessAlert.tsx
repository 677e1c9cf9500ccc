import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { Instance } from '@ark-asa/contracts';
import { call } from '../../api/http.ts';
import { useAction } from '../../components/use-action.ts';

/**
 * A process recorded as this server still runs but could not be confirmed as it (issue 11 item
 * 11): the manager never starts a second copy on its own, so the user says what it is. Ending it
 * asks first, since it may be the live server with players on and it is not saved first.
 */
export function UnconfirmedProcessAlert({ instance }: { instance: Instance }) {
  const [confirming, setConfirming] = useState(false);
  const choose = useAction(
    (action: 'adopt' | 'end') => call('resolveUnconfirmedProcess', { params: { id: instance.id }, body: { action } }),
    { success: (i) => (i.status === 'STOPPED' ? 'Process ended' : 'Supervising the server again') },
  );
  const attention = instance.attention;
  if (attention?.kind !== 'unconfirmed-process') return null;
  const { pid } = attention;
  return (
    <Alert color="orange" title={`A process (pid ${pid}) that may be this server is still running`}>
      <Stack gap="xs">
        <Text size="sm">
          The manager could not confirm it is this server, so it will not start another copy on the same ports and
          saves. Say whether it is this server, or end it.
        </Text>
        <Group>
          <Button size="xs" loading={choose.isPending} onClick={() => choose.mutate(['adopt'])}>
            It is this server (adopt)
          </Button>
          <Button size="xs" color="red" variant="light" onClick={() => setConfirming(true)}>
            End process {pid}
          </Button>
        </Group>
      </Stack>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={`End process ${pid}?`} centered>
        <Stack>
          <Text size="sm">
            It is asked to exit, then killed with its children if it does not. It is not saved first: if it is this
            server, progress since its last save is lost.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
            <Button
              color="red"
              loading={choose.isPending}
              onClick={() => choose.mutate(['end'], { onSettled: () => setConfirming(false) })}
            >
              End process {pid}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Alert>
  );
}

import { Button, Card, Group, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { Instance } from '@ark-asa/contracts';
import { call } from '../../api/http.ts';
import { useAction } from '../../components/use-action.ts';

/** A message on every player's screen (RCON Broadcast). */
export function PlayersBroadcast({ instance }: { instance: Instance }) {
  const running = instance.status === 'RUNNING';
  const [message, setMessage] = useState('');
  const send = useAction(
    (text: string) => call('broadcast', { params: { id: instance.id }, body: { message: text } }),
    {
      success: () => 'Broadcast sent',
    },
  );
  const submit = () => {
    const text = message.trim();
    if (!text || !running) return;
    send.mutate([text], { onSuccess: () => setMessage('') });
  };
  return (
    <Card>
      <Title order={5} mb={4} id="broadcast-title">
        Broadcast
      </Title>
      <Text size="xs" c="dimmed" mb="xs">
        {running
          ? 'Shown in the middle of every player’s screen for a few seconds.'
          : 'Available while the server is running.'}
      </Text>
      <Group gap="xs" wrap="nowrap">
        <TextInput
          flex={1}
          aria-labelledby="broadcast-title"
          placeholder="e.g. Server restarts in 10 minutes"
          value={message}
          onChange={(e) => setMessage(e.currentTarget.value)}
          onKeyDown={(e) => e.key === 'Enter' && submit()}
          maxLength={500}
          disabled={!running}
          data-testid="broadcast-input"
        />
        <Button
          onClick={submit}
          disabled={!running || !message.trim()}
          loading={send.isPending}
          data-testid="broadcast-send"
        >
          Send to everyone
        </Button>
      </Group>
    </Card>
  );
}

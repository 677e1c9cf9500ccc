import { Button, Group, TextInput } from '@mantine/core';
import { useState } from 'react';
import { CHAT_MESSAGE_MAX, type Instance } from '@ark-asa/contracts';
import { call } from '../../api/http.ts';
import { useAction } from '../../components/use-action.ts';

/**
 * "Say as server" under the console (RCON ServerChat). No toast on success: the line itself comes
 * back into the log as a chat line, `SERVER: …`, which is the confirmation.
 */
export function ServerChatInput({ instance }: { instance: Instance }) {
  const running = instance.status === 'RUNNING';
  const [message, setMessage] = useState('');
  const send = useAction((text: string) => call('sendChat', { params: { id: instance.id }, body: { message: text } }));
  const submit = () => {
    const text = message.trim();
    if (!text || !running) return;
    send.mutate([text], { onSuccess: () => setMessage('') });
  };
  return (
    <Group gap="xs" wrap="nowrap">
      <TextInput
        flex={1}
        size="xs"
        aria-label="Say in the in-game chat as SERVER"
        placeholder={running ? 'Say in the in-game chat as SERVER…' : 'Chat is available while the server is running'}
        value={message}
        onChange={(e) => setMessage(e.currentTarget.value)}
        onKeyDown={(e) => e.key === 'Enter' && submit()}
        maxLength={CHAT_MESSAGE_MAX}
        disabled={!running}
        data-testid="chat-input"
      />
      <Button
        size="xs"
        onClick={submit}
        disabled={!running || !message.trim()}
        loading={send.isPending}
        data-testid="chat-send"
      >
        Say as server
      </Button>
    </Group>
  );
}

import { Button, Card, Group, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { PlayerActionBody, type Instance } from '@ark-asa/contracts';
import { call } from '../../api/http.ts';
import { useAction } from '../../components/use-action.ts';

/** The way back from Ban: a banned player is no longer online, so they are named by their id. */
export function PlayersUnban({ instance }: { instance: Instance }) {
  const running = instance.status === 'RUNNING';
  const [id, setId] = useState('');
  const [touched, setTouched] = useState(false);
  const parsed = PlayerActionBody.safeParse({ platformId: id.trim() });
  const problem = touched && id.trim() !== '' && !parsed.success ? parsed.error.issues[0]?.message : undefined;
  const unban = useAction(
    (platformId: string) => call('unbanPlayer', { params: { id: instance.id }, body: { platformId } }),
    {
      success: () => 'Ban lifted; they can join again',
    },
  );
  const submit = () => {
    setTouched(true);
    if (!running || !parsed.success) return;
    unban.mutate([parsed.data.platformId], { onSuccess: () => (setId(''), setTouched(false)) });
  };
  return (
    <Card>
      <Title order={5} mb={4} id="unban-title">
        Unban
      </Title>
      <Text size="xs" c="dimmed" mb="xs">
        {running
          ? 'Lifts a ban (RCON UnbanPlayer). Paste the player’s EOS id.'
          : 'Available while the server is running.'}
      </Text>
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <TextInput
          flex={1}
          aria-labelledby="unban-title"
          className="mono"
          placeholder="32 hex characters, e.g. 0002214a4a6742d9a347bd449b2dc143"
          value={id}
          onChange={(e) => setId(e.currentTarget.value)}
          onBlur={() => setTouched(true)}
          onKeyDown={(e) => e.key === 'Enter' && submit()}
          error={problem}
          disabled={!running}
          data-testid="unban-input"
        />
        <Button onClick={submit} disabled={!running || !id.trim()} loading={unban.isPending} data-testid="unban-send">
          Unban
        </Button>
      </Group>
    </Card>
  );
}

import { Alert, Card, SimpleGrid, Text, Title } from '@mantine/core';
import type { Instance } from '@ark-asa/contracts';
import { PlayerListEditor } from './PlayerListEditor.tsx';
import { PLAYER_LIST_INFO } from './player-list-text.ts';

/** The admin and join lists ARK reads from text files, editable while the server runs. */
export function PlayerListsCard({ instance }: { instance: Instance }) {
  const live = ['STARTING', 'RUNNING', 'STOPPING'].includes(instance.status);
  return (
    <Card>
      <Title order={5} mb={4}>
        Player lists
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        Players by their EOS id, the 32-character id the Players tab shows. The server reads these files when it starts.
      </Text>
      {live && (
        <Alert color="blue" variant="light" mb="sm">
          The server is running: saved lists apply at its next start. Players added in game meanwhile are written by the
          server itself, so save here before, or re-open this tab after, such changes.
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        {PLAYER_LIST_INFO.map((info) => (
          <PlayerListEditor key={info.list} instanceId={instance.id} {...info} />
        ))}
      </SimpleGrid>
    </Card>
  );
}

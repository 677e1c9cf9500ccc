import {
  ActionIcon,
  Button,
  Card,
  CopyButton,
  EmptyState,
  Group,
  Loader,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { useState } from 'react';
import type { Instance, Player } from '@ark-asa/contracts';
import { usePlayers } from '../../api/queries.ts';
import { ago } from '../../components/format.ts';
import { useNow } from '../../components/use-now.ts';
import { PlayersBroadcast } from './PlayersBroadcast.tsx';
import { PlayersConfirm, type PlayerAction } from './PlayersConfirm.tsx';
import { PlayersUnban } from './PlayersUnban.tsx';

/** Who is online (RCON ListPlayers, every 15 s), with kick and ban behind a confirmation, and unban by id. */
export function PlayersTab({ instance }: { instance: Instance }) {
  const running = instance.status === 'RUNNING';
  const players = usePlayers(instance.id, running);
  const [asking, setAsking] = useState<{ action: PlayerAction; player: Player } | null>(null);
  const now = useNow(5000);
  const list = running ? (players.data ?? []) : [];
  return (
    <Stack maw={960}>
      <Card>
        <Group justify="space-between" mb="sm">
          <div>
            <Title order={5}>Players online</Title>
            <Text size="xs" c="dimmed" data-testid="players-summary">
              {running
                ? `${list.length} of ${instance.settings.maxPlayers} · ${players.dataUpdatedAt ? `checked ${ago(new Date(players.dataUpdatedAt).toISOString(), now)}` : 'checking…'} · refreshed every 15 s`
                : 'Asked over RCON every 15 s while the server runs.'}
            </Text>
          </div>
          <Button
            variant="default"
            size="xs"
            disabled={!running}
            loading={players.isFetching}
            onClick={() => void players.refetch()}
          >
            Refresh
          </Button>
        </Group>
        <PlayerTable
          running={running}
          loading={players.isLoading}
          error={players.error?.message}
          players={list}
          onAsk={(action, player) => setAsking({ action, player })}
        />
      </Card>
      <PlayersBroadcast instance={instance} />
      <PlayersUnban instance={instance} />
      {asking && (
        <PlayersConfirm
          instance={instance}
          action={asking.action}
          player={asking.player}
          onClose={() => setAsking(null)}
        />
      )}
    </Stack>
  );
}

interface PlayerTableProps {
  running: boolean;
  loading: boolean;
  error: string | undefined;
  players: Player[];
  onAsk: (action: PlayerAction, player: Player) => void;
}

function PlayerTable({ running, loading, error, players, onAsk }: PlayerTableProps) {
  if (!running)
    return (
      <EmptyState
        title="The server is not running"
        description="Start it to see who is online."
        size="sm"
        data-testid="players-empty"
      />
    );
  if (loading) return <Loader size="sm" />;
  if (error)
    return (
      <Text c="red" size="sm" role="alert">
        Could not ask the server: {error}
      </Text>
    );
  if (players.length === 0)
    return (
      <EmptyState
        title="Nobody is online"
        description="Players appear here within 15 seconds of joining."
        size="sm"
        data-testid="players-empty"
      />
    );
  return (
    <Table highlightOnHover verticalSpacing="xs">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Name</Table.Th>
          <Table.Th>Platform id (EOS)</Table.Th>
          <Table.Th w={150}>
            <VisuallyHidden>Actions</VisuallyHidden>
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {players.map((p) => (
          <Table.Tr key={p.platformId} data-testid="player-row" data-platform-id={p.platformId}>
            <Table.Td fw={600}>{p.name}</Table.Td>
            <Table.Td>
              <Group gap={4} wrap="nowrap">
                <Text className="mono" size="sm">
                  {p.platformId}
                </Text>
                <CopyButton value={p.platformId}>
                  {({ copied, copy }) => (
                    <Tooltip label={copied ? 'Copied' : 'Copy the id'}>
                      <ActionIcon
                        variant="subtle"
                        color={copied ? 'teal' : 'gray'}
                        size="sm"
                        onClick={copy}
                        aria-label={`Copy the platform id of ${p.name}`}
                      >
                        <CopyGlyph copied={copied} />
                      </ActionIcon>
                    </Tooltip>
                  )}
                </CopyButton>
              </Group>
            </Table.Td>
            <Table.Td>
              <Group gap={6} justify="flex-end" wrap="nowrap">
                <Button
                  size="compact-sm"
                  variant="default"
                  onClick={() => onAsk('kick', p)}
                  aria-label={`Kick ${p.name}`}
                >
                  Kick
                </Button>
                <Button
                  size="compact-sm"
                  variant="light"
                  color="red"
                  onClick={() => onAsk('ban', p)}
                  aria-label={`Ban ${p.name}`}
                >
                  Ban
                </Button>
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Two sheets, or a tick once copied (drawn: the UI font has no reliable glyph for either). */
function CopyGlyph({ copied }: { copied: boolean }) {
  return (
    <svg
      width="14"
      height="14"
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.6"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      {copied ? (
        <path d="M3 8.5l3.2 3L13 4.5" />
      ) : (
        <>
          <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" />
          <path d="M10.5 5.5V3.5a1 1 0 0 0-1-1h-6a1 1 0 0 0-1 1v6a1 1 0 0 0 1 1h2" />
        </>
      )}
    </svg>
  );
}

import { Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { PlayerListName } from '@ark-asa/contracts';
import { ApiError, call } from '../../api/http.ts';
import { apiProblem, idLines, idsText, listProblem } from './player-list-text.ts';

export const playerListKey = (id: string, list: PlayerListName) => ['player-list', id, list] as const;

interface Props {
  instanceId: string;
  list: PlayerListName;
  title: string;
  help: string;
}

/** One id list as a text box, one EOS id per line; problems are shown on the box, by line. */
export function PlayerListEditor({ instanceId, list, title, help }: Props) {
  const qc = useQueryClient();
  const stored = useQuery({
    queryKey: playerListKey(instanceId, list),
    queryFn: () => call('getPlayerList', { params: { id: instanceId, list } }),
  });
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const text = draft ?? idsText(stored.data?.ids ?? []);
  const save = async () => {
    const local = listProblem(text);
    setProblem(local);
    if (local) return;
    setSaving(true);
    try {
      const saved = await call('putPlayerList', {
        params: { id: instanceId, list },
        body: { ids: idLines(text).map((l) => l.id) },
      });
      qc.setQueryData(playerListKey(instanceId, list), saved);
      setDraft(null);
      notifications.show({
        message: saved.appliesAtNextStart
          ? `${title} saved; the server applies it at its next start.`
          : `${title} saved.`,
        color: 'teal',
      });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setProblem(apiProblem(text, e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Stack gap={6} data-testid={`player-list-${list}`}>
      <Textarea
        label={title}
        description={help}
        placeholder="One EOS id (32 hex characters) per line"
        rows={6}
        className="mono"
        value={text}
        disabled={stored.isLoading}
        onChange={(e) => (setDraft(e.currentTarget.value), setProblem(null))}
        error={problem ?? (stored.error ? `Could not read the list: ${stored.error.message}` : undefined)}
      />
      <Group justify="space-between">
        <Text size="xs" c="dimmed" className="mono">
          {stored.data?.file ?? ''}
        </Text>
        <Button size="xs" variant="default" disabled={draft === null} loading={saving} onClick={() => void save()}>
          Save {title.toLowerCase()}
        </Button>
      </Group>
    </Stack>
  );
}

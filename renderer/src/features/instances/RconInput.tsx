import { Button, Group, Kbd, Modal, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { memo, useRef, useState, type KeyboardEvent } from 'react';
import type { Instance } from '@ark-asa/contracts';
import { ApiError, call } from '../../api/http.ts';
import {
  destructiveReason,
  formatRconResponse,
  loadHistory,
  pushHistory,
  saveHistory,
  stepHistory,
  type HistoryCursor,
} from './console-rcon.ts';
import { useTranscript } from './console-transcript.ts';
import { RconInputTranscript } from './RconInputTranscript.tsx';

/** One-click commands; the ones ending in a space need an argument and only fill the input. */
const QUICK = [
  { label: 'ListPlayers', command: 'ListPlayers' },
  { label: 'SaveWorld', command: 'SaveWorld' },
  { label: 'GetChat', command: 'GetChat' },
  { label: 'Broadcast…', command: 'Broadcast ' },
];

function useHistory(instanceId: string) {
  const [history, setHistory] = useState(() => loadHistory(instanceId));
  const [cursor, setCursor] = useState<HistoryCursor>(() => ({ index: history.length, draft: '' }));
  const remember = (command: string) => {
    const next = pushHistory(history, command);
    setHistory(next);
    saveHistory(instanceId, next);
    setCursor({ index: next.length, draft: '' });
  };
  const step = (current: string, dir: -1 | 1): string | null => {
    const moved = stepHistory(history, cursor, current, dir);
    if (!moved) return null;
    setCursor(moved.cursor);
    return moved.text;
  };
  return { remember, step };
}

/** The RCON prompt under the log: Enter sends, ↑/↓ walk this instance's history. Mount it keyed by instance; memoised so log lines do not re-render it. */
export const RconInput = memo(function RconInput({ instance }: { instance: Instance }) {
  const running = instance.status === 'RUNNING';
  const [value, setValue] = useState('');
  const [asking, setAsking] = useState<{ command: string; reason: string } | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const history = useHistory(instance.id);
  const transcript = useTranscript(instance.id);

  const send = async (command: string) => {
    history.remember(command);
    setValue('');
    const id = transcript.begin(command);
    try {
      const { response } = await call('rcon', { params: { id: instance.id }, body: { command } });
      transcript.finish(id, 'ok', formatRconResponse(response));
    } catch (err) {
      transcript.finish(id, 'error', err instanceof ApiError ? err.message : 'The command could not be sent');
    }
  };
  const submit = (raw: string) => {
    const command = raw.trim();
    if (!command || !running) return;
    const reason = destructiveReason(command);
    if (reason) setAsking({ command, reason });
    else void send(command);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') return submit(value);
    if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
    e.preventDefault();
    const text = history.step(value, e.key === 'ArrowUp' ? -1 : 1);
    if (text !== null) setValue(text);
  };
  const quick = (command: string) => {
    if (!command.endsWith(' ')) return submit(command);
    setValue(command);
    inputRef.current?.focus();
  };

  return (
    <Paper withBorder p="xs" radius="md">
      <Stack gap={6}>
        <Group justify="space-between" gap="xs">
          <Group gap={6}>
            <Title order={5} id="rcon-title">
              RCON
            </Title>
            {QUICK.map((q) => (
              <Button
                key={q.label}
                size="compact-xs"
                variant="light"
                disabled={!running}
                onClick={() => quick(q.command)}
              >
                {q.label}
              </Button>
            ))}
          </Group>
          <Group gap="xs">
            <Text size="xs" c="dimmed" id="rcon-help">
              {running ? (
                <>
                  <Kbd size="xs">Enter</Kbd> sends · <Kbd size="xs">↑</Kbd> <Kbd size="xs">↓</Kbd> earlier commands
                </>
              ) : (
                `The server is ${instance.status.toLowerCase().replace('_', ' ')}: RCON answers only while it runs.`
              )}
            </Text>
            {transcript.entries.length > 0 && (
              <Button size="compact-xs" variant="subtle" color="gray" onClick={transcript.clear}>
                Clear
              </Button>
            )}
          </Group>
        </Group>
        <RconInputTranscript entries={transcript.entries} />
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <TextInput
            ref={inputRef}
            flex={1}
            size="sm"
            classNames={{ input: 'mono' }}
            aria-labelledby="rcon-title"
            aria-describedby="rcon-help"
            placeholder={running ? 'Type a command, e.g. ListPlayers' : 'RCON is available while the server is running'}
            value={value}
            onChange={(e) => setValue(e.currentTarget.value)}
            onKeyDown={onKeyDown}
            disabled={!running}
            maxLength={1000}
            data-testid="rcon-input"
          />
          <Button onClick={() => submit(value)} disabled={!running || !value.trim()} data-testid="rcon-send">
            Send
          </Button>
        </Group>
      </Stack>
      <Modal
        opened={asking !== null}
        onClose={() => setAsking(null)}
        title={`Send ${asking?.command.split(/\s+/)[0] ?? ''}?`}
        centered
      >
        <Stack>
          <Text size="sm">{asking?.reason}</Text>
          <Text size="sm" className="mono">
            {asking?.command}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setAsking(null)} data-autofocus>
              Cancel
            </Button>
            <Button color="red" onClick={() => (asking && void send(asking.command), setAsking(null))}>
              Send it
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
});

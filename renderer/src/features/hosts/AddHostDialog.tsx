import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import type { CreatedAgent } from '@ark-asa/contracts';
import { useState } from 'react';
import { ApiError } from '../../api/http.ts';
import { agentCommands } from './agent-command.ts';
import { useCreateHost } from './use-hosts.ts';

function CommandBlock({ label, command }: { label: string; command: string }) {
  return (
    <Stack gap={4}>
      <Group justify="space-between">
        <Text size="sm" fw={500}>
          {label}
        </Text>
        <CopyButton value={command}>
          {({ copied, copy }) => (
            <Button size="compact-xs" variant="light" onClick={copy}>
              {copied ? 'Copied' : 'Copy'}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
        {command}
      </Code>
    </Stack>
  );
}

function Created({ created }: { created: CreatedAgent }) {
  const c = agentCommands(location.origin, created.token, created.agent.name);
  return (
    <Stack>
      <Alert color="yellow" title="Copy the command now">
        The token in it is shown this once: the manager keeps only a hash of it. If it is lost, revoke the host and add
        it again.
      </Alert>
      {c.loopback && (
        <Alert color="blue" title="Use this PC's network address">
          This page is open on a loopback address. On the other machine, replace it with this PC's address on your
          network, and start the manager with --host 0.0.0.0 (and an access token) so the host can reach it.
        </Alert>
      )}
      <Text size="sm">
        On the other machine, in a checkout of the manager where npm install was run, run one of these. The host appears
        here as online once it connects.
      </Text>
      <CommandBlock label="Linux / macOS (bash)" command={c.linux} />
      <CommandBlock label="Windows (PowerShell)" command={c.windows} />
    </Stack>
  );
}

/** "Add host": a name, then the one command to run on the new host, with its token shown once. */
export function AddHostDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [name, setName] = useState('');
  const [blank, setBlank] = useState(false);
  const create = useCreateHost();
  const close = () => {
    setName('');
    setBlank(false);
    create.reset();
    onClose();
  };
  // A form that cannot be sent says why at the field, rather than showing a dead button.
  const submit = () => {
    setBlank(!name.trim());
    if (name.trim()) create.mutate(name.trim());
  };
  const apiError =
    create.error instanceof ApiError ? (create.error.fieldMessage('name') ?? create.error.message) : null;
  const error = blank ? 'Give the host a name' : apiError;
  return (
    <Modal opened={opened} onClose={close} title="Add a host" size="lg">
      {create.data ? (
        <Stack>
          <Created created={create.data} />
          <Group justify="flex-end">
            <Button onClick={close}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <Stack>
          <TextInput
            label="Name"
            placeholder="e.g. Basement server"
            value={name}
            error={error}
            onChange={(e) => {
              setName(e.currentTarget.value);
              setBlank(false);
            }}
            onKeyDown={(e) => e.key === 'Enter' && submit()}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button loading={create.isPending} onClick={submit} data-testid="host-create">
              Add host
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

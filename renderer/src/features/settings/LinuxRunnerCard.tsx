import { Button, Card, Group, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { LinuxRunner, ManagerSettings } from '@ark-asa/contracts';
import { ApiError, call } from '../../api/http.ts';
import { keys, useAgents } from '../../api/queries.ts';
import { useAction } from '../../components/use-action.ts';

type Kind = LinuxRunner['kind'] | 'none';

const PLACEHOLDER: Record<Kind, string> = {
  none: '',
  proton: '/opt/GE-Proton9-20 (the folder with the proton script)',
  wine: '/usr/bin/wine',
};

/**
 * Shown for Linux hosts: what runs the Windows ArkAscendedServer.exe (Proton or Wine), saved on its own
 * so the rest of the settings form is untouched (docs/linux-hosts.md).
 */
export function LinuxRunnerCard({ settings }: { settings: ManagerSettings }) {
  const qc = useQueryClient();
  const [kind, setKind] = useState<Kind>(settings.linuxRunner?.kind ?? 'none');
  const [runnerPath, setRunnerPath] = useState(settings.linuxRunner?.path ?? '');
  const save = useAction(
    () =>
      call('patchSettings', {
        body: { linuxRunner: kind === 'none' ? null : { kind, path: runnerPath.trim() } },
      }),
    { success: () => 'Linux runner saved' },
  );
  const error = save.error instanceof ApiError ? save.error.fieldMessage('linuxRunner.path') : undefined;
  const agents = useAgents();
  // Windows hosts run the exe directly: the card is noise there unless a runner was set anyway.
  if (!settings.linuxRunner && !agents.data?.some((a) => a.platform === 'linux')) return null;
  return (
    <Card data-testid="linux-runner">
      <Stack>
        <div>
          <Title order={4}>Linux runner</Title>
          <Text size="sm" c="dimmed">
            ArkAscendedServer.exe is a Windows program: on a Linux host it runs through Proton (GE-Proton) or Wine, each
            server in its own prefix under the data root. Windows hosts need nothing here.
          </Text>
        </div>
        <SegmentedControl
          value={kind}
          onChange={setKind}
          data={[
            { value: 'none', label: 'None' },
            { value: 'proton', label: 'Proton' },
            { value: 'wine', label: 'Wine' },
          ]}
          data-testid="linux-runner-kind"
        />
        {kind !== 'none' && (
          <TextInput
            label={kind === 'proton' ? 'Proton folder or proton script' : 'wine program'}
            placeholder={PLACEHOLDER[kind]}
            value={runnerPath}
            onChange={(e) => setRunnerPath(e.currentTarget.value)}
            error={error}
            classNames={{ input: 'mono' }}
            data-testid="linux-runner-path"
          />
        )}
        <Group justify="flex-end">
          <Button
            variant="light"
            loading={save.isPending}
            onClick={() => save.mutate([], { onSuccess: () => void qc.invalidateQueries({ queryKey: keys.settings }) })}
            data-testid="save-linux-runner"
          >
            Save runner
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

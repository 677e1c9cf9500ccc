import { Badge, Button, Card, Group, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { call } from '../../api/http.ts';
import { keys } from '../../api/queries.ts';
import { useAction } from '../../components/use-action.ts';
import { isActive } from '../jobs/job-look.ts';
import { JobOutcome } from '../jobs/JobOutcome.tsx';
import { useLatestJob, useLiveStatus } from '../jobs/use-live-job.ts';
import { PrereqInstallDialog } from './PrereqInstallDialog.tsx';
import { installable, STATE_LOOK } from './prereq-look.ts';

/** live-bridge.ts refreshes this key when an INSTALL_PREREQUISITES job ends. */
const PREREQS_KEY = ['host-prerequisites'] as const;

/** VC++ runtime, DirectX and certificates the server needs on Windows (docs/windows-prerequisites.md). */
export function PrereqsCard() {
  const qc = useQueryClient();
  const check = useQuery({ queryKey: PREREQS_KEY, queryFn: () => call('getHostPrerequisites', {}) });
  const job = useLatestJob('INSTALL_PREREQUISITES');
  const status = useLiveStatus(job);
  const [asking, setAsking] = useState(false);
  const install = useAction((items: ReturnType<typeof installable>) =>
    call('installHostPrerequisites', { body: { items, consent: true } }),
  );
  const busy = !!status && isActive(status);
  const items = check.data?.items ?? [];
  const toInstall = installable(items);
  const windows = check.data?.platform === 'win32';
  const consent = () =>
    install.mutate([toInstall], {
      onSuccess: () => {
        setAsking(false);
        void qc.invalidateQueries({ queryKey: keys.allJobs });
      },
    });
  return (
    <Card data-testid="host-prerequisites">
      <Stack>
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={4}>Host prerequisites</Title>
            <Text size="sm" c="dimmed">
              {windows
                ? 'What ArkAscendedServer.exe needs on Windows: without the Visual C++ runtime it exits at once (0xC0000135); without the certificates it runs but is not listed.'
                : 'Only Windows hosts need these: on Linux the server runs through Proton or Wine, which bring their own.'}
            </Text>
          </div>
          <Group>
            <Button variant="default" onClick={() => void check.refetch()} loading={check.isFetching}>
              Check again
            </Button>
            {windows && (
              <Button
                disabled={toInstall.length === 0}
                loading={busy}
                onClick={() => setAsking(true)}
                data-testid="prereqs-install"
              >
                Install missing…
              </Button>
            )}
          </Group>
        </Group>
        {check.isLoading && <Skeleton h={120} />}
        {check.error && <Text c="red">{check.error.message}</Text>}
        {items.length > 0 && (
          <Table>
            <Table.Tbody>
              {items.map((i) => (
                <Table.Tr key={i.id} data-testid={`prereq-${i.id}`} data-state={i.state}>
                  <Table.Td>{i.name}</Table.Td>
                  <Table.Td>
                    <Badge color={STATE_LOOK[i.state].color}>{STATE_LOOK[i.state].label}</Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{i.detail}</Text>
                    {i.fix && (
                      <Text size="xs" c="dimmed">
                        {i.fix}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {windows && <JobOutcome job={job} label="Installing prerequisites" />}
      </Stack>
      <PrereqInstallDialog
        opened={asking}
        items={items.filter((i) => toInstall.includes(i.id))}
        busy={install.isPending}
        onClose={() => setAsking(false)}
        onConsent={consent}
      />
    </Card>
  );
}

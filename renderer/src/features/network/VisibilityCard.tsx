import { Alert, Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { Instance, VisibilityReport } from '@ark-asa/contracts';
import { CHECK_LABELS, STATUS_COLORS, useVisibilityCheck } from './network-api.ts';
import { ServerListUrlField } from './ServerListUrlField.tsx';

/** "Is my server visible?": runs the checks on demand and shows each result with its fix. */
export function VisibilityCard({ instance }: { instance: Instance }) {
  const check = useVisibilityCheck(instance.id);
  const report = check.data;
  return (
    <Card withBorder data-testid="visibility-card">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4}>Is my server visible?</Title>
          {report && (
            <Badge color={report.visible ? 'green' : 'red'} data-testid="visibility-verdict">
              {report.visible ? 'visible' : 'not visible'}
            </Badge>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          Checks that the server runs and listens on UDP {instance.settings.gamePort}, the firewall, MultiHome, and
          whether &quot;{instance.settings.sessionName}&quot; is in the public server list. Reading the list can take a
          minute (it is large).
        </Text>
        <Group>
          <Button loading={check.isPending} onClick={() => check.mutate()}>
            Check visibility
          </Button>
        </Group>
        {check.error && <Alert color="red">{check.error.message}</Alert>}
        {report && <ReportTable report={report} />}
        <ServerListUrlField />
      </Stack>
    </Card>
  );
}

function ReportTable({ report }: { report: VisibilityReport }) {
  return (
    <Table data-testid="visibility-checks">
      <Table.Tbody>
        {report.checks.map((c) => (
          <Table.Tr key={c.id}>
            <Table.Td>
              <Badge color={STATUS_COLORS[c.status]}>{c.status}</Badge>
            </Table.Td>
            <Table.Td>{CHECK_LABELS[c.id]}</Table.Td>
            <Table.Td>
              <Text size="sm">{c.message}</Text>
              {c.fix && (
                <Text size="sm" c="dimmed">
                  Fix: {c.fix}
                </Text>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

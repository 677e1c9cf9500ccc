import { Alert, Badge, Button, Card, Checkbox, Code, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { FirewallState, Instance } from '@ark-asa/contracts';
import { useFirewall, useFirewallChange } from './network-api.ts';

const STATE_COLORS: Record<FirewallState['status'], string> = {
  open: 'green',
  closed: 'red',
  partial: 'yellow',
  'needs-admin': 'orange',
  unavailable: 'gray',
};

/** The instance's inbound firewall rules: state, Add/Remove with consent, RCON only when ticked. */
export function FirewallCard({ instance }: { instance: Instance }) {
  const state = useFirewall(instance.id);
  const change = useFirewallChange(instance.id);
  const [openRcon, setOpenRcon] = useState(false);
  const [consent, setConsent] = useState(false);
  if (state.error)
    return (
      <Alert color="red" title="Could not read the firewall">
        {state.error.message}
      </Alert>
    );
  if (!state.data) return <Loader size="sm" />;
  const fw = change.data ?? state.data;
  const needsAdmin = fw.status === 'needs-admin';
  return (
    <Card withBorder data-testid="firewall-card">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4}>Firewall</Title>
          <Badge color={STATE_COLORS[fw.status]} data-testid="firewall-status">
            {fw.status} · {fw.backend}
          </Badge>
        </Group>
        <Text size="sm">{fw.message}</Text>
        <RulesTable state={fw} />
        <Text size="sm" c="dimmed">
          Adding rules changes this computer&apos;s firewall so players can reach UDP port {instance.settings.gamePort}.
          It needs administrator rights; RCON stays closed to the outside unless you tick it, since RCON carries the
          admin password.
        </Text>
        <Checkbox
          label={`Also open RCON (TCP ${instance.settings.rconPort}) to the outside`}
          checked={openRcon}
          onChange={(e) => setOpenRcon(e.currentTarget.checked)}
        />
        {needsAdmin && fw.backend === 'windows' && (
          <Checkbox
            label="Ask Windows for administrator rights (a prompt appears on this PC's desktop)"
            checked={consent}
            onChange={(e) => setConsent(e.currentTarget.checked)}
          />
        )}
        <Group>
          <Button
            loading={change.isPending}
            disabled={fw.status === 'unavailable'}
            onClick={() => change.mutate({ open: true, body: { openRcon, elevate: consent } })}
          >
            Open the game port
          </Button>
          <Button
            variant="default"
            loading={change.isPending}
            disabled={fw.status === 'unavailable'}
            onClick={() => change.mutate({ open: false })}
          >
            Remove the rules
          </Button>
        </Group>
        {change.error && <Alert color="red">{change.error.message}</Alert>}
        {needsAdmin && fw.command && (
          <div>
            <Text size="sm">Or run this as an administrator:</Text>
            <Code block data-testid="firewall-command">
              {fw.command}
            </Code>
          </div>
        )}
      </Stack>
    </Card>
  );
}

function RulesTable({ state }: { state: FirewallState }) {
  return (
    <Table>
      <Table.Tbody>
        {state.rules.map((r) => (
          <Table.Tr key={r.name}>
            <Table.Td>{r.purpose === 'game' ? 'Game' : 'RCON'}</Table.Td>
            <Table.Td>
              {r.protocol} {r.port}
            </Table.Td>
            <Table.Td>{r.enabled ? 'allowed' : r.present ? 'rule disabled' : 'no rule'}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

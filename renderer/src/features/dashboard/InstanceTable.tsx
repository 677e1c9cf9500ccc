import { Anchor, Table } from '@mantine/core';
import { Link } from 'react-router';
import type { Instance } from '@ark-asa/contracts';
import { useAgents } from '../../api/queries.ts';
import { bytes, mapName, percent, players } from '../../components/format.ts';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { PowerButtons } from '../instances/PowerButtons.tsx';
import { namesHosts } from '../hosts/host-choice.ts';
import { HostBadge } from '../hosts/InstanceHost.tsx';

/** One row per server: for people with many, where cards would need a lot of scrolling. */
export function InstanceTable({ instances }: { instances: Instance[] }) {
  const withHost = namesHosts(useAgents().data ?? [], instances);
  return (
    <Table.ScrollContainer minWidth={880}>
      <Table striped highlightOnHover verticalSpacing="xs" data-testid="instance-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Server</Table.Th>
            <Table.Th>Status</Table.Th>
            {withHost && <Table.Th>Host</Table.Th>}
            <Table.Th>Map</Table.Th>
            <Table.Th>Players</Table.Th>
            <Table.Th>CPU</Table.Th>
            <Table.Th>Memory</Table.Th>
            <Table.Th>Port</Table.Th>
            <Table.Th aria-label="Actions" />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {instances.map((i) => {
            const live = i.status === 'RUNNING' || i.status === 'STARTING';
            return (
              <Table.Tr key={i.id} data-instance={i.name}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Anchor component={Link} to={`/instances/${i.id}`} fw={600}>
                    {i.name}
                  </Anchor>
                </Table.Td>
                <Table.Td style={{ minWidth: 130 }}>
                  <StatusBadge status={i.status} />
                </Table.Td>
                {withHost && (
                  <Table.Td style={{ maxWidth: 200 }}>
                    <HostBadge agentId={i.agentId} always />
                  </Table.Td>
                )}
                <Table.Td>{mapName(i.settings.map)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {players(i.runtime?.playersOnline, i.settings.maxPlayers, live)}
                </Table.Td>
                <Table.Td>{live ? percent(i.runtime?.cpuPercent) : '—'}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{live ? bytes(i.runtime?.memoryBytes) : '—'}</Table.Td>
                <Table.Td>{i.settings.gamePort}</Table.Td>
                <Table.Td style={{ minWidth: 230 }}>
                  <PowerButtons instance={i} />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

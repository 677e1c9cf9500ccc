import { Stack, Text } from '@mantine/core';
import type { Cluster, Instance } from '@ark-asa/contracts';
import { useAgents } from '../../api/queries.ts';
import { ClusterFolderRow } from './ClusterFolderRow.tsx';
import { folderHosts, showsFolders } from './folder-hosts.ts';

/**
 * "Folders per host": each host's members start with that host's folder, so members on different
 * hosts share transfers only through one network share that every host names (docs/clusters.md).
 */
export function ClusterFolders({ cluster, members }: { cluster: Cluster; members: Instance[] }) {
  const agents = useAgents().data ?? [];
  if (!showsFolders(cluster, members)) return null;
  return (
    <Stack gap="xs" data-testid="cluster-folders">
      <Text size="sm" fw={600}>
        Folders per host
      </Text>
      {folderHosts(agents, cluster, members).map((id) => (
        <ClusterFolderRow
          key={id}
          cluster={cluster}
          agentId={id}
          agent={agents.find((a) => a.id === id)}
          memberCount={members.filter((m) => m.agentId === id).length}
        />
      ))}
      <Text size="xs" c="dimmed">
        Members on different hosts can only transfer when every host&apos;s folder is the same shared folder (a network
        share such as \\nas\ark-cluster, written as each host reaches it); a host left on its default folder transfers
        only among its own members.
      </Text>
    </Stack>
  );
}

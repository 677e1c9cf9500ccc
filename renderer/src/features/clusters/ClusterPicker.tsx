import { Select } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import type { Instance } from '@ark-asa/contracts';
import { call } from '../../api/http.ts';
import { keys } from '../../api/queries.ts';
import { useAction } from '../../components/use-action.ts';
import { clusterKeys, useClusters } from './use-clusters.ts';

const NONE = '';

/**
 * The server's cluster: picking one PATCHes its clusterId (applies from its next start). A server on
 * a remote host joins the same way: the manager writes the cluster onto that host first.
 */
export function ClusterPicker({ instance }: { instance: Instance }) {
  const clusters = useClusters();
  const qc = useQueryClient();
  const join = useAction(
    (clusterId: string | null) => call('updateInstance', { params: { id: instance.id }, body: { clusterId } }),
    {
      success: () => 'Cluster changed; it applies from the next start',
    },
  );
  const data = [
    { value: NONE, label: 'No cluster' },
    ...(clusters.data ?? []).map((c) => ({ value: c.id, label: c.name })),
  ];
  return (
    <Select
      size="xs"
      w={220}
      mt={6}
      label="Cluster"
      aria-label="Cluster"
      data-testid="cluster-picker"
      data={data}
      value={instance.clusterId ?? NONE}
      disabled={join.isPending || clusters.isLoading}
      allowDeselect={false}
      onChange={(value) =>
        join.mutate([value === NONE || value === null ? null : value], {
          onSuccess: () => {
            void qc.invalidateQueries({ queryKey: clusterKeys.clusters });
            // Read the server again rather than rely on its event alone: the field shows what the manager holds.
            void qc.invalidateQueries({ queryKey: keys.instance(instance.id) });
            void qc.invalidateQueries({ queryKey: keys.instances });
          },
        })
      }
    />
  );
}

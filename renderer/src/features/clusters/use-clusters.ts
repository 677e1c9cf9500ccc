import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { Cluster, CreateClusterBody, UpdateClusterBody } from '@ark-asa/contracts';
import { call } from '../../api/http.ts';

export const clusterKeys = { clusters: ['clusters'] as const };

export const useClusters = () =>
  useQuery({ queryKey: clusterKeys.clusters, queryFn: async () => (await call('listClusters', {})).items });

function upsert(qc: QueryClient, cluster: Cluster) {
  qc.setQueryData<Cluster[]>(clusterKeys.clusters, (list) =>
    list
      ? list.some((c) => c.id === cluster.id)
        ? list.map((c) => (c.id === cluster.id ? cluster : c))
        : [...list, cluster]
      : [cluster],
  );
}

export function useCreateCluster() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateClusterBody) => call('createCluster', { body }),
    onSuccess: (c) => upsert(qc, c),
  });
}

export function useUpdateCluster(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateClusterBody) => call('updateCluster', { params: { id }, body }),
    onSuccess: (c) => upsert(qc, c),
  });
}

export function useDeleteCluster(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => call('deleteCluster', { params: { id } }),
    onSuccess: () => qc.setQueryData<Cluster[]>(clusterKeys.clusters, (list) => list?.filter((c) => c.id !== id)),
  });
}

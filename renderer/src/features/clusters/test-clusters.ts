import { TransferRules, type Cluster } from '@ark-asa/contracts';

/** A cluster as the manager answers it, for the clusters feature's tests. */
export function testCluster(overrides: Partial<Cluster> = {}): Cluster {
  const now = new Date().toISOString();
  return {
    id: crypto.randomUUID(),
    name: 'Home cluster',
    gameClusterId: '0f3c9a5e1b7d42c8a6e9d0b1',
    clusterDir: '/data/runtime/clusters/x',
    folders: {},
    transferRules: TransferRules.parse({}),
    members: [],
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
}

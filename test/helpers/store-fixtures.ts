import { InstanceSettings, TransferRules, type Job } from '@ark-asa/contracts';
import type { ClusterRecord, InstanceRecord, Store } from '../../app/store/index.ts';

export const TEST_AGENT_ID = 'a0000000-0000-4000-8000-000000000001';

/** The local agent row that instances reference (foreign key). */
export function seedAgent(store: Store, id: string = TEST_AGENT_ID): string {
  store.agents.upsert({
    id,
    name: 'test agent',
    kind: 'local',
    status: 'ONLINE',
    hostname: 'test-host',
    platform: 'linux',
    version: '0.0.0-test',
    registeredAt: new Date().toISOString(),
    lastHeartbeatAt: null,
    metrics: null,
  });
  return id;
}

/** A stopped instance row (no files) on the given agent, with defaults for everything else. */
export function seedInstance(store: Store, overrides: Partial<InstanceRecord> = {}): InstanceRecord {
  const now = new Date().toISOString();
  const record: InstanceRecord = {
    id: crypto.randomUUID(),
    name: 'Test',
    agentId: TEST_AGENT_ID,
    status: 'STOPPED',
    buildId: null,
    installPath: null,
    settings: InstanceSettings.parse({}),
    process: null,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
  store.instances.insert(record);
  return record;
}

/** A job row (a finished diagnostics run of this PC, at `at`) with any field overridden. */
export function seedJob(store: Store, at: string, overrides: Partial<Job> = {}): Job {
  const job: Job = {
    id: crypto.randomUUID(),
    type: 'DIAGNOSTICS',
    status: 'COMPLETED',
    instanceId: null,
    agentId: null,
    params: {},
    createdAt: at,
    updatedAt: at,
    startedAt: null,
    finishedAt: null,
    error: null,
    ...overrides,
  };
  store.jobs.insert(job);
  return job;
}

/** A cluster row (no members, default rules, a random game cluster id) with any field overridden. */
export function seedCluster(store: Store, overrides: Partial<ClusterRecord> = {}): ClusterRecord {
  const id = overrides.id ?? crypto.randomUUID();
  const now = new Date().toISOString();
  const cluster: ClusterRecord = {
    id,
    name: 'Cluster',
    gameClusterId: `g${id.slice(0, 8)}`,
    clusterDir: `/data/runtime/clusters/${id}`,
    folders: {},
    transferRules: TransferRules.parse({}),
    createdAt: overrides.createdAt ?? now,
    updatedAt: overrides.createdAt ?? now,
    ...overrides,
  };
  store.clusters.insert(cluster);
  return cluster;
}

import { InstanceSettings, type Instance, type Job } from '@ark-asa/contracts';

/** A remote host's id in store tests (an agents row must exist for it: seedAgent(store, REMOTE_AGENT_ID)). */
export const REMOTE_AGENT_ID = 'b0000000-0000-4000-8000-000000000002';
export const OTHER_REMOTE_AGENT_ID = 'c0000000-0000-4000-8000-000000000003';

const AT = '2026-12-01T10:00:00.000Z';

/** An Instance DTO as a remote agent reports it: masked secrets, its own build and paths. */
export function remoteInstanceDto(overrides: Partial<Instance> = {}): Instance {
  return {
    id: crypto.randomUUID(),
    name: 'Remote island',
    agentId: REMOTE_AGENT_ID,
    status: 'RUNNING',
    buildId: '20000001',
    installPath: '/srv/ark-agent/host/runtime/instances/x',
    settings: InstanceSettings.parse({ adminPassword: '********' }),
    runtime: { pid: 4242, startedAt: AT, playersOnline: 3, cpuPercent: 12, memoryBytes: 1e9 },
    updateAvailable: null,
    clusterId: null,
    attention: null,
    createdAt: AT,
    updatedAt: AT,
    ...overrides,
  };
}

/** A Job DTO as a remote agent reports it. */
export function remoteJobDto(overrides: Partial<Job> = {}): Job {
  return {
    id: crypto.randomUUID(),
    type: 'START_INSTANCE',
    status: 'RUNNING',
    instanceId: null,
    agentId: REMOTE_AGENT_ID,
    params: {},
    createdAt: AT,
    updatedAt: AT,
    startedAt: AT,
    finishedAt: null,
    error: null,
    ...overrides,
  };
}

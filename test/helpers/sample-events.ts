import {
  InstanceSettings,
  type Agent,
  type Instance,
  type WSEventName,
  type WSEventPayloads,
} from '@ark-asa/contracts';

const id = () => crypto.randomUUID();
const now = () => new Date().toISOString();

const instance = (): Instance => ({
  id: id(),
  name: 'The Island',
  agentId: id(),
  status: 'STOPPED',
  buildId: '12345678',
  installPath: '/data/runtime/instances/x',
  settings: InstanceSettings.parse({ adminPassword: '********' }),
  runtime: null,
  createdAt: now(),
  updatedAt: now(),
});

const metrics = {
  cpuPercent: 12.5,
  cpuCount: 2,
  memoryTotalBytes: 8e9,
  memoryUsedBytes: 4e9,
  diskFreeBytes: 1e11,
  diskTotalBytes: 2e11,
  uptimeSec: 100,
};

const agent = (): Agent => ({
  id: id(),
  name: 'pc',
  kind: 'local',
  status: 'ONLINE',
  hostname: 'pc',
  platform: 'win32',
  version: '0.1.0',
  registeredAt: now(),
  lastHeartbeatAt: null,
  metrics: null,
});

/** One valid payload for each of the 14 events of the protocol. */
export function sampleEvents(): { [N in WSEventName]: WSEventPayloads[N] } {
  const inst = instance();
  return {
    'job:created': {
      jobId: id(),
      type: 'INSTALL_BUILD',
      status: 'PENDING',
      instanceId: null,
      agentId: id(),
      createdAt: now(),
    },
    'job:progress': {
      jobId: id(),
      jobRunId: id(),
      status: 'RUNNING',
      percent: 45,
      message: 'Installing server files...',
      timestamp: now(),
    },
    'job:completed': {
      jobId: id(),
      jobRunId: id(),
      result: { buildId: '12345678', installPath: 'D:\\Ark ASA ASM\\runtime\\cache\\server_builds\\ASA\\12345678' },
      completedAt: now(),
    },
    'job:failed': {
      jobId: id(),
      jobRunId: id(),
      error: { code: 'steamcmd-failed', message: 'Not enough disk space' },
      failedAt: now(),
    },
    'job:cancelled': { jobId: id(), jobRunId: null, cancelledAt: now() },
    'instance:created': { instanceId: inst.id, instance: inst, createdAt: now() },
    'instance:updated': { instanceId: inst.id, instance: inst, updatedAt: now() },
    'instance:status_changed': { instanceId: inst.id, status: 'RUNNING', previousStatus: 'STARTING', changedAt: now() },
    'instance:deleted': { instanceId: inst.id, deletedAt: now() },
    'instance:log': {
      instanceId: inst.id,
      seq: 1,
      level: 'INFO',
      source: 'server',
      message: 'Full Startup: 35.17 seconds',
      timestamp: now(),
    },
    'agent:registered': { agentId: id(), agent: agent(), registeredAt: now() },
    'agent:heartbeat': { agentId: id(), metrics, instances: [], timestamp: now() },
    'agent:offline': { agentId: id(), reason: 'stopped', timestamp: now() },
    'system:error': { code: 'heartbeat-failed', message: 'statfs failed', subjectId: null, timestamp: now() },
  };
}

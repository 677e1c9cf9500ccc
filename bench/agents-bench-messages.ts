/**
 * What a simulated agent says on the agent channel (docs/agent-channel.md): its hello, heartbeats,
 * the snapshot of its servers, and `bus` events whose text carries the moment they were sent, so
 * the /ws reader in the same process can tell each event's latency through the control plane.
 */
import type { AgentServerEvent } from '@ark-asa/contracts';
import {
  AGENT_CHANNEL_VERSION,
  Instance,
  InstanceSettings,
  type AgentHeartbeat,
  type AgentHello,
  type InstanceStatus,
  type WSEventPayloads,
} from '@ark-asa/contracts';

/** Counted or not: warm-up events travel the same path but stay out of the figures. */
export type Phase = 'warm' | 'measure';

export interface Stamp {
  phase: Phase;
  /** performance.now() of the bench process when the event was handed to the socket. */
  sentMs: number;
}

const MARK = 'agents-bench';
const STAMP = /^agents-bench (warm|measure) \d+ sent=(\d+(?:\.\d+)?)$/;

export function stampText(phase: Phase, seq: number, sentMs: number): string {
  return `${MARK} ${phase} ${seq} sent=${sentMs.toFixed(3)}`;
}

/** The stamp in an event's text, or null for anything the bench did not send. */
export function readStamp(text: string | undefined): Stamp | null {
  const m = text === undefined ? null : STAMP.exec(text);
  return m ? { phase: m[1] as Phase, sentMs: Number(m[2]) } : null;
}

/** One of the servers a simulated agent reports: valid per the Instance contract, owned by that agent. */
export function simServers(agentId: string, agentIndex: number, count: number): Instance[] {
  const now = new Date().toISOString();
  return Array.from({ length: count }, (_, i) =>
    Instance.parse({
      id: crypto.randomUUID(),
      name: `Bench host ${agentIndex + 1} server ${i + 1}`,
      agentId,
      status: 'RUNNING',
      buildId: '19283746',
      installPath: `/srv/ark-agent-${agentIndex + 1}/runtime/instances/${i + 1}`,
      settings: InstanceSettings.parse({
        sessionName: `Bench ${agentIndex + 1}-${i + 1}`,
        gamePort: 7777 + 2 * i,
        rconPort: 27020 + i,
      }),
      runtime: { pid: 10_000 + i, startedAt: now, playersOnline: 0, cpuPercent: 12.5, memoryBytes: 12e9 },
      createdAt: now,
      updatedAt: now,
    }),
  );
}

export function helloMessage(agentIndex: number, servers: Instance[]): AgentHello {
  return {
    v: AGENT_CHANNEL_VERSION,
    type: 'hello',
    name: null,
    hostname: `bench-host-${agentIndex + 1}`,
    platform: 'linux',
    version: 'bench',
    startedAt: new Date().toISOString(),
    defaults: { dataRoot: `/srv/ark-agent-${agentIndex + 1}` },
    instances: servers.map((s) => ({
      instanceId: s.id,
      pid: s.runtime!.pid,
      status: s.status,
      startedAt: s.runtime!.startedAt,
    })),
  };
}

/** The `n`-th heartbeat: its figures change each time, as a real host's samples do. */
export function heartbeatMessage(servers: Instance[], n: number): AgentHeartbeat {
  const gib = 1024 ** 3;
  return {
    v: AGENT_CHANNEL_VERSION,
    type: 'heartbeat',
    metrics: {
      cpuPercent: 30 + (n % 20),
      cpuCount: 16,
      memoryTotalBytes: 128 * gib,
      memoryUsedBytes: 96 * gib,
      diskFreeBytes: 500 * gib,
      diskTotalBytes: 2000 * gib,
      uptimeSec: 86_400,
    },
    instances: servers.map((s, i) => ({
      instanceId: s.id,
      pid: s.runtime!.pid,
      cpuPercent: 10 + ((n + i) % 7),
      memoryBytes: 12e9 + ((n + i) % 13) * 1e6,
      playersOnline: (n + i) % 5,
    })),
    timestamp: new Date().toISOString(),
  };
}

/** Sent right after `welcome`, as a real agent does: the servers, no jobs. */
export function snapshotMessage(servers: Instance[]): AgentServerEvent {
  return {
    v: AGENT_CHANNEL_VERSION,
    type: 'event',
    kind: 'snapshot',
    instances: servers,
    jobs: [],
    timestamp: new Date().toISOString(),
  };
}

export function logEvent(instanceId: string, seq: number, text: string): AgentServerEvent {
  const data: WSEventPayloads['instance:log'] = {
    instanceId,
    seq,
    level: 'INFO',
    source: 'server',
    message: text,
    timestamp: new Date().toISOString(),
  };
  return { v: AGENT_CHANNEL_VERSION, type: 'event', kind: 'bus', event: 'instance:log', data };
}

export function statusEvent(
  instanceId: string,
  status: InstanceStatus,
  previousStatus: InstanceStatus,
  text: string,
): AgentServerEvent {
  const data: WSEventPayloads['instance:status_changed'] = {
    instanceId,
    status,
    previousStatus,
    reason: text,
    changedAt: new Date().toISOString(),
  };
  return { v: AGENT_CHANNEL_VERSION, type: 'event', kind: 'bus', event: 'instance:status_changed', data };
}

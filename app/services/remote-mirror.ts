import {
  WSEventSchemas,
  type AgentHeartbeat,
  type AgentServerEvent,
  type Instance,
  type InstanceRuntime,
  type Job,
  type WSEventData,
  type WSEventName,
} from '@ark-asa/contracts';
import { isoNow, type Clock } from '../domain/clock.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { Logger } from '../logger.ts';
import type { InstanceRecord, Store } from '../store/index.ts';
import { jobStatusOf, runPatchOf, type JobEventName } from './remote-mirror-jobs.ts';
import { reconcileSnapshot } from './remote-snapshot.ts';

export type BusMessage = Extract<AgentServerEvent, { kind: 'bus' }>;
export type SnapshotMessage = Extract<AgentServerEvent, { kind: 'snapshot' }>;

export interface RemoteMirrorDeps {
  store: Store;
  bus: EventBus;
  clock: Clock;
  logger: Logger;
  /** The control plane's DTO of a row (its own cluster membership over the agent's view). */
  dto: (record: InstanceRecord) => Instance;
  /** The host's display name, for messages that must name it. */
  nameOf: (agentId: string) => string;
  /** Drops the per-instance log state of a deleted server. */
  forgetLogs?: (instanceId: string) => void;
}

/** Statuses in which a server has a process whose metrics a heartbeat may carry. */
const LIVE_STATUSES: ReadonlySet<string> = new Set(['STARTING', 'RUNNING', 'STOPPING']);
/** Why a message of an agent was not applied: logged, never thrown back at the channel. */
class Dropped extends Error {}

/**
 * The control plane's copy of what remote agents run (docs/agent-channel.md#phase-2-servers-on-remote-agents):
 * applies an agent's `bus` events and `snapshot`s to the mirror rows of its servers and jobs, then
 * publishes them on this bus, so /ws clients see remote servers like local ones. An agent may touch
 * only its own servers and jobs (or create new ids); anything else is logged and dropped, so a
 * compromised host cannot rewrite another host's servers or this PC's. Nothing is started or stopped.
 */
export class RemoteMirror {
  constructor(private readonly deps: RemoteMirrorDeps) {}

  apply(agentId: string, msg: AgentServerEvent): void {
    if (msg.kind === 'bus') this.applyBus(agentId, msg);
    else if (msg.kind === 'snapshot') this.applySnapshot(agentId, msg);
    // Phase 1's instance-status / instance-log: a phase 2 agent says the same through its bus.
    else this.deps.logger.debug({ agentId, kind: msg.kind }, 'ignored a phase 1 server event');
  }

  applyBus(agentId: string, msg: BusMessage): void {
    const schema = WSEventSchemas[msg.event];
    const parsed = schema.safeParse(msg.data);
    if (!parsed.success) {
      this.deps.logger.warn(
        { agentId, event: msg.event, issues: parsed.error.issues },
        'dropped an event of a host that does not match its schema',
      );
      return;
    }
    try {
      this.route(agentId, msg.event, parsed.data, msg.job);
    } catch (err) {
      if (!(err instanceof Dropped)) throw err;
      this.deps.logger.warn({ agentId, event: msg.event }, `dropped an event of a host: ${err.message}`);
    }
  }

  /**
   * The process metrics of a host's servers, from its heartbeat, into their views: the list shows
   * a remote server's pid, CPU and players as it shows a local one's. Only the servers it names
   * change: a heartbeat may be sent before the host has sampled its servers (right after it
   * connects), so a server it leaves out keeps its last known runtime; a stop or a crash clears it
   * (setMirrorStatus). Only the host's own servers are read, so it cannot touch others'.
   */
  heartbeat(agentId: string, metrics: AgentHeartbeat['instances']): void {
    const { store } = this.deps;
    const byId = new Map(metrics.map((m) => [m.instanceId, m]));
    store.db.transaction(() => {
      for (const row of store.instances.mirrorRuntimes(agentId)) {
        const m = byId.get(row.id);
        // A sample taken before a stop or a crash may arrive after it: it must not bring the dead pid back.
        if (!m || m.pid === null || !LIVE_STATUSES.has(row.status)) continue;
        const before = row.runtime;
        const next: InstanceRuntime = {
          pid: m.pid,
          startedAt: before?.pid === m.pid ? before.startedAt : null,
          playersOnline: m.playersOnline,
          cpuPercent: m.cpuPercent,
          memoryBytes: m.memoryBytes,
        };
        if (JSON.stringify(before) !== JSON.stringify(next)) store.instances.setMirrorRuntime(agentId, row.id, next);
      }
    })();
  }

  applySnapshot(agentId: string, msg: SnapshotMessage): void {
    const announce = reconcileSnapshot(
      { ...this.deps, now: () => isoNow(this.deps.clock) },
      agentId,
      msg.instances,
      msg.jobs,
    );
    for (const publish of announce) publish();
  }

  private route(agentId: string, event: WSEventName, data: WSEventData<WSEventName>, job?: Job): void {
    switch (event) {
      case 'instance:created':
      case 'instance:updated':
        return this.upsertInstance(agentId, event, data as WSEventData<'instance:created' | 'instance:updated'>);
      case 'instance:status_changed':
        return this.statusChanged(agentId, data as WSEventData<'instance:status_changed'>);
      case 'instance:deleted':
        return this.deleted(agentId, data as WSEventData<'instance:deleted'>);
      case 'instance:log': {
        const log = data as WSEventData<'instance:log'>;
        this.ownInstance(agentId, log.instanceId);
        return this.deps.bus.publish('instance:log', log);
      }
      case 'system:error': {
        const error = data as WSEventData<'system:error'>;
        const message = `Host "${this.deps.nameOf(agentId)}": ${error.message}`;
        return this.deps.bus.publish('system:error', { ...error, message });
      }
      case 'agent:registered':
      case 'agent:heartbeat':
      case 'agent:offline':
        throw new Dropped('a host does not speak for agents: its own status travels in hello and heartbeats');
      default:
        return this.jobEvent(agentId, event, data as WSEventData<JobEventName>, job);
    }
  }

  private upsertInstance(
    agentId: string,
    event: 'instance:created' | 'instance:updated',
    data: WSEventData<'instance:created' | 'instance:updated'>,
  ): void {
    if (data.instance.id !== data.instanceId) throw new Dropped('instanceId and instance.id differ');
    const { store } = this.deps;
    if (!store.instances.upsertMirror(agentId, data.instance)) throw this.notOwn(data.instanceId);
    const instance = this.deps.dto(store.instances.get(data.instanceId)!);
    if (event === 'instance:created')
      this.deps.bus.publish(event, {
        instanceId: instance.id,
        instance,
        createdAt: (data as { createdAt: string }).createdAt,
      });
    else
      this.deps.bus.publish(event, {
        instanceId: instance.id,
        instance,
        updatedAt: (data as { updatedAt: string }).updatedAt,
      });
  }

  private statusChanged(agentId: string, data: WSEventData<'instance:status_changed'>): void {
    this.ownInstance(agentId, data.instanceId);
    this.deps.store.instances.setMirrorStatus(agentId, data.instanceId, data.status, data.changedAt);
    this.deps.bus.publish('instance:status_changed', data);
  }

  private deleted(agentId: string, data: WSEventData<'instance:deleted'>): void {
    this.ownInstance(agentId, data.instanceId);
    // Its jobs keep their history (instance_id becomes NULL); logs, schedules, backups records,
    // cluster membership (a column of the row) and notices go with the row, as for a local delete.
    this.deps.store.instances.deleteMirror(agentId, data.instanceId);
    this.deps.forgetLogs?.(data.instanceId);
    this.deps.bus.publish('instance:deleted', data);
  }

  private jobEvent(agentId: string, event: JobEventName, data: WSEventData<JobEventName>, job?: Job): void {
    const { store } = this.deps;
    const jobId = data.jobId;
    const known = store.jobs.get(jobId);
    if (known && known.agentId !== agentId) throw new Dropped(`job ${jobId} is not this host's`);
    if (job) {
      if (job.id !== jobId) throw new Dropped('jobId and job.id differ');
      if (!store.jobs.upsertMirror(this.ownJob(agentId, job))) throw new Dropped(`job ${jobId} is not this host's`);
    } else if (!known) {
      throw new Dropped(`job ${jobId} is unknown here and the event carries no job`);
    }
    const run = runPatchOf(event, data);
    if (run) store.jobs.upsertMirrorRun(run);
    const ended = job ? null : jobStatusOf(event, data);
    if (ended) store.jobs.setStatus(jobId, ended.status, ended.at, ended.error);
    this.publishJobEvent(agentId, event, data);
  }

  private publishJobEvent(agentId: string, event: JobEventName, data: WSEventData<JobEventName>): void {
    if (event === 'job:created') {
      const created = data as WSEventData<'job:created'>;
      this.deps.bus.publish(event, {
        ...created,
        agentId,
        instanceId: this.deps.store.jobs.get(created.jobId)!.instanceId,
      });
    } else {
      // Checked against the event's schema on arrival, and again by publish.
      this.deps.bus.publish(event as 'job:progress', data as WSEventData<'job:progress'>);
    }
  }

  /** The job as the mirror stores it: this host's, on one of its own servers (or on none). */
  private ownJob(agentId: string, job: Job): Job {
    if (job.instanceId === null) return { ...job, agentId };
    const owner = this.deps.store.instances.get(job.instanceId)?.agentId;
    if (owner !== undefined && owner !== agentId) throw this.notOwn(job.instanceId);
    // A server deleted meanwhile: the job keeps its history without it, as a local job would.
    return { ...job, agentId, instanceId: owner === undefined ? null : job.instanceId };
  }

  private ownInstance(agentId: string, instanceId: string): void {
    const record = this.deps.store.instances.get(instanceId);
    if (!record) throw new Dropped(`server ${instanceId} is unknown here`);
    if (record.agentId !== agentId) throw this.notOwn(instanceId);
  }

  private notOwn(instanceId: string): Dropped {
    return new Dropped(`server ${instanceId} is not this host's`);
  }
}

import os from 'node:os';
import { ErrorCode, type Agent, type WSEventData } from '@ark-asa/contracts';
import { isoNow, type Clock } from '../domain/clock.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { Logger } from '../logger.ts';
import type { Store } from '../store/index.ts';
import { HostMetricsSampler } from './host-metrics.ts';

export type InstanceMetrics = WSEventData<'agent:heartbeat'>['instances'];

export interface LocalAgentDeps {
  store: Store;
  bus: EventBus;
  logger: Logger;
  clock: Clock;
  version: string;
  dataRoot: () => string;
  heartbeatIntervalSec: () => number;
  /** Per-server process metrics for the heartbeat (the supervisor provides them). */
  instanceMetrics?: () => Promise<InstanceMetrics>;
  /**
   * A fixed id (the manager embedded in a remote agent: the id the control plane welcomed it as),
   * used and stored instead of the stored or a random one, so its records carry the agent's id.
   */
  localAgentId?: string;
}

const AGENT_ID_KEY = 'localAgentId';

/**
 * The agent that runs servers on this machine, inside the control plane's process. Its id is
 * stable per data directory, so instances stay attached to it across restarts.
 */
export class LocalAgent {
  readonly id: string;
  private timer: NodeJS.Timeout | null = null;
  private readonly sampler: HostMetricsSampler;
  private readonly logger: Logger;
  private online = false;
  private generation = 0;

  constructor(private readonly deps: LocalAgentDeps) {
    this.logger = deps.logger.child({ component: 'local-agent' });
    this.id = deps.localAgentId ? this.fixedId(deps.localAgentId) : this.storedId();
    this.sampler = new HostMetricsSampler(deps.dataRoot);
  }

  /** Registers (agent:registered) and starts heartbeating. */
  start(): void {
    this.register();
    void this.heartbeat(); // metrics right away, not one interval after start
    this.schedule();
  }

  /** Stops heartbeating and announces agent:offline. */
  stop(reason = 'The manager is shutting down'): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.online) return;
    this.online = false;
    this.deps.store.agents.setStatus(this.id, 'OFFLINE');
    this.deps.bus.publish('agent:offline', { agentId: this.id, reason, timestamp: isoNow(this.deps.clock) });
  }

  /** One heartbeat: sample, store, publish. A failure becomes a system:error, never a crash. */
  async heartbeat(): Promise<void> {
    try {
      const metrics = await this.sampler.sample();
      const instances = (await this.deps.instanceMetrics?.()) ?? [];
      const now = isoNow(this.deps.clock);
      // Re-register after the monitor marked us offline (e.g. the event loop was blocked for a while).
      if (!this.online || this.deps.store.agents.get(this.id)?.status === 'OFFLINE') this.register();
      this.deps.store.agents.recordHeartbeat(this.id, now, metrics);
      this.deps.bus.publish('agent:heartbeat', { agentId: this.id, metrics, instances, timestamp: now });
    } catch (err) {
      this.logger.error({ err }, 'heartbeat failed');
      this.deps.bus.publish('system:error', {
        code: ErrorCode.HEARTBEAT_FAILED,
        message: `The local agent could not collect host metrics: ${(err as Error).message}`,
        subjectId: this.id,
        timestamp: isoNow(this.deps.clock),
      });
    }
  }

  private register(): void {
    const now = isoNow(this.deps.clock);
    const agent: Agent = {
      id: this.id,
      name: `${os.hostname()} (this PC)`,
      kind: 'local',
      status: 'ONLINE',
      hostname: os.hostname(),
      platform: process.platform,
      version: this.deps.version,
      registeredAt: now,
      lastHeartbeatAt: null,
      metrics: this.deps.store.agents.get(this.id)?.metrics ?? null,
    };
    this.deps.store.agents.upsert(agent);
    this.online = true;
    this.deps.bus.publish('agent:registered', { agentId: this.id, agent, registeredAt: now });
  }

  /**
   * The interval setting changed: the next heartbeat comes one new interval from now, not when the
   * old interval ends (a remote agent's embedded manager starts at 10 s and learns its interval
   * from the control plane's welcome a moment later).
   */
  reschedule(): void {
    if (!this.timer) return;
    clearTimeout(this.timer);
    this.schedule();
  }

  /** setTimeout rather than setInterval: a slow sample never overlaps the next, and the interval setting applies live. */
  private schedule(): void {
    // A chain whose timer was replaced (reschedule) ends after its heartbeat in flight.
    const generation = ++this.generation;
    this.timer = setTimeout(() => {
      void this.heartbeat().finally(() => {
        if (this.timer && generation === this.generation) this.schedule();
      });
    }, this.deps.heartbeatIntervalSec() * 1000);
    this.timer.unref();
  }

  private storedId(): string {
    return this.deps.store.settings.get<string>(AGENT_ID_KEY) ?? this.fixedId(crypto.randomUUID());
  }

  private fixedId(id: string): string {
    if (this.deps.store.settings.get<string>(AGENT_ID_KEY) !== id)
      this.deps.store.settings.setMany({ [AGENT_ID_KEY]: id });
    return id;
  }
}

import {
  ErrorCode,
  type Agent,
  type AgentHeartbeat,
  type AgentHello,
  type AgentServerEvent,
  type AgentSettings,
  type CreatedAgent,
  type FieldError,
  type UpdateAgentBody,
} from '@ark-asa/contracts';
import type { AgentConfig, RemoteAgentBook, TokenOwner } from '../agents/remote/remote-agent-book.ts';
import { RemoteAgentRegistry } from '../agents/remote/remote-agent-registry.ts';
import { hashAgentToken, matchAgentToken, newAgentToken } from '../domain/agent-token.ts';
import { AppError } from '../domain/app-error.ts';
import { isoNow, type Clock } from '../domain/clock.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { Logger } from '../logger.ts';
import type { Store } from '../store/index.ts';

export interface RemoteAgentsDeps {
  store: Store;
  bus: EventBus;
  clock: Clock;
  logger: Logger;
  heartbeatIntervalSec: () => number;
  /** Applies the servers' events and snapshots of remote hosts to this store (RemoteMirror). */
  mirror?: {
    apply(agentId: string, event: AgentServerEvent): void;
    heartbeat(agentId: string, instances: AgentHeartbeat['instances']): void;
  };
  /**
   * A host's embedded manager is up: its snapshot arrived (sent after every welcome, once that
   * manager runs, so it answers REST calls from now on). Settings pushed by REST go then.
   */
  hostReady?: (agentId: string) => void;
}

/**
 * Remote hosts (docs/agent-channel.md): adding, renaming, configuring and revoking them, and the
 * records behind their channel (the registry calls back here on hello, heartbeat and disconnect,
 * and this decides, persists and publishes).
 */
export class RemoteAgentsService implements RemoteAgentBook {
  readonly registry: RemoteAgentRegistry;

  constructor(private readonly deps: RemoteAgentsDeps) {
    this.registry = new RemoteAgentRegistry({
      book: this,
      logger: deps.logger,
      heartbeatIntervalSec: deps.heartbeatIntervalSec,
    });
    // Nothing is connected before this process listens, whatever the previous run recorded.
    deps.store.agents.markRemoteOffline();
  }

  create(name: string): CreatedAgent {
    this.assertNameFree(name, null);
    const token = newAgentToken();
    const id = crypto.randomUUID();
    this.deps.store.agents.createRemote({ id, name, tokenHash: hashAgentToken(token), registeredAt: this.now() });
    return { agent: this.get(id), token };
  }

  update(id: string, body: UpdateAgentBody): Agent {
    const agent = this.get(id);
    if (agent.kind === 'local') {
      const fields: FieldError[] = [];
      if (body.name !== undefined) fields.push({ field: 'name', message: 'The local agent is named after this PC' });
      if (body.settings !== undefined) {
        fields.push({
          field: 'settings',
          message: 'The local agent uses the manager settings: change them with PATCH /api/v1/settings',
        });
      }
      throw AppError.validation(fields);
    }
    if (body.name !== undefined) {
      this.assertNameFree(body.name, id);
      this.deps.store.agents.rename(id, body.name);
    }
    if (body.settings !== undefined) {
      const settings: AgentSettings = { ...agent.settings!, ...body.settings };
      this.deps.store.agents.setSettings(id, settings);
    }
    const updated = this.get(id);
    this.registry.configure(id, { name: updated.name, settings: updated.settings! });
    return updated;
  }

  /** Always allowed for a remote host, servers or not: revoking a compromised host cannot wait. */
  revoke(id: string): Agent {
    const agent = this.get(id);
    if (agent.kind === 'local') throw new AppError(ErrorCode.CONFLICT, 'The local agent (this PC) cannot be revoked');
    this.deps.store.agents.revoke(id, this.now());
    if (agent.status === 'ONLINE') this.publishOffline(id, 'The host was revoked');
    this.registry.revoke(id);
    return this.get(id);
  }

  /** Pushes the heartbeat interval (a manager setting) to every connected host. */
  reconfigureAll(): void {
    for (const id of this.registry.connectedIds()) {
      const agent = this.deps.store.agents.get(id);
      if (agent?.settings) this.registry.configure(id, { name: agent.name, settings: agent.settings });
    }
  }

  // ------------------------------------------------------------ RemoteAgentBook

  ownerOf(token: string): TokenOwner {
    const match = matchAgentToken(token, this.deps.store.agents.credentials());
    return match ? { agentId: match.id, revoked: match.revoked } : null;
  }

  nameOf(agentId: string): string {
    return this.deps.store.agents.get(agentId)?.name ?? agentId;
  }

  connected(agentId: string, hello: AgentHello): AgentConfig {
    const agent = this.get(agentId);
    // Never connected before: the agent's --name, when given, names the host (a later PATCH wins).
    if (agent.hostname === '' && hello.name && hello.name !== agent.name && this.nameFree(hello.name, agentId)) {
      this.deps.store.agents.rename(agentId, hello.name);
    }
    const settings = withDefaults(agent.settings!, hello.defaults);
    this.deps.store.agents.setSettings(agentId, settings);
    const identity = { hostname: hello.hostname, platform: hello.platform, version: hello.version };
    this.deps.store.agents.recordConnected(agentId, identity, this.now());
    this.publishRegistered(agentId);
    return { name: this.nameOf(agentId), settings };
  }

  heartbeat(agentId: string, heartbeat: AgentHeartbeat): void {
    // The stale-agent monitor may have marked it offline while a heartbeat was late: it is back.
    if (this.deps.store.agents.setStatusIf(agentId, 'OFFLINE', 'ONLINE')) this.publishRegistered(agentId);
    // Our clock, not the agent's: staleness is judged against it.
    const now = this.now();
    // The host row, its servers' runtime and (through the event) the metric history in ONE commit
    // that does not wait for the disk: a heartbeat is replaced by the next one within an interval,
    // and with 20 hosts three fsynced commits each stalled the event loop until the watchdog cut
    // hosts off under load (npm run bench:agents).
    this.deps.store.writeLazily(() => {
      this.deps.store.agents.recordHeartbeat(agentId, now, heartbeat.metrics);
      try {
        this.deps.mirror?.heartbeat(agentId, heartbeat.instances);
      } catch (err) {
        this.deps.logger.error({ err, agentId }, 'recording the servers of a host heartbeat failed');
      }
      this.deps.bus.publish('agent:heartbeat', {
        agentId,
        metrics: heartbeat.metrics,
        instances: heartbeat.instances,
        timestamp: now,
      });
    });
  }

  serverEvent(agentId: string, event: AgentServerEvent): void {
    this.mirrorEvent(agentId, event);
    if (event.kind !== 'snapshot' || !this.deps.hostReady) return;
    try {
      this.deps.hostReady(agentId);
    } catch (err) {
      this.deps.logger.error({ err, agentId }, 'bringing the settings of a host up to date failed');
    }
  }

  disconnected(agentId: string, reason: string): void {
    if (this.deps.store.agents.setStatusIf(agentId, 'ONLINE', 'OFFLINE')) this.publishOffline(agentId, reason);
  }

  // ------------------------------------------------------------ helpers

  private mirrorEvent(agentId: string, event: AgentServerEvent): void {
    if (!this.deps.mirror) {
      this.deps.logger.debug({ agentId, kind: event.kind }, 'server event from a host');
      return;
    }
    try {
      this.deps.mirror.apply(agentId, event);
    } catch (err) {
      // One bad event (a full disk, a bug) must not take the host's channel down with it.
      this.deps.logger.error({ err, agentId, kind: event.kind }, 'applying a server event of a host failed');
    }
  }

  private get(id: string): Agent {
    const agent = this.deps.store.agents.get(id);
    if (!agent) throw AppError.notFound('Agent', id);
    return agent;
  }

  private publishRegistered(agentId: string): void {
    const agent = this.get(agentId);
    this.deps.bus.publish('agent:registered', { agentId, agent, registeredAt: this.now() });
  }

  private publishOffline(agentId: string, reason: string): void {
    this.deps.bus.publish('agent:offline', { agentId, reason, timestamp: this.now() });
  }

  private nameFree(name: string, exceptId: string | null): boolean {
    const lower = name.toLowerCase();
    return !this.deps.store.agents
      .list()
      .some((a) => a.id !== exceptId && !a.revokedAt && a.name.toLowerCase() === lower);
  }

  private assertNameFree(name: string, exceptId: string | null): void {
    if (!this.nameFree(name, exceptId)) {
      throw new AppError(ErrorCode.CONFLICT, `A host named "${name}" already exists: choose another name`);
    }
  }

  private now(): string {
    return isoNow(this.deps.clock);
  }
}

/** Settings the control plane has not set take the agent's command-line defaults. */
function withDefaults(settings: AgentSettings, defaults: Partial<AgentSettings>): AgentSettings {
  return {
    steamcmdPath: settings.steamcmdPath ?? defaults.steamcmdPath ?? null,
    dataRoot: settings.dataRoot ?? defaults.dataRoot ?? null,
  };
}

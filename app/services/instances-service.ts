import { randomUUID } from 'node:crypto';
import {
  ErrorCode,
  type CreateInstanceBody,
  type Instance,
  type InstanceAttention,
  type InstanceRuntime,
  type InstanceStatus,
  type UpdateInstanceBody,
} from '@ark-asa/contracts';
import { readLatestBuild } from '../agents/builds/latest-build.ts';
import { AppError } from '../domain/app-error.ts';
import { isoNow, type Clock } from '../domain/clock.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { InstanceRecord, Store } from '../store/index.ts';
import { toInstanceDto, withUpdateAvailable } from './instance-dto.ts';
import { instanceJson, MaskedSettingsCache } from './instance-list-json.ts';
import { checkPortConflicts, generatePassword, mergeSettings } from './instance-validation.ts';

/** What happens on disk when an instance is created or deleted (the lifecycle issue lays it out). */
export interface InstanceFiles {
  /** Lays out the instance directory on its build; returns the directory. */
  create(instance: InstanceRecord): Promise<string | null>;
  remove(instance: InstanceRecord): Promise<void>;
}

export interface InstancesServiceDeps {
  store: Store;
  bus: EventBus;
  clock: Clock;
  agentId: () => string;
  files?: InstanceFiles;
  runtime?: (id: string) => InstanceRuntime | null;
  /** What the user must decide about the instance (a process that may be its server), or null. */
  attention?: (id: string) => InstanceAttention | null;
  /** True while a job holds the instance's power lock. */
  isBusy?: (id: string) => boolean;
  /** Drops the per-instance log state when an instance is deleted. */
  forgetLogs?: (id: string) => void;
}

/** Statuses in which a process may exist: the instance cannot be deleted then. */
const LIVE: InstanceStatus[] = ['STARTING', 'RUNNING', 'STOPPING', 'UPDATING'];

export class InstancesService {
  /** Deletions under way: a second DELETE of the same instance is a 404, not a second event. */
  private readonly deleting = new Set<string>();
  private readonly maskedSettings = new MaskedSettingsCache();

  constructor(private readonly deps: InstancesServiceDeps) {}

  /**
   * One read transaction, and the cluster memberships and the served build read once per page, not
   * per row: a page of 20 instances used to run 61 statements, and each statement outside a
   * transaction takes and releases SQLite's WAL read lock by itself (a few syscalls, about 8 µs).
   */
  list(limit: number, cursor?: string): { items: Instance[]; nextCursor: string | null } {
    const { store } = this.deps;
    return store.db.transaction(() => {
      const page = store.instances.list(limit, cursor);
      const clusters = store.clusters.memberships();
      const served = readLatestBuild(store).latestBuildId;
      const items = page.items.map((r) => this.dtoWith(r, clusters.get(r.id) ?? null, served));
      return { items, nextCursor: page.nextCursor };
    })();
  }

  /**
   * `list` as the JSON the REST route sends, kept while the instances' rows, the settings (the build
   * Steam serves) and what the supervisor knows of each server (its runtime and attention, part of
   * the key) are unchanged.
   */
  listJson(limit: number, cursor?: string): Buffer {
    const { store } = this.deps;
    const live = store.instances.ids().flatMap((id) => {
      const runtime = this.deps.runtime?.(id) ?? null;
      const attention = this.deps.attention?.(id) ?? null;
      return runtime || attention ? [[id, runtime, attention]] : [];
    });
    const key = `instances:${limit}:${cursor ?? ''}:${JSON.stringify(live)}`;
    return store.pages.get(key, ['instances', 'settings'], () => this.buildListJson(limit, cursor));
  }

  /**
   * `list` as JSON text, byte for byte JSON.stringify of `list`'s result (instances-list.test.ts),
   * with each instance's masked settings written once per stored text.
   */
  private buildListJson(limit: number, cursor?: string): string {
    const { store } = this.deps;
    return store.db.transaction(() => {
      const page = store.instances.listStored(limit, cursor);
      const clusters = store.clusters.memberships();
      const servedBuildId = readLatestBuild(store).latestBuildId;
      const items = page.items.map((r) => {
        const clusterId = clusters.get(r.id) ?? null;
        if (r.remoteView) return JSON.stringify({ ...r.remoteView, agentId: r.agentId, status: r.status, clusterId });
        const runtime = this.deps.runtime?.(r.id) ?? null;
        const attention = this.deps.attention?.(r.id) ?? null;
        const settings = this.maskedSettings.jsonOf(r.id, r.settingsText);
        return instanceJson(r, settings, { runtime, attention, clusterId, servedBuildId });
      });
      return `{"items":[${items.join(',')}],"nextCursor":${JSON.stringify(page.nextCursor)}}`;
    })();
  }

  get(id: string): Instance {
    return this.dto(this.record(id));
  }

  /**
   * The host of an instance, null for an unknown id: for callers that need only that on every
   * request (which host answers a call), without `record`'s read and JSON.parse of the settings.
   */
  agentIdOf(id: string): string | null {
    return this.deps.store.instances.agentIdOf(id);
  }

  record(id: string): InstanceRecord {
    const r = this.deps.store.instances.get(id);
    if (!r) throw AppError.notFound('Instance', id);
    return r;
  }

  async create(body: CreateInstanceBody): Promise<Instance> {
    const { store, clock } = this.deps;
    const agentId = this.deps.agentId();
    // Another host's servers are created by that host (app/http/agent-forwarding.ts sends them there).
    if (body.agentId !== undefined && body.agentId !== agentId) {
      throw AppError.validation([{ field: 'agentId', message: `Host ${body.agentId} is not this PC` }]);
    }
    const settings = { ...body.settings, adminPassword: body.settings.adminPassword || generatePassword() };
    checkPortConflicts(
      settings,
      store.instances.listAll().filter((o) => o.agentId === agentId),
    );
    const build = body.buildId ? store.builds.get(body.buildId) : store.builds.newest();
    if (body.buildId && !build) {
      throw AppError.validation([
        { field: 'buildId', message: `Build ${body.buildId} is not installed; install it first` },
      ]);
    }
    const now = isoNow(clock);
    const record: InstanceRecord = {
      id: randomUUID(),
      name: body.name,
      agentId,
      status: build ? 'STOPPED' : 'NOT_INSTALLED',
      buildId: build?.buildId ?? null,
      installPath: null,
      settings,
      process: null,
      createdAt: now,
      updatedAt: now,
    };
    store.instances.insert(record);
    if (build && this.deps.files) {
      try {
        record.installPath = await this.deps.files.create(record);
      } catch (err) {
        store.instances.delete(record.id);
        throw err;
      }
      store.instances.update(record);
    }
    const dto = this.dto(record);
    this.deps.bus.publish('instance:created', { instanceId: record.id, instance: dto, createdAt: now });
    return dto;
  }

  update(id: string, body: UpdateInstanceBody): Instance {
    const current = this.record(id);
    if (body.clusterId && !this.deps.store.clusters.get(body.clusterId)) {
      throw AppError.validation([{ field: 'clusterId', message: `No cluster has the id ${body.clusterId}` }]);
    }
    const settings = body.settings ? mergeSettings(current.settings, body.settings) : current.settings;
    if (body.settings?.gamePort !== undefined || body.settings?.rconPort !== undefined) {
      checkPortConflicts(
        settings,
        this.deps.store.instances.listAll().filter((o) => o.id !== id && o.agentId === current.agentId),
      );
    }
    const now = isoNow(this.deps.clock);
    const next: InstanceRecord = { ...current, name: body.name ?? current.name, settings, updatedAt: now };
    this.deps.store.instances.update(next);
    // Joining or leaving applies from the next start: a running server keeps its command line.
    if (body.clusterId !== undefined) this.deps.store.clusters.setMembership(id, body.clusterId);
    const dto = this.dto(next);
    this.deps.bus.publish('instance:updated', { instanceId: id, instance: dto, updatedAt: now });
    return dto;
  }

  async delete(id: string): Promise<void> {
    if (this.deleting.has(id)) throw AppError.notFound('Instance', id);
    const current = this.record(id);
    if (LIVE.includes(current.status) || this.deps.isBusy?.(id)) {
      throw new AppError(
        ErrorCode.CONFLICT,
        `"${current.name}" is ${current.status.toLowerCase()}; stop it before deleting it`,
      );
    }
    // Claimed before the first await: parallel requests all read the record before any removes it.
    this.deleting.add(id);
    try {
      // A remote server's files are on its host, never here (its installPath is a path over there).
      if (current.agentId === this.deps.agentId()) await this.deps.files?.remove(current);
      this.deps.forgetLogs?.(id);
      this.deps.store.instances.delete(id);
      this.maskedSettings.forget(id);
    } finally {
      this.deleting.delete(id);
    }
    this.deps.bus.publish('instance:deleted', { instanceId: id, deletedAt: isoNow(this.deps.clock) });
  }

  /** Publishes instance:updated after a change made outside this service (a build switch). */
  announceUpdated(id: string): void {
    const dto = this.get(id);
    this.deps.bus.publish('instance:updated', { instanceId: id, instance: dto, updatedAt: dto.updatedAt });
  }

  /** Steam now serves another build: every instance's `updateAvailable` may have changed. */
  announceAll(): void {
    // The build Steam serves is news to this host's servers only: a remote host checks its own.
    for (const r of this.deps.store.instances.listByAgent(this.deps.agentId())) this.announceUpdated(r.id);
  }

  dto(r: InstanceRecord): Instance {
    const { store } = this.deps;
    return this.dtoWith(r, store.clusters.clusterIdOf(r.id), readLatestBuild(store).latestBuildId);
  }

  private dtoWith(r: InstanceRecord, clusterId: string | null, servedBuildId: string | null): Instance {
    // A remote agent's server is what that agent last reported (its runtime, attention and build
    // offer are its own); membership of a cluster is this control plane's.
    if (r.remoteView) return { ...r.remoteView, agentId: r.agentId, status: r.status, clusterId };
    const dto = {
      ...toInstanceDto(r, this.deps.runtime?.(r.id) ?? null),
      clusterId,
      attention: this.deps.attention?.(r.id) ?? null,
    };
    return withUpdateAvailable(dto, servedBuildId);
  }
}

import { randomBytes, randomUUID } from 'node:crypto';
import {
  ErrorCode,
  TransferRules,
  type Cluster,
  type ClusterBackup,
  type CreateClusterBody,
  type Job,
  type PutClusterBody,
  type StartClusterBody,
  type StopInstanceBody,
  type UpdateClusterBody,
} from '@ark-asa/contracts';
import { backupClusterDir, clusterBackupDir } from '../agents/clusters/cluster-backup.ts';
import { AppError } from '../domain/app-error.ts';
import { isoNow, type Clock } from '../domain/clock.ts';
import { clusterDirFor, type ClusterLaunch } from '../domain/cluster-args.ts';
import { STARTABLE_STATUSES } from '../domain/instance-state.ts';
import type { JobRunner } from '../jobs/job-runner.ts';
import type { ClusterRecord, InstanceRecord, Store } from '../store/index.ts';
import type { InstancesService } from './instances-service.ts';
import type { LifecycleService } from './lifecycle-service.ts';

export interface ClustersServiceDeps {
  store: Store;
  clock: Clock;
  runner: JobRunner;
  dataRoot: () => string;
  instances: InstancesService;
  lifecycle: LifecycleService;
  /** This PC's agent: it runs every member's job, relaying to the host for a member elsewhere. */
  localAgentId: () => string;
  /** Whether a host with this agent id exists (a folder is given per host). */
  hostExists: (agentId: string) => boolean;
  /** A cluster's definition changed: the hosts of its members get it (ClusterHosts). */
  changed?: (clusterId: string) => void;
  /** The remote hosts (not revoked): any may hold a copy of a cluster, kept after its members left. */
  remoteHostIds?: () => string[];
  /** A cluster was deleted: the hosts delete their copies (ClusterHosts). */
  deleted?: (clusterId: string) => void;
}

/**
 * Whether a member has server files to start: a build here, its own folder (an in-place import), or,
 * for a server on a host, a build there (a mirror row keeps no build id: builds live on the host).
 */
const hasServer = (r: InstanceRecord): boolean =>
  Boolean(r.buildId) || r.inPlace === true || Boolean(r.remoteView?.buildId);

/** Default pause between two members' starts: one map finishes loading before the next begins. */
const DEFAULT_GAP_SECONDS = 30;

/**
 * Clusters: servers that share one random `-clusterid` and one `-ClusterDirOverride` folder under
 * the data root, with one set of transfer rules, started one after another (docs/clusters.md).
 * Members may run on remote hosts: each host holds a copy of the cluster with its own folder
 * (ClusterHosts), and the member's jobs run here and are relayed (docs/clusters.md#clusters-across-hosts).
 */
export class ClustersService {
  constructor(private readonly deps: ClustersServiceDeps) {}

  list(): { items: Cluster[] } {
    return { items: this.deps.store.clusters.list().map((c) => this.dto(c)) };
  }

  get(id: string): Cluster {
    return this.dto(this.record(id));
  }

  create(body: CreateClusterBody): Cluster {
    const id = randomUUID();
    const clusterDir = clusterDirFor(this.deps.dataRoot(), id);
    const now = isoNow(this.deps.clock);
    const record: ClusterRecord = {
      id,
      name: body.name,
      // 96 random bits: another community cannot guess it and mix its transfers into ours.
      gameClusterId: randomBytes(12).toString('hex'),
      clusterDir,
      folders: {},
      transferRules: TransferRules.parse(body.transferRules ?? {}),
      createdAt: now,
      updatedAt: now,
    };
    this.deps.store.clusters.insert(record);
    return this.dto(record);
  }

  update(id: string, body: UpdateClusterBody): Cluster {
    const current = this.record(id);
    const next: ClusterRecord = {
      ...current,
      name: body.name ?? current.name,
      folders: this.foldersAfter(current.folders, body.folders),
      transferRules: { ...current.transferRules, ...body.transferRules },
      updatedAt: isoNow(this.deps.clock),
    };
    this.deps.store.clusters.update(next);
    this.announceMembers(id);
    this.deps.changed?.(id);
    return this.dto(next);
  }

  /**
   * Creates or replaces a cluster under a given id and game cluster id: how a control plane defines
   * its cluster on this host for the members that run here, and how a user adopts a cluster id that
   * other servers already use. Members keep their membership; the change applies from their next start.
   */
  put(id: string, body: PutClusterBody): Cluster {
    const current = this.deps.store.clusters.get(id);
    const holder = this.deps.store.clusters.list().find((c) => c.gameClusterId === body.gameClusterId && c.id !== id);
    if (holder) {
      // Two clusters with one game id would see each other's uploads: they would be one cluster.
      const message = `The cluster "${holder.name}" already uses this game cluster id`;
      throw AppError.validation([{ field: 'gameClusterId', message }]);
    }
    const now = isoNow(this.deps.clock);
    const record: ClusterRecord = {
      id,
      name: body.name,
      gameClusterId: body.gameClusterId,
      clusterDir: body.clusterDir ?? clusterDirFor(this.deps.dataRoot(), id),
      folders: current?.folders ?? {},
      transferRules: TransferRules.parse(body.transferRules ?? {}),
      createdAt: current?.createdAt ?? now,
      updatedAt: now,
    };
    if (current) this.deps.store.clusters.update(record);
    else this.deps.store.clusters.insert(record);
    if (current) this.announceMembers(id);
    return this.dto(record);
  }

  /** Refused while servers belong to it: its folder holds their players' uploads, so they leave first. */
  delete(id: string): void {
    const current = this.record(id);
    const members = this.deps.store.clusters.members(id);
    if (members.length > 0) {
      throw new AppError(
        ErrorCode.CONFLICT,
        `"${current.name}" still has ${members.length} server(s); move them out of the cluster first`,
      );
    }
    this.deps.store.clusters.delete(id, this.deps.remoteHostIds?.() ?? []);
    this.deps.deleted?.(id);
  }

  clusterIdOf(instanceId: string): string | null {
    return this.deps.store.clusters.clusterIdOf(instanceId);
  }

  /** What the supervisor puts on a member's command line. */
  launchOf(instanceId: string): ClusterLaunch | null {
    const clusterId = this.clusterIdOf(instanceId);
    const c = clusterId ? this.deps.store.clusters.get(clusterId) : null;
    return c ? { gameClusterId: c.gameClusterId, clusterDir: this.localDir(c), transferRules: c.transferRules } : null;
  }

  /**
   * One START_INSTANCE job per stopped member, each waiting for the one before it plus the gap:
   * loading several maps at once can exhaust a home server's memory.
   */
  start(id: string, body: StartClusterBody): { jobs: Job[] } {
    const startable = this.memberRecords(id).filter((r) => hasServer(r) && STARTABLE_STATUSES.includes(r.status));
    if (startable.length === 0) throw new AppError(ErrorCode.INVALID_STATE, 'No member of this cluster can be started');
    const gapSeconds = body.gapSeconds ?? DEFAULT_GAP_SECONDS;
    const jobs: Job[] = [];
    for (const member of startable) {
      const prev = jobs.at(-1);
      const params = prev ? { afterJobId: prev.id, gapSeconds } : {};
      jobs.push(this.relayable('START_INSTANCE', member.id, params));
    }
    return { jobs };
  }

  /** Every member at once, with the same countdown and warnings. */
  stop(id: string, body: StopInstanceBody): { jobs: Job[] } {
    return {
      jobs: this.memberRecords(id).map((r) =>
        this.isLocal(r.agentId) ? this.deps.lifecycle.stop(r.id, body) : this.relayable('STOP_INSTANCE', r.id, body),
      ),
    };
  }

  restart(id: string, body: StopInstanceBody): { jobs: Job[] } {
    const members = this.memberRecords(id).filter(hasServer);
    return {
      jobs: members.map((r) =>
        this.isLocal(r.agentId)
          ? this.deps.lifecycle.restart(r.id, body)
          : this.relayable('RESTART_INSTANCE', r.id, body),
      ),
    };
  }

  async backup(id: string): Promise<ClusterBackup> {
    const c = this.record(id);
    const createdAt = isoNow(this.deps.clock);
    const target = clusterBackupDir(this.deps.dataRoot(), id);
    const { file, sizeBytes } = await backupClusterDir(this.localDir(c), target, createdAt);
    return { file, sizeBytes, createdAt };
  }

  /**
   * A member's job runs on this PC's runner whichever host the member is on: for a member elsewhere
   * it asks that host and follows the host's job, so one chain orders a start across hosts.
   */
  private relayable(type: Job['type'], instanceId: string, params: Record<string, unknown>): Job {
    return this.deps.runner.enqueue({ type, instanceId, agentId: this.deps.localAgentId(), params });
  }

  private isLocal(agentId: string): boolean {
    return agentId === this.deps.localAgentId();
  }

  /** The folder this PC's members use: the one given for this PC, else the default under the data root. */
  private localDir(c: ClusterRecord): string {
    return c.folders[this.deps.localAgentId()] ?? c.clusterDir;
  }

  /** Folders merged with a PATCH's: null removes a host's; an unknown host is a 400 naming it. */
  private foldersAfter(current: Record<string, string>, patch: UpdateClusterBody['folders']): Record<string, string> {
    const next = { ...current };
    for (const [agentId, folder] of Object.entries(patch ?? {})) {
      if (!this.deps.hostExists(agentId)) {
        throw AppError.validation([{ field: `folders.${agentId}`, message: `No host has the id ${agentId}` }]);
      }
      if (folder === null) delete next[agentId];
      else next[agentId] = folder;
    }
    return next;
  }

  private memberRecords(id: string) {
    this.record(id);
    const members = this.deps.store.clusters.members(id).map((m) => this.deps.instances.record(m));
    if (members.length === 0) throw new AppError(ErrorCode.INVALID_STATE, 'This cluster has no servers yet');
    return members;
  }

  private announceMembers(id: string): void {
    for (const member of this.deps.store.clusters.members(id)) this.deps.instances.announceUpdated(member);
  }

  private record(id: string): ClusterRecord {
    const c = this.deps.store.clusters.get(id);
    if (!c) throw AppError.notFound('Cluster', id);
    return c;
  }

  private dto(c: ClusterRecord): Cluster {
    return { ...c, clusterDir: this.localDir(c), members: this.deps.store.clusters.members(c.id) };
  }
}

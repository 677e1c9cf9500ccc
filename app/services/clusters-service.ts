import { randomBytes, randomUUID } from 'node:crypto';
import {
  ErrorCode,
  TransferRules,
  type Cluster,
  type ClusterBackup,
  type CreateClusterBody,
  type Job,
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
import type { ClusterRecord, Store } from '../store/index.ts';
import type { InstancesService } from './instances-service.ts';
import type { LifecycleService } from './lifecycle-service.ts';

export interface ClustersServiceDeps {
  store: Store;
  clock: Clock;
  runner: JobRunner;
  dataRoot: () => string;
  instances: InstancesService;
  lifecycle: LifecycleService;
}

/** Default pause between two members' starts: one map finishes loading before the next begins. */
const DEFAULT_GAP_SECONDS = 30;

/**
 * Clusters: servers that share one random `-clusterid` and one `-ClusterDirOverride` folder under
 * the data root, with one set of transfer rules, started one after another (docs/clusters.md).
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
      transferRules: { ...current.transferRules, ...body.transferRules },
      updatedAt: isoNow(this.deps.clock),
    };
    this.deps.store.clusters.update(next);
    this.announceMembers(id);
    return this.dto(next);
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
    this.deps.store.clusters.delete(id);
  }

  clusterIdOf(instanceId: string): string | null {
    return this.deps.store.clusters.clusterIdOf(instanceId);
  }

  /** What the supervisor puts on a member's command line. */
  launchOf(instanceId: string): ClusterLaunch | null {
    const clusterId = this.clusterIdOf(instanceId);
    const c = clusterId ? this.deps.store.clusters.get(clusterId) : null;
    return c ? { gameClusterId: c.gameClusterId, clusterDir: c.clusterDir, transferRules: c.transferRules } : null;
  }

  /**
   * One START_INSTANCE job per stopped member, each waiting for the one before it plus the gap:
   * loading several maps at once can exhaust a home server's memory.
   */
  start(id: string, body: StartClusterBody): { jobs: Job[] } {
    const startable = this.memberRecords(id).filter((r) => r.buildId && STARTABLE_STATUSES.includes(r.status));
    if (startable.length === 0) throw new AppError(ErrorCode.INVALID_STATE, 'No member of this cluster can be started');
    const gapSeconds = body.gapSeconds ?? DEFAULT_GAP_SECONDS;
    const jobs: Job[] = [];
    for (const member of startable) {
      const prev = jobs.at(-1);
      const params = prev ? { afterJobId: prev.id, gapSeconds } : {};
      jobs.push(
        this.deps.runner.enqueue({ type: 'START_INSTANCE', instanceId: member.id, agentId: member.agentId, params }),
      );
    }
    return { jobs };
  }

  /** Every member at once, with the same countdown and warnings. */
  stop(id: string, body: StopInstanceBody): { jobs: Job[] } {
    return { jobs: this.memberRecords(id).map((r) => this.deps.lifecycle.stop(r.id, body)) };
  }

  restart(id: string, body: StopInstanceBody): { jobs: Job[] } {
    const members = this.memberRecords(id).filter((r) => r.buildId);
    return { jobs: members.map((r) => this.deps.lifecycle.restart(r.id, body)) };
  }

  async backup(id: string): Promise<ClusterBackup> {
    const c = this.record(id);
    const createdAt = isoNow(this.deps.clock);
    const target = clusterBackupDir(this.deps.dataRoot(), id);
    const { file, sizeBytes } = await backupClusterDir(c.clusterDir, target, createdAt);
    return { file, sizeBytes, createdAt };
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
    return { ...c, members: this.deps.store.clusters.members(c.id) };
  }
}

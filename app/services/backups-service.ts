import type { Job } from '@ark-asa/contracts';
import type { Backup, BackupKind, BackupList, BackupPolicy, CreateBackupBody } from '@ark-asa/contracts';
import { assertRestorable, toBackupDto, type BackupManager } from '../agents/backups/backup-manager.ts';
import { AppError } from '../domain/app-error.ts';
import { isoNow, type Clock } from '../domain/clock.ts';
import type { EnqueueRequest } from '../jobs/job-runner.ts';
import type { BackupsRepo } from '../store/backups-repo.ts';
import type { PageCache } from '../store/page-cache.ts';
import type { InstanceRecord } from '../store/index.ts';

export interface BackupsServiceDeps {
  /** The instance or a 404 (InstancesService.record). */
  instance(id: string): InstanceRecord;
  runner: { enqueue(req: EnqueueRequest): Job };
  isRunning(instanceId: string): boolean;
  manager: Pick<BackupManager, 'backup' | 'remove' | 'file'>;
  repo: BackupsRepo;
  /** The store's kept list pages (Store.pages). */
  pages: PageCache;
  clock: Clock;
}

/** Backups for the REST layer: taking and restoring are jobs (202); listing, policy and delete answer directly. */
export class BackupsService {
  /** Deletions under way: a second DELETE of the same backup is a 404 while the first runs. */
  private readonly deleting = new Set<string>();

  constructor(private readonly deps: BackupsServiceDeps) {}

  list(instanceId: string, limit: number, cursor?: string): BackupList {
    this.deps.instance(instanceId);
    const page = this.deps.repo.list(instanceId, limit, cursor);
    return { items: page.items.map(toBackupDto), nextCursor: page.nextCursor };
  }

  /**
   * `list` as the JSON text the REST route sends. The instance is read only for an empty page: a
   * backup row exists only while its instance does (foreign key, ON DELETE CASCADE), so any row is
   * proof enough, and reading the record (its settings parsed) on every page cost more than the page.
   */
  listJson(instanceId: string, limit: number, cursor?: string): Buffer {
    const key = `backups:${instanceId}:${limit}:${cursor ?? ''}`;
    return this.deps.pages.get(key, ['backups', 'instances'], () => {
      const page = this.deps.repo.listJson(instanceId, limit, cursor);
      if (page.count === 0) this.deps.instance(instanceId);
      return page.text;
    });
  }

  get(instanceId: string, backupId: string): Backup {
    this.deps.instance(instanceId);
    return toBackupDto(this.deps.manager.backup(instanceId, backupId));
  }

  /** Queues BACKUP_INSTANCE; `scheduled` is for the scheduler, the pre-* kinds are taken inside their jobs. */
  create(
    instanceId: string,
    body: CreateBackupBody,
    kind: Extract<BackupKind, 'manual' | 'scheduled'> = 'manual',
  ): Job {
    const record = this.deps.instance(instanceId);
    const params = body.note ? { kind, note: body.note } : { kind };
    return this.deps.runner.enqueue({ type: 'BACKUP_INSTANCE', instanceId, agentId: record.agentId, params });
  }

  /**
   * Queues RESTORE_BACKUP after checking now what the job checks again under the lock, so a client
   * hears 404 or 409 at once instead of from a failed job.
   */
  restore(instanceId: string, backupId: string): Job {
    const record = this.deps.instance(instanceId);
    this.deps.manager.backup(instanceId, backupId);
    assertRestorable(record, this.deps.isRunning(instanceId));
    return this.deps.runner.enqueue({
      type: 'RESTORE_BACKUP',
      instanceId,
      agentId: record.agentId,
      params: { backupId },
    });
  }

  async delete(instanceId: string, backupId: string): Promise<void> {
    this.deps.instance(instanceId);
    if (this.deleting.has(backupId)) throw AppError.notFound('Backup', backupId);
    this.deps.manager.backup(instanceId, backupId);
    // Claimed before the first await, so parallel requests cannot all pass the existence check.
    this.deleting.add(backupId);
    try {
      await this.deps.manager.remove(instanceId, backupId);
    } finally {
      this.deleting.delete(backupId);
    }
  }

  /** Where the archive is, for the download route (404 when the record or its file is missing). */
  async download(instanceId: string, backupId: string): Promise<{ path: string; fileName: string; sizeBytes: number }> {
    this.deps.instance(instanceId);
    const backup = await this.deps.manager.file(instanceId, backupId);
    return { path: backup.filePath, fileName: backup.fileName, sizeBytes: backup.sizeBytes };
  }

  policy(instanceId: string): BackupPolicy {
    this.deps.instance(instanceId);
    return this.deps.repo.policy(instanceId);
  }

  setPolicy(instanceId: string, policy: BackupPolicy): BackupPolicy {
    this.deps.instance(instanceId);
    this.deps.repo.setPolicy(instanceId, policy, isoNow(this.deps.clock));
    return this.deps.repo.policy(instanceId);
  }
}

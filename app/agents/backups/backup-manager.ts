import { randomUUID } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { ErrorCode } from '@ark-asa/contracts';
import type { Backup, BackupJobResult, BackupKind, RestoreResult } from '@ark-asa/contracts';
import { AppError, isAppError } from '../../domain/app-error.ts';
import { selectExpired } from '../../domain/backup-retention.ts';
import type { Clock } from '../../domain/clock.ts';
import type { Logger } from '../../logger.ts';
import type { BackupRecord, BackupsRepo } from '../../store/backups-repo.ts';
import type { InstanceRecord, Store } from '../../store/index.ts';
import { inPlaceDir, resolveChildOf } from '../instances/path-guard.ts';
import type { JobControl } from '../supervisor/supervisor.ts';
import type { LogSink } from '../supervisor/supervisor-deps.ts';
import { restoreArchive } from './backup-restorer.ts';
import { NOTHING_TO_BACK_UP, takeBackup } from './backup-taker.ts';

export interface BackupSupervisor {
  isRunning(instanceId: string): boolean;
  saveWorld(instanceId: string): Promise<boolean>;
}

export interface BackupManagerDeps {
  store: Store;
  repo: BackupsRepo;
  supervisor: BackupSupervisor;
  clock: Clock;
  logger: Logger;
  dataRoot: () => string;
  /** `<dataRoot>/runtime/instances`: an instance directory must resolve to a child of it. */
  instancesRoot: () => string;
  /** Manager lines in the instance's log, next to the server's own. */
  logs?: LogSink;
}

/** A restore replaces files a running server holds open and would overwrite on its next save. */
const RESTORABLE = ['STOPPED', 'CRASHED', 'NOT_INSTALLED'];

export function assertRestorable(record: InstanceRecord, running: boolean): void {
  if (running || !RESTORABLE.includes(record.status)) {
    throw new AppError(
      ErrorCode.INSTANCE_RUNNING,
      `"${record.name}" is ${record.status.toLowerCase()}; stop it before restoring a backup`,
    );
  }
}

const nothingToBackUp = (err: unknown): boolean =>
  isAppError(err) && (err.details as { reason?: string } | undefined)?.reason === NOTHING_TO_BACK_UP;

export const toBackupDto = ({ filePath: _path, ...dto }: BackupRecord): Backup => dto;

/** Sub-range of a job's progress bar. */
export const scaledJob = (job: JobControl, from: number, to: number): JobControl => ({
  signal: job.signal,
  progress: (p, m) => job.progress(from + ((to - from) * p) / 100, m),
});

/**
 * Backups of the local agent's instances: take (SaveWorld first when running), record only after
 * verification, prune by the instance's policy after a success, restore with a safety backup,
 * delete. Callers hold the instance lock (every caller is a job of that instance), so two of these
 * never work on one instance at once.
 */
export class BackupManager {
  /** Backups a restore is reading: neither retention nor DELETE may take them away meanwhile. */
  private readonly inUse = new Set<string>();

  constructor(private readonly deps: BackupManagerDeps) {}

  async take(
    instanceId: string,
    req: { kind: BackupKind; note?: string | null },
    job: JobControl,
    protect: string[] = [],
  ): Promise<BackupJobResult> {
    const record = this.instance(instanceId);
    const instanceDir = await this.requireDir(record);
    const worldSaved = await this.saveFirst(record, job);
    const backup = await takeBackup(
      {
        instance: record,
        instanceDir,
        dataRoot: this.deps.dataRoot(),
        kind: req.kind,
        note: req.note ?? null,
        createdAt: this.deps.clock.now(),
        allowNoWorld: req.kind === 'pre-restore',
      },
      job,
    );
    try {
      this.deps.repo.insert(backup);
    } catch (err) {
      await fsp.rm(backup.filePath, { force: true });
      throw err;
    }
    job.progress(99, 'Applying the retention policy…');
    const pruned = await this.prune(instanceId, protect);
    const mb = (backup.sizeBytes / 1024 / 1024).toFixed(1);
    this.say(
      instanceId,
      `Backup ${backup.fileName} taken (${req.kind}, ${backup.entries} files, ${mb} MB, verified)${pruned.length ? `; ${pruned.length} old backup(s) deleted by the retention policy` : ''}`,
    );
    return { backup: toBackupDto(backup), worldSaved, pruned };
  }

  /**
   * The pre-update backup: skipped (null) when the instance has no files yet, e.g. its first build,
   * or has never saved a world (an update does not touch ShooterGame/Saved; there is nothing to lose).
   */
  async takeBeforeUpdate(instanceId: string, job: JobControl): Promise<BackupJobResult | null> {
    if ((await this.existingDir(this.instance(instanceId))) === null) return null;
    try {
      return await this.take(instanceId, { kind: 'pre-update', note: 'Automatic backup before an update' }, job);
    } catch (err) {
      if (nothingToBackUp(err)) {
        this.say(instanceId, 'No world saved yet, so no backup before the update');
        return null;
      }
      throw err;
    }
  }

  async restore(instanceId: string, backupId: string, job: JobControl): Promise<RestoreResult> {
    const record = this.instance(instanceId);
    const backup = this.backup(instanceId, backupId);
    assertRestorable(record, this.deps.supervisor.isRunning(instanceId));
    const instanceDir = await this.requireDir(record);
    this.inUse.add(backupId);
    let extracted = false;
    try {
      const safety = () => {
        extracted = true;
        return this.safetyBackup(instanceId, backup, scaledJob(job, 45, 88));
      };
      const outcome = await restoreArchive(
        { archiveFile: backup.filePath, instanceDir, restoreId: randomUUID() },
        job,
        safety,
      );
      const { replaced, added, removed } = outcome;
      this.say(
        instanceId,
        `Restored ${backup.fileName}: ${replaced.length} replaced, ${added.length} added, ${removed.length} moved out; safety backup kept`,
      );
      return { backupId, safetyBackupId: outcome.safetyBackupId, replaced, added, removed };
    } catch (err) {
      // Reading the archive failed before the safety backup: the file is missing or damaged.
      if (!extracted && err instanceof AppError && err.code === ErrorCode.BACKUP_FAILED)
        this.deps.repo.setVerified(backupId, false);
      throw err;
    } finally {
      this.inUse.delete(backupId);
    }
  }

  /**
   * Restores an archive in the backup format that is not a recorded backup (a save being imported,
   * packed by app/agents/import/save-importer.ts): the same checks, safety backup and swap.
   */
  async restoreFile(
    instanceId: string,
    archiveFile: string,
    label: string,
    job: JobControl,
  ): Promise<Omit<RestoreResult, 'backupId'>> {
    const record = this.instance(instanceId);
    assertRestorable(record, this.deps.supervisor.isRunning(instanceId));
    const instanceDir = await this.requireDir(record);
    const safety = async () => {
      const note = `Automatic backup before importing ${label}`;
      try {
        return (await this.take(instanceId, { kind: 'pre-restore', note }, scaledJob(job, 45, 88))).backup.id;
      } catch (err) {
        if (nothingToBackUp(err)) return null;
        throw err;
      }
    };
    const outcome = await restoreArchive({ archiveFile, instanceDir, restoreId: randomUUID() }, job, safety);
    const { replaced, added, removed, safetyBackupId } = outcome;
    this.say(
      instanceId,
      `Imported ${label}: ${replaced.length} replaced, ${added.length} added, ${removed.length} moved out; safety backup kept`,
    );
    return { safetyBackupId, replaced, added, removed };
  }

  /** The instance's directory resolved (checked as for a backup); a 409-style error when it has none. */
  instanceDir(instanceId: string): Promise<string> {
    return this.requireDir(this.instance(instanceId));
  }

  async remove(instanceId: string, backupId: string): Promise<void> {
    const backup = this.backup(instanceId, backupId);
    if (this.inUse.has(backupId))
      throw new AppError(ErrorCode.CONFLICT, `Backup ${backup.fileName} is being restored; delete it afterwards`);
    await fsp.rm(backup.filePath, { force: true });
    this.deps.repo.delete(backupId);
    this.deps.logger.info({ instanceId, backupId, file: backup.filePath }, 'backup deleted');
  }

  /** The archive to download; a record whose file is gone is marked unverified and answers 404. */
  async file(instanceId: string, backupId: string): Promise<BackupRecord> {
    const backup = this.backup(instanceId, backupId);
    const st = await fsp.stat(backup.filePath).catch(() => null);
    if (!st?.isFile()) {
      this.deps.repo.setVerified(backupId, false);
      throw new AppError(
        ErrorCode.NOT_FOUND,
        `The file of backup ${backup.fileName} is missing from ${backup.filePath}`,
      );
    }
    return { ...backup, sizeBytes: st.size };
  }

  backup(instanceId: string, backupId: string): BackupRecord {
    const backup = this.deps.repo.get(backupId);
    if (!backup || backup.instanceId !== instanceId) throw AppError.notFound('Backup', backupId);
    return backup;
  }

  /** The pre-restore backup of what is there now; null when there is nothing at all to keep. */
  private async safetyBackup(instanceId: string, source: BackupRecord, job: JobControl): Promise<string | null> {
    const note = `Automatic backup before restoring ${source.fileName}`;
    try {
      return (await this.take(instanceId, { kind: 'pre-restore', note }, job, [source.id])).backup.id;
    } catch (err) {
      if (nothingToBackUp(err)) return null;
      throw err;
    }
  }

  /** Applies the policy; only ever called right after a backup succeeded. */
  private async prune(instanceId: string, protect: string[]): Promise<string[]> {
    const { repo, clock, logger } = this.deps;
    const expired = selectExpired(repo.listAll(instanceId), repo.policy(instanceId), clock.now(), [
      ...protect,
      ...this.inUse,
    ]);
    const deleted: string[] = [];
    for (const id of expired) {
      const backup = repo.get(id);
      if (!backup) continue;
      try {
        await fsp.rm(backup.filePath, { force: true });
        repo.delete(id);
        deleted.push(id);
      } catch (err) {
        // The new backup stands; an old one that cannot be deleted now is retried after the next.
        logger.warn({ err, instanceId, backupId: id }, 'could not delete an expired backup');
      }
    }
    return deleted;
  }

  private async saveFirst(record: InstanceRecord, job: JobControl): Promise<boolean> {
    if (!this.deps.supervisor.isRunning(record.id)) return false;
    if (record.status !== 'RUNNING') {
      this.say(
        record.id,
        `The server is ${record.status.toLowerCase()} and cannot save now; backing up the files as they are`,
        'WARN',
      );
      return false;
    }
    job.progress(1, 'Saving the world…');
    const saved = await this.deps.supervisor.saveWorld(record.id);
    if (!saved)
      this.say(record.id, 'The world save was not confirmed; the backup holds the last completed save', 'WARN');
    return saved;
  }

  private instance(id: string): InstanceRecord {
    const record = this.deps.store.instances.get(id);
    if (!record) throw AppError.notFound('Instance', id);
    return record;
  }

  private existingDir(record: InstanceRecord): Promise<string | null> {
    if (record.inPlace && record.installPath) return inPlaceDir(record.installPath);
    return record.installPath ? resolveChildOf(this.deps.instancesRoot(), record.installPath) : Promise.resolve(null);
  }

  private async requireDir(record: InstanceRecord): Promise<string> {
    const dir = await this.existingDir(record);
    if (dir === null)
      throw new AppError(
        ErrorCode.NOT_INSTALLED,
        `"${record.name}" has no files on disk yet; there is nothing to back up or restore into`,
      );
    return dir;
  }

  private say(instanceId: string, message: string, level: 'INFO' | 'WARN' = 'INFO'): void {
    this.deps.logger.info({ instanceId }, message);
    this.deps.logs?.append(instanceId, { level, source: 'manager', message });
  }
}

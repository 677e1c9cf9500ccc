import { randomUUID } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import {
  ErrorCode,
  type ImportInstanceBody,
  type ImportInstanceJobResult,
  type ImportPreview,
  type ImportSaveBody,
  type ImportSaveJobResult,
  type Job,
} from '@ark-asa/contracts';
import { assertRestorable, type BackupManager } from '../agents/backups/backup-manager.ts';
import { copyInstall } from '../agents/import/install-copy.ts';
import { scanInstall, type InstallScan } from '../agents/import/install-scanner.ts';
import { importSave } from '../agents/import/save-importer.ts';
import { openSaveZip } from '../agents/import/save-source.ts';
import type { JobControl } from '../agents/supervisor/supervisor.ts';
import { AppError } from '../domain/app-error.ts';
import { isoNow, type Clock } from '../domain/clock.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { EnqueueRequest } from '../jobs/job-runner.ts';
import type { InstanceRecord, Store } from '../store/index.ts';
import { plannedSettings, toPreview } from './import-plan.ts';
import { checkPortConflicts, generatePassword } from './instance-validation.ts';
import type { InstancesService } from './instances-service.ts';
import { asUploadError, checkUploadedZip, deleteWhenEnded, receiveUpload, type UploadSource } from './save-upload.ts';

export interface ImportServiceDeps {
  store: Store;
  bus: EventBus;
  clock: Clock;
  agentId: () => string;
  dataRoot: () => string;
  instances: Pick<InstancesService, 'create' | 'delete' | 'record' | 'dto'>;
  runner: { enqueue(req: EnqueueRequest): Job; waitFor(jobId: string): Promise<unknown> };
  isRunning(instanceId: string): boolean;
  backups: Pick<BackupManager, 'restoreFile' | 'instanceDir'>;
}

const field = (name: string, message: string) => AppError.validation([{ field: name, message }]);

/** Bringing existing servers and saves in (docs/import.md). The source is only ever read. */
export class ImportService {
  constructor(private readonly deps: ImportServiceDeps) {}

  /** The route passes only the path: an `agentId` reaching here names this PC (others are forwarded). */
  async preview(sourcePath: string): Promise<ImportPreview> {
    return toPreview(await scanInstall(sourcePath));
  }

  /** Checks now what the job checks again (400/409 at once, not from a failed job), then queues IMPORT_INSTANCE. */
  async importInstance(body: ImportInstanceBody): Promise<Job> {
    this.checkHost(body.agentId);
    const { agentId: _thisPc, ...params } = body;
    const scan = await scanInstall(params.sourcePath);
    this.checkPlan(scan, params);
    return this.deps.runner.enqueue({
      type: 'IMPORT_INSTANCE',
      instanceId: null,
      agentId: this.deps.agentId(),
      params,
    });
  }

  /**
   * `agentId` naming this PC is the default said out loud; another host's folder is read by that
   * host (app/http/agent-forwarding.ts sends the call there), so one reaching here is a mistake.
   */
  private checkHost(agentId: string | undefined): void {
    if (agentId !== undefined && agentId !== this.deps.agentId())
      throw field('agentId', `Host ${agentId} is not this PC`);
  }

  async importSave(instanceId: string, body: ImportSaveBody): Promise<Job> {
    const record = this.checkSaveTarget(instanceId);
    await checkSaveSource(body.sourcePath);
    return this.deps.runner.enqueue({ type: 'IMPORT_SAVE', instanceId, agentId: record.agentId, params: body });
  }

  /**
   * A world zip sent as the request body (docs/import.md, "Uploading a world"): the server is
   * checked before a byte is stored (404, 409), the zip is stored under the data folder and
   * checked (400), then imported by IMPORT_SAVE; the stored zip is deleted when that job ends.
   */
  async uploadSave(instanceId: string, source: UploadSource): Promise<Job> {
    this.checkSaveTarget(instanceId);
    const file = await receiveUpload(this.deps.dataRoot(), source);
    try {
      await checkUploadedZip(file);
      const job = await this.importSave(instanceId, { sourcePath: file });
      void deleteWhenEnded(this.deps.runner.waitFor(job.id), file);
      return job;
    } catch (err) {
      await fsp.rm(file, { force: true }).catch(() => undefined);
      throw asUploadError(err, file);
    }
  }

  /** The instance a world goes into: installed and stopped (404, 409 otherwise). */
  private checkSaveTarget(instanceId: string): InstanceRecord {
    const record = this.deps.instances.record(instanceId);
    if (!record.installPath)
      throw new AppError(
        ErrorCode.NOT_INSTALLED,
        `"${record.name}" has no files yet; install a build and update it first`,
      );
    assertRestorable(record, this.deps.isRunning(instanceId));
    return record;
  }

  /** IMPORT_INSTANCE's work. */
  async runImportInstance(body: ImportInstanceBody, job: JobControl): Promise<ImportInstanceJobResult> {
    job.progress(2, 'Reading the server folder…');
    const scan = await scanInstall(body.sourcePath);
    const { warnings } = this.checkPlan(scan, body);
    const settings = plannedSettings(scan, body.mode, warnings);
    if (body.mode === 'in-place') {
      const record = this.registerInPlace(body.name, scan.root, settings);
      return { instanceId: record.id, name: record.name, mode: 'in-place', filesCopied: 0, bytesCopied: 0, warnings };
    }
    job.progress(10, 'Creating the instance on the installed build…');
    const instance = await this.deps.instances.create({ name: body.name, settings });
    try {
      const copied = await copyInstall(scan, instance.installPath!, job);
      return {
        instanceId: instance.id,
        name: instance.name,
        mode: 'copy',
        filesCopied: copied.files,
        bytesCopied: copied.bytes,
        warnings,
      };
    } catch (err) {
      // A half-copied server is worse than none: the source is intact, so the import can run again.
      await this.deps.instances.delete(instance.id).catch(() => undefined);
      throw err;
    }
  }

  /** IMPORT_SAVE's work. */
  async runImportSave(instanceId: string, body: ImportSaveBody, job: JobControl): Promise<ImportSaveJobResult> {
    const instance = this.deps.instances.record(instanceId);
    await checkSaveSource(body.sourcePath);
    return importSave(
      { instance, dataRoot: this.deps.dataRoot(), sourcePath: body.sourcePath },
      this.deps.backups,
      job,
    );
  }

  private checkPlan(scan: InstallScan, body: ImportInstanceBody): { warnings: string[] } {
    const warnings = [...scan.warnings];
    const { store } = this.deps;
    if (body.mode === 'in-place') this.checkInPlace(scan);
    else if (!store.builds.newest()) {
      throw new AppError(
        ErrorCode.NOT_INSTALLED,
        'No server build is installed yet: install one first (Builds → Install, or POST /api/v1/builds/install), then import again; or import in place to run the server from its own folder',
      );
    }
    const settings = plannedSettings(scan, body.mode, warnings);
    const others = store.instances.listAll().filter((o) => o.agentId === this.deps.agentId());
    checkPortConflicts(settings, others);
    return { warnings };
  }

  private checkInPlace(scan: InstallScan): void {
    if (!scan.hasServerExe)
      throw field(
        'sourcePath',
        `${scan.root} has no ShooterGame/Binaries/Win64/ArkAscendedServer.exe; it can only be imported as a copy`,
      );
    const dataRoot = path.resolve(this.deps.dataRoot());
    const rel = path.relative(dataRoot, scan.root);
    if (rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel)))
      throw field('sourcePath', `${scan.root} is inside the manager's data folder; import a server folder of your own`);
    // A remote host's server names a folder of that host, not of this one.
    const owner = this.deps.store.instances
      .listByAgent(this.deps.agentId())
      .find((o) => o.inPlace && o.installPath === scan.root);
    if (owner) throw new AppError(ErrorCode.CONFLICT, `${scan.root} already runs as the server "${owner.name}"`);
  }

  /** An instance whose install path IS the source folder; nothing is written there now. */
  private registerInPlace(name: string, root: string, settings: InstanceRecord['settings']): InstanceRecord {
    const now = isoNow(this.deps.clock);
    const record: InstanceRecord = {
      id: randomUUID(),
      name,
      agentId: this.deps.agentId(),
      status: 'STOPPED',
      buildId: null,
      installPath: root,
      settings: { ...settings, adminPassword: settings.adminPassword || generatePassword() },
      process: null,
      createdAt: now,
      updatedAt: now,
      inPlace: true,
    };
    this.deps.store.instances.insert(record);
    const instance = this.deps.instances.dto(record);
    this.deps.bus.publish('instance:created', { instanceId: record.id, instance, createdAt: now });
    return record;
  }
}

/** A save source: a readable folder, or a zip whose every entry passes the zip-slip checks (400 otherwise). */
async function checkSaveSource(sourcePath: string): Promise<void> {
  if (!path.isAbsolute(sourcePath)) throw field('sourcePath', 'Give the full path of the folder or .zip');
  const st = await fsp.stat(sourcePath).catch(() => null);
  if (!st) throw field('sourcePath', `${sourcePath} does not exist or cannot be read by the manager`);
  if (st.isDirectory()) return;
  if (!/\.zip$/i.test(sourcePath)) throw field('sourcePath', `${sourcePath} is neither a folder nor a .zip archive`);
  (await openSaveZip(sourcePath)).close();
}

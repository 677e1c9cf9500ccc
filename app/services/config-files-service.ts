import {
  ConfigFileName,
  ConfigFileText,
  ErrorCode,
  type ConfigFileName as ConfigFile,
  type InstanceStatus,
} from '@ark-asa/contracts';
import type { InstanceLayout } from '../agents/instances/instance-layout.ts';
import { AppError } from '../domain/app-error.ts';
import { maskIniSecrets, unmaskIniSecrets } from '../domain/ini/ini-secrets.ts';
import type { InstanceRecord } from '../store/index.ts';

export interface ConfigFilesServiceDeps {
  /** The instance record; throws AppError not-found for an unknown id. */
  instance: (id: string) => InstanceRecord;
  layout: Pick<InstanceLayout, 'readConfig' | 'writeConfig'>;
  /** True while a job holds the instance's power lock (a start may be about to rewrite the file). */
  isBusy?: (id: string) => boolean;
}

/** Statuses in which no server process exists, so nothing will overwrite what we write. */
const WRITABLE: readonly InstanceStatus[] = ['STOPPED', 'CRASHED'];
const PROCESS_STATUSES: readonly InstanceStatus[] = ['STARTING', 'RUNNING', 'STOPPING'];

/**
 * GET/PUT /api/v1/instances/:id/config/:file. The text travels as text/plain and is stored byte
 * for byte: no parsing, no normalising, so comments, repeated keys (OverridePlayerLevelEngramPoints)
 * and odd lines survive. Password values travel masked (see ini-secrets.ts). The managed keys in
 * GameUserSettings.ini are put back by the next start.
 */
export class ConfigFilesService {
  constructor(private readonly deps: ConfigFilesServiceDeps) {}

  /** The file as on disk with its passwords masked; '' when it does not exist yet. Allowed in any status. */
  async read(instanceId: string, file: ConfigFile): Promise<string> {
    const instance = this.deps.instance(instanceId);
    return maskIniSecrets(await this.deps.layout.readConfig(instance, checkedFile(file)));
  }

  /** Stores the text atomically and returns it as stored. Only while no server process exists. */
  async write(instanceId: string, file: ConfigFile, text: string): Promise<string> {
    const instance = this.deps.instance(instanceId);
    const name = checkedFile(file);
    if (!ConfigFileText.safeParse(text).success) {
      throw new AppError(ErrorCode.PAYLOAD_TOO_LARGE, `${name} may be at most 2 MB`);
    }
    this.assertWritable(instance);
    // A password sent back masked keeps the value on disk, so GET then PUT changes no byte.
    const current = await this.deps.layout.readConfig(instance, name);
    return maskIniSecrets(await this.deps.layout.writeConfig(instance, name, unmaskIniSecrets(text, current)));
  }

  /** Throws exactly what write would for the instance's status, for callers that write several files or maybe none. */
  checkWritable(instanceId: string): void {
    this.assertWritable(this.deps.instance(instanceId));
  }

  private assertWritable(instance: InstanceRecord): void {
    const { status, name } = instance;
    if (status === 'NOT_INSTALLED') {
      throw new AppError(
        ErrorCode.NOT_INSTALLED,
        `"${name}" is not installed yet, so it has no config files; install a build first`,
      );
    }
    if (PROCESS_STATUSES.includes(status)) {
      // ARK rewrites GameUserSettings.ini when it exits (docs/ark-facts.md#config-files), dropping edits made meanwhile.
      throw new AppError(
        ErrorCode.INSTANCE_RUNNING,
        `"${name}" is ${status.toLowerCase()}; stop the server first: it rewrites GameUserSettings.ini when it exits, so your changes would be lost`,
      );
    }
    if (!WRITABLE.includes(status) || this.deps.isBusy?.(instance.id)) {
      // UPDATING, or a job about to start the server: it applies the managed settings to this very file.
      throw AppError.invalidState(
        `"${name}" is busy (${status.toLowerCase()}); try again when the current operation has finished`,
      );
    }
  }
}

function checkedFile(file: string): ConfigFile {
  const parsed = ConfigFileName.safeParse(file);
  if (!parsed.success) throw AppError.validation([{ field: 'file', message: 'Use GameUserSettings.ini or Game.ini' }]);
  return parsed.data;
}

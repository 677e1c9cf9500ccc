import { ErrorCode, jsonProblem, type AsaApiState, type InstanceStatus } from '@ark-asa/contracts';
import {
  listPlugins,
  loaderInstalled,
  pluginsDir,
  readLoaderVersion,
  readPluginConfig,
  setPluginEnabled,
  writePluginConfig,
} from '../agents/asa-api/asa-api-files.ts';
import { AppError } from '../domain/app-error.ts';
import type { InstanceRecord } from '../store/index.ts';

export interface AsaApiServiceDeps {
  /** The instance record; throws AppError not-found for an unknown id. */
  instance: (id: string) => InstanceRecord;
  /** True while a job holds the instance's power lock (a start may be about to load the plugins). */
  isBusy?: (id: string) => boolean;
}

const PROCESS_STATUSES: readonly InstanceStatus[] = ['STARTING', 'RUNNING', 'STOPPING', 'UPDATING'];

/** AsaApi in one instance's folder: loader state, plugins, plugin configs (docs/asa-api.md). */
export class AsaApiService {
  constructor(private readonly deps: AsaApiServiceDeps) {}

  async state(instanceId: string): Promise<AsaApiState> {
    const record = this.deps.instance(instanceId);
    const enabled = record.settings.asaApi?.enabled ?? false;
    const dir = record.installPath;
    if (!dir) return { enabled, installed: false, version: null, pluginsDir: '', plugins: [] };
    return {
      enabled,
      installed: await loaderInstalled(dir),
      version: await readLoaderVersion(dir),
      pluginsDir: pluginsDir(dir),
      plugins: await listPlugins(dir),
    };
  }

  async readConfig(instanceId: string, name: string): Promise<{ config: string }> {
    return { config: await readPluginConfig(this.installDir(this.deps.instance(instanceId)), name) };
  }

  /** Only valid JSON, and only while no server process runs: AsaApi reads a config when it loads the plugin. */
  async writeConfig(instanceId: string, name: string, config: string): Promise<{ config: string }> {
    const problem = jsonProblem(config);
    if (problem) {
      throw new AppError(ErrorCode.VALIDATION_FAILED, problem, [{ field: 'config', message: problem }]);
    }
    const record = this.writable(instanceId);
    await writePluginConfig(this.installDir(record), name, config);
    return { config };
  }

  async setEnabled(instanceId: string, name: string, enabled: boolean): Promise<AsaApiState> {
    const record = this.writable(instanceId);
    await setPluginEnabled(this.installDir(record), name, enabled);
    return this.state(instanceId);
  }

  private installDir(record: InstanceRecord): string {
    if (!record.installPath) {
      throw new AppError(ErrorCode.NOT_INSTALLED, `"${record.name}" is not installed yet, so it has no AsaApi plugins`);
    }
    return record.installPath;
  }

  private writable(instanceId: string): InstanceRecord {
    const record = this.deps.instance(instanceId);
    if (PROCESS_STATUSES.includes(record.status) || this.deps.isBusy?.(record.id)) {
      throw new AppError(
        ErrorCode.INSTANCE_RUNNING,
        `"${record.name}" is ${record.status.toLowerCase()}; stop the server first: AsaApi reads plugins and their configs when it loads them`,
      );
    }
    return record;
  }
}

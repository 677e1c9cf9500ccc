import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { CONFIG_FILES, type ConfigFileName, ErrorCode, type PlayerListName } from '@ark-asa/contracts';
import { AppError } from '../../domain/app-error.ts';
import type { Logger } from '../../logger.ts';
import type { InstanceRecord } from '../../store/instances-repo.ts';
import { type BuildTree, walkBuild } from './build-tree.ts';
import { type FileLinker, HardLinker } from './file-linker.ts';
import { CONFIG_DIR, ensureConfigFiles, ensureOwnDirs } from './instance-config.ts';
import { linkFiles, makeDirs } from './link-tree.ts';
import { readPlayerListFile, writePlayerListFile } from './player-list-files.ts';
import { assertSafeId, inPlaceDir, resolveChildOf } from './path-guard.ts';
import { relinkTree, type RelinkSummary } from './relink.ts';
import { encodeText, readTextFile, writeFileAtomic } from './text-file.ts';

export interface InstanceLayoutDeps {
  dataRoot: () => string;
  /** Install directory of a build, or null when the build is unknown. */
  buildPath: (buildId: string) => string | null;
  logger: Logger;
  linker?: FileLinker;
  /** File operations in flight at once. */
  concurrency?: number;
}

/** Statuses in which a server process may have the build's files open. */
const LIVE_STATUSES = ['STARTING', 'RUNNING', 'STOPPING'];

/**
 * The on-disk side of instances: `<dataRoot>/runtime/instances/<id>` holds the build's files as
 * hard links (copies only where the filesystem cannot link) plus the instance's own
 * ShooterGame/Saved. Structurally an InstanceFiles (app/services/instances-service.ts); it cannot
 * say `implements` because agents may not import services.
 */
export class InstanceLayout {
  private readonly linker: FileLinker;
  private readonly limit: number;
  private readonly logger: Logger;

  constructor(private readonly deps: InstanceLayoutDeps) {
    this.linker = deps.linker ?? new HardLinker();
    this.limit = deps.concurrency ?? 16;
    this.logger = deps.logger.child({ component: 'instance-layout' });
  }

  instancesRoot(): string {
    return path.join(this.deps.dataRoot(), 'runtime', 'instances');
  }

  instanceDir(id: string): string {
    assertSafeId(id);
    return path.join(this.instancesRoot(), id);
  }

  configPath(instance: InstanceRecord, file: ConfigFileName): string {
    if (!CONFIG_FILES.includes(file)) {
      throw AppError.validation([{ field: 'file', message: 'Use GameUserSettings.ini or Game.ini' }]);
    }
    return path.join(this.dirOf(instance), CONFIG_DIR, file);
  }

  /** Lays out a new instance on its build; null when it has no build yet. Safe to run again after a crash. */
  async create(instance: InstanceRecord): Promise<string | null> {
    if (instance.buildId === null) return null;
    const started = Date.now();
    const buildRoot = this.requireBuildPath(instance.buildId);
    const dir = this.instanceDir(instance.id);
    await fsp.mkdir(dir, { recursive: true });
    await resolveChildOf(this.instancesRoot(), dir);
    const tree = await this.walk(buildRoot);
    await makeDirs(dir, tree.dirs, this.limit);
    // Everything at a build path in a directory being created is a leftover of an earlier attempt.
    const counts = await linkFiles(this.linker, buildRoot, tree.files, dir, {
      limit: this.limit,
      replaceable: () => Promise.resolve(true),
    });
    await ensureConfigFiles(dir, instance.settings);
    const fields = {
      instanceId: instance.id,
      buildId: instance.buildId,
      files: tree.files.length,
      ms: Date.now() - started,
    };
    this.logger.info(
      { ...fields, linked: counts.linked, copied: counts.copied, present: counts.present },
      'instance directory laid out',
    );
    this.warnAboutCopies(counts.copied, instance.id);
    return dir;
  }

  /** Switches a stopped instance from one build's files to another's; see relinkTree for the rules. */
  async relink(instance: InstanceRecord, fromBuildPath: string, toBuildPath: string): Promise<RelinkSummary> {
    if (LIVE_STATUSES.includes(instance.status)) {
      // A running server has its exe and DLLs open; swapping them under it is what the layout exists to avoid.
      throw new AppError(
        ErrorCode.INSTANCE_RUNNING,
        `"${instance.name}" is ${instance.status.toLowerCase()}; stop it before switching builds`,
      );
    }
    const started = Date.now();
    const [fromTree, toTree] = await Promise.all([this.walk(fromBuildPath), this.walk(toBuildPath)]);
    const dir = (await this.existingDir(instance)) ?? this.instanceDir(instance.id);
    await fsp.mkdir(dir, { recursive: true });
    const summary = await relinkTree(
      this.linker,
      dir,
      { root: fromBuildPath, tree: fromTree },
      { root: toBuildPath, tree: toTree },
      this.limit,
    );
    await ensureOwnDirs(dir);
    const { linked, copied, present, removed, kept } = summary;
    this.logger.info(
      { instanceId: instance.id, linked, copied, present, removed, kept: kept.length, ms: Date.now() - started },
      'instance relinked',
    );
    if (kept.length > 0) {
      this.logger.warn(
        { instanceId: instance.id, kept: kept.slice(0, 20) },
        "kept instance files that the new build also ships; delete them to get the build's version",
      );
    }
    this.warnAboutCopies(copied, instance.id);
    return summary;
  }

  /** Deletes the instance directory. Removing a hard link never touches the build's copy. */
  async remove(instance: InstanceRecord): Promise<void> {
    // An in-place instance's folder is the user's own server (docs/import.md): never deleted here.
    if (instance.inPlace) {
      this.logger.info(
        { instanceId: instance.id, dir: instance.installPath },
        'in-place instance forgotten; its folder is kept',
      );
      return;
    }
    const real = await this.existingDir(instance);
    if (real === null) return;
    // fs.rm unlinks symlinks and junctions inside the tree instead of descending into them, and it
    // deletes the resolved path, so what was checked is what goes.
    await fsp.rm(real, { recursive: true, force: true, maxRetries: 3 });
    this.logger.info({ instanceId: instance.id, dir: real }, 'instance directory removed');
  }

  /**
   * Before each start: the managed keys into GameUserSettings.ini, written only if that changes
   * the text, every other byte kept; Game.ini created if missing. Returns whether GUS was written.
   */
  async ensureManagedSettings(instance: InstanceRecord): Promise<boolean> {
    return ensureConfigFiles(await this.requireDir(instance), instance.settings);
  }

  /** The file's text exactly as stored; '' when the instance or the file does not exist. */
  async readConfig(instance: InstanceRecord, file: ConfigFileName): Promise<string> {
    const configPath = this.configPath(instance, file);
    if ((await this.existingDir(instance)) === null) return '';
    return (await readTextFile(configPath))?.text ?? '';
  }

  /** Replaces a config file atomically, in the encoding it had; returns the text as stored. */
  async writeConfig(instance: InstanceRecord, file: ConfigFileName, text: string): Promise<string> {
    const dir = await this.requireDir(instance);
    const configPath = path.join(dir, CONFIG_DIR, file);
    await fsp.mkdir(path.dirname(configPath), { recursive: true });
    const encoding = (await readTextFile(configPath))?.encoding ?? 'utf8';
    await writeFileAtomic(configPath, encodeText(text, encoding));
    this.logger.info({ instanceId: instance.id, file, chars: text.length }, 'config file written');
    return (await readTextFile(configPath))?.text ?? '';
  }

  /** The ids in one of the instance's list files; [] when the instance or the file does not exist. */
  async readPlayerList(instance: InstanceRecord, list: PlayerListName): Promise<string[]> {
    const dir = await this.existingDir(instance);
    return dir === null ? [] : readPlayerListFile(dir, list);
  }

  /** Replaces one of the list files atomically; returns the ids as stored. */
  async writePlayerList(instance: InstanceRecord, list: PlayerListName, ids: readonly string[]): Promise<string[]> {
    const stored = await writePlayerListFile(await this.requireDir(instance), list, ids);
    this.logger.info({ instanceId: instance.id, list, ids: stored.length }, 'player list written');
    return stored;
  }

  /** Where the record says the instance lives (its stored path wins over the computed one). */
  private dirOf(instance: InstanceRecord): string {
    return instance.installPath ?? this.instanceDir(instance.id);
  }

  /** The instance directory resolved and proven to be under runtime/instances; null when missing. */
  private existingDir(instance: InstanceRecord): Promise<string | null> {
    if (instance.inPlace && instance.installPath) return inPlaceDir(instance.installPath);
    return resolveChildOf(this.instancesRoot(), this.dirOf(instance));
  }

  private async requireDir(instance: InstanceRecord): Promise<string> {
    const dir = await this.existingDir(instance);
    if (dir === null) {
      throw new AppError(
        ErrorCode.NOT_INSTALLED,
        `"${instance.name}" has no files on disk (${this.dirOf(instance)}); install it first`,
      );
    }
    return dir;
  }

  private requireBuildPath(buildId: string): string {
    const p = this.deps.buildPath(buildId);
    if (p === null) throw new AppError(ErrorCode.BUILD_NOT_FOUND, `Build ${buildId} is not installed`);
    return p;
  }

  private async walk(buildRoot: string): Promise<BuildTree> {
    let tree: BuildTree;
    try {
      tree = await walkBuild(buildRoot);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      throw new AppError(
        ErrorCode.BUILD_NOT_FOUND,
        `The build's files are missing at ${buildRoot}; reinstall the build`,
        undefined,
        { cause: err },
      );
    }
    if (tree.skipped.length > 0) {
      const skipped = tree.skipped.slice(0, 20);
      this.logger.warn({ buildRoot, skipped }, 'build entries that are not regular files were not linked');
    }
    return tree;
  }

  private warnAboutCopies(copied: number, instanceId: string): void {
    if (copied === 0) return;
    this.logger.warn(
      { instanceId, copied },
      'the filesystem could not hard-link some build files; they were copied and take disk space',
    );
  }
}

import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { ErrorCode } from '@ark-asa/contracts';
import { AppError, isAppError } from '../../domain/app-error.ts';
import { isoNow, type Clock } from '../../domain/clock.ts';
import type { Logger } from '../../logger.ts';
import type { BuildRecord, Store } from '../../store/index.ts';
import type { ProgressCallback } from '../steamcmd/install-progress.ts';
import type { SteamcmdClient } from '../steamcmd/steamcmd-client.ts';
import { buildDir, SERVER_EXE_REL, serverBuildsDir, stagingCopyDir, stagingDir } from './build-paths.ts';
import { copyTree, directorySize } from './dir-tree.ts';
import { JobProgress } from './job-progress.ts';
import { noteInstalledBuild, recordLatestBuild } from './latest-build.ts';

export interface BuildCacheDeps {
  store: Store;
  steamcmd: Pick<SteamcmdClient, 'install' | 'latestBuildId'>;
  dataRoot: () => string;
  clock: Clock;
  logger: Logger;
  /** Steam now serves another build than the one remembered: instances' `updateAvailable` changed. */
  onServedBuildChanged?: () => void;
}

export interface InstallBuildRequest {
  validate: boolean;
  signal: AbortSignal;
  onProgress?: ProgressCallback;
}

/** Exactly the INSTALL_BUILD result (docs/event-protocol.md#jobcompleted). */
export interface InstalledBuild {
  buildId: string;
  installPath: string;
}

/** An install's outcome: the build, and whether SteamCMD had nothing to download. */
export interface InstallOutcome extends InstalledBuild {
  upToDate: boolean;
}

/** Share of the job spent copying the current build into staging, when there is one to copy. */
const COPY_SHARE = 20;
const STEAMCMD_END = 95;

const exists = async (p: string): Promise<boolean> => (await stat(p).catch(() => null)) !== null;

/**
 * The build cache: published builds under server_builds/ASA/<buildId>, installed and updated
 * through one staging folder. Callers serialise its operations (the 'builds' job lock).
 */
export class BuildCache {
  private readonly logger: Logger;

  constructor(private readonly deps: BuildCacheDeps) {
    this.logger = deps.logger.child({ component: 'build-cache' });
  }

  /**
   * Installs the newest build, or finds the newest one already installed. Cancelling kills
   * SteamCMD and leaves the staging folder for the next attempt, which resumes from it.
   */
  async install(req: InstallBuildRequest): Promise<InstallOutcome> {
    const dataRoot = this.deps.dataRoot();
    const staging = stagingDir(dataRoot);
    const progress = new JobProgress(req.onProgress);
    const copied = await this.prepareStaging(dataRoot, req.signal, progress);
    const outcome = await this.deps.steamcmd.install({
      installDir: staging,
      validate: req.validate,
      signal: req.signal,
      onProgress: progress.band(copied ? COPY_SHARE : 0, STEAMCMD_END),
    });
    const buildId = outcome.manifest.buildId;
    if (!buildId)
      throw new AppError(
        ErrorCode.STEAMCMD_FAILED,
        'The app manifest SteamCMD wrote has no build id: run the install again with "validate" enabled',
      );
    if (!(await exists(path.join(staging, SERVER_EXE_REL)))) {
      throw new AppError(
        ErrorCode.STEAMCMD_FAILED,
        `SteamCMD finished, but ${SERVER_EXE_REL} is missing: run the install again with "validate" enabled`,
      );
    }
    req.signal.throwIfAborted();
    progress.set(STEAMCMD_END, `Publishing build ${buildId}…`);
    const installed = await this.publish(dataRoot, buildId);
    if (noteInstalledBuild(this.deps.store, buildId, isoNow(this.deps.clock))) this.deps.onServedBuildChanged?.();
    const upToDate = outcome.outcome === 'up-to-date';
    progress.set(100, upToDate ? `Build ${buildId} is already up to date` : `Installed build ${buildId}`);
    return { ...installed, upToDate };
  }

  /** Asks Steam which build it serves on the public branch (newer or not) and remembers it with the time of the check. */
  async checkLatest(opts: { signal: AbortSignal }): Promise<{ latestBuildId: string }> {
    const latestBuildId = await this.deps.steamcmd.latestBuildId({ signal: opts.signal });
    if (recordLatestBuild(this.deps.store, latestBuildId, isoNow(this.deps.clock))) this.deps.onServedBuildChanged?.();
    return { latestBuildId };
  }

  /**
   * Makes sure the staging folder exists; returns whether the newest build was copied into it.
   * An update starts from a copy of the newest build, so SteamCMD downloads only what changed.
   */
  private async prepareStaging(dataRoot: string, signal: AbortSignal, progress: JobProgress): Promise<boolean> {
    const staging = stagingDir(dataRoot);
    if (await exists(staging)) {
      this.logger.info({ staging }, 'resuming from the staging folder an earlier install left');
      progress.set(0, 'Resuming the previous install…');
      return false;
    }
    // A copy interrupted half-way must never become the staging folder: its app manifest could
    // say "fully installed" over missing files, and SteamCMD trusts the manifest.
    const copy = stagingCopyDir(dataRoot);
    await rm(copy, { recursive: true, force: true });
    const newest = await this.newestPublished();
    if (!newest) {
      await mkdir(staging, { recursive: true });
      return false;
    }
    const report = progress.band(0, COPY_SHARE);
    const message = `Copying build ${newest.buildId} to update it…`;
    report(0, message);
    try {
      await copyTree(newest.installPath, copy, {
        signal,
        onProgress: (done, total) => report(total ? (done / total) * 100 : 0, message),
      });
    } catch (err) {
      signal.throwIfAborted();
      throw fsError(err, `Could not copy build ${newest.buildId} into ${copy}`);
    }
    await rename(copy, staging);
    report(100, message);
    return true;
  }

  private async newestPublished(): Promise<BuildRecord | null> {
    const newest = this.deps.store.builds.newest();
    return newest && (await exists(newest.installPath)) ? newest : null;
  }

  /** Staging becomes server_builds/ASA/<buildId> (a rename on one volume), unless that build is already there. */
  private async publish(dataRoot: string, buildId: string): Promise<InstalledBuild> {
    const staging = stagingDir(dataRoot);
    const existing = this.deps.store.builds.get(buildId);
    if (existing && (await exists(existing.installPath))) {
      this.logger.info({ buildId }, 'the build is already published; dropping the staging copy');
      await rm(staging, { recursive: true, force: true });
      return { buildId, installPath: existing.installPath };
    }
    const target = buildDir(dataRoot, buildId);
    // A folder without a record: left by a publish interrupted before it was recorded, or by hand.
    // Staging is complete and verified, so it replaces whatever is there.
    await rm(target, { recursive: true, force: true });
    await mkdir(serverBuildsDir(dataRoot), { recursive: true });
    try {
      await rename(staging, target);
    } catch (err) {
      throw fsError(err, `Could not move the installed build from ${staging} to ${target}`);
    }
    const sizeBytes = await directorySize(target);
    this.deps.store.builds.upsert({ buildId, installPath: target, installedAt: isoNow(this.deps.clock), sizeBytes });
    this.logger.info({ buildId, installPath: target, sizeBytes }, 'build published');
    return { buildId, installPath: target };
  }
}

export function fsError(err: unknown, what: string): AppError {
  if (isAppError(err)) return err;
  const e = err as NodeJS.ErrnoException;
  const hint =
    e.code === 'ENOSPC'
      ? 'the drive is full: free some space'
      : e.code === 'EPERM' || e.code === 'EACCES'
        ? 'access denied: check the permissions (or an antivirus lock) and try again'
        : 'try again';
  return new AppError(ErrorCode.FILESYSTEM, `${what} (${e.message}): ${hint}`, undefined, { cause: err });
}

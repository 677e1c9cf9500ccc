import { existsSync, realpathSync } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ErrorCode } from '@ark-asa/contracts';
import { AppError } from '../../domain/app-error.ts';
import { systemClock, type Clock } from '../../domain/clock.ts';
import { ASA_APP_ID } from '../../domain/steamcmd/app-id.ts';
import { buildAppInfoArgs, buildSteamcmdArgs } from '../../domain/steamcmd/command.ts';
import type { SteamcmdErrorEvent, SteamcmdSuccessEvent } from '../../domain/steamcmd/output-parser.ts';
import { ASA_EXPECTED_FILES, judgeInstall, type InstallVerdict } from '../../domain/steamcmd/install-verdict.ts';
import { parseAppInfoBuildId, type ManifestState } from '../../domain/steamcmd/vdf.ts';
import type { Logger } from '../../logger.ts';
import { manifestPath, readInstalledManifest } from './disk-snapshot.ts';
import { InstallProgress, type ProgressCallback } from './install-progress.ts';
import { cleanExit, endedBySelfUpdate, runFailure } from './steamcmd-failure.ts';
import { bundledSteamcmdPath } from './steamcmd-paths.ts';
import type { SteamcmdRunResult } from './steamcmd-process.ts';
import { runWatched } from './watched-run.ts';

export { manifestPath } from './disk-snapshot.ts';

export interface SteamcmdClientDeps {
  settings: () => { steamcmdPath: string | null; dataRoot: string; steamcmdStallTimeoutSec?: number };
  logger: Logger;
  /** Host OS (default: this process's); decides the platform arguments and where SteamCMD is looked for. */
  platform?: NodeJS.Platform;
  /** Home folder holding Linux SteamCMD data (`~/.steam/steamcmd`, `~/Steam`); default os.homedir(). */
  homeDir?: string;
  killGraceMs?: number;
  /** Time for the stall watchdog (tests pass a fake clock). */
  clock?: Clock;
  /** How often the watchdog looks at the manifest and the downloading folder (default 2 s). */
  watchdogPollMs?: number;
}

export interface SteamcmdInstallRequest {
  installDir: string;
  validate: boolean;
  beta?: string;
  signal: AbortSignal;
  /** 0–100 over SteamCMD's phases, never decreasing. */
  onProgress?: ProgressCallback;
}

export interface SteamcmdInstallOutcome {
  outcome: SteamcmdSuccessEvent['outcome'];
  manifest: ManifestState;
}

interface RetryingRun {
  executable: string;
  args: string[];
  signal: AbortSignal;
  progress: InstallProgress;
  captureOutput?: boolean;
  /** The force_install_dir, whose manifest and downloading folder the watchdog reads. */
  installDir?: string;
  /** A run that gives what was asked, whatever its exit code. */
  isDone(run: SteamcmdRunResult): boolean | Promise<boolean>;
  /** Before every run (also the first). */
  prepare?(): Promise<void>;
  /** Before the one retry of a retryable error. */
  beforeRetry?(error: SteamcmdErrorEvent): Promise<void>;
}

/** A fresh SteamCMD may update itself more than once in a row before it runs commands. */
const MAX_SELF_UPDATE_RETRIES = 2;
const MAX_ERROR_RETRIES = 1;
/** Errors after which the half-finished download is removed before the retry (Ch4r0ne's "unstick"). */
const UNSTICK_REASONS = new Set(['update-failed', 'missing-update-files', 'corrupt-update-files']);
/** The setting steamcmdStallTimeoutSec when the settings give none. */
export const DEFAULT_STALL_TIMEOUT_SEC = 600;
const DEFAULT_WATCHDOG_POLL_MS = 2000;

/** Runs SteamCMD for the ASA dedicated server: installs/updates a folder, asks for the latest build id. */
export class SteamcmdClient {
  private readonly logger: Logger;
  private readonly platform: NodeJS.Platform;

  constructor(private readonly deps: SteamcmdClientDeps) {
    this.logger = deps.logger.child({ component: 'steamcmd' });
    this.platform = deps.platform ?? process.platform;
  }

  /** The SteamCMD executable to run, or STEAMCMD_NOT_FOUND saying how to get one. */
  locate(): string {
    const { steamcmdPath, dataRoot } = this.deps.settings();
    if (steamcmdPath) return steamcmdPath;
    if (this.platform === 'win32') {
      const bundled = bundledSteamcmdPath(dataRoot);
      if (existsSync(bundled)) return bundled;
      throw new AppError(
        ErrorCode.STEAMCMD_NOT_FOUND,
        `SteamCMD is not installed yet: install it (POST /api/v1/steamcmd/install, which puts it in ${bundled}) or set steamcmdPath to your steamcmd.exe`,
      );
    }
    throw new AppError(
      ErrorCode.STEAMCMD_NOT_FOUND,
      'Set steamcmdPath in the settings to your steamcmd executable (e.g. /usr/games/steamcmd or ~/steamcmd/steamcmd.sh)',
    );
  }

  /**
   * Installs or updates the server into `installDir`. What is on disk decides: the app manifest
   * must show the install complete (as LinuxGSM checks its byte counters after every run) with the
   * server's files in place. A `Success!` line is not required, because Windows' buffered stdout
   * can lose it (docs/steamcmd.md), but a clean exit is: exit 0 and no error line.
   */
  async install(req: SteamcmdInstallRequest): Promise<SteamcmdInstallOutcome> {
    const args = buildSteamcmdArgs({
      installDir: req.installDir,
      validate: req.validate,
      beta: req.beta,
      platform: this.platform,
    });
    const run = await this.runRetrying({
      executable: this.locate(),
      args,
      signal: req.signal,
      installDir: req.installDir,
      progress: new InstallProgress(req.onProgress),
      isDone: async (r) => r.success !== null || (cleanExit(r) && (await installVerdict(req.installDir)).complete),
      beforeRetry: (error) => (UNSTICK_REASONS.has(error.reason) ? unstick(req.installDir) : Promise.resolve()),
    });
    return this.installOutcome(run, req.installDir);
  }

  private async installOutcome(run: SteamcmdRunResult, installDir: string): Promise<SteamcmdInstallOutcome> {
    const verdict = await installVerdict(installDir);
    const details = { manifest: manifestPath(installDir), exitCode: run.exitCode };
    if (verdict.complete && (run.success || cleanExit(run))) {
      if (!run.success) {
        this.logger.warn(
          { buildId: verdict.manifest.buildId },
          'SteamCMD printed no "Success!" line; the app manifest and files show a complete install',
        );
      }
      return { outcome: run.success?.outcome ?? 'installed', manifest: verdict.manifest };
    }
    if (!verdict.complete && run.success) {
      throw new AppError(
        ErrorCode.STEAMCMD_FAILED,
        `SteamCMD reported success, but ${verdict.why}: run the install again with "validate" enabled`,
        details,
      );
    }
    if (!verdict.complete && cleanExit(run)) {
      throw new AppError(
        ErrorCode.STEAMCMD_FAILED,
        `SteamCMD exited without printing "Success!", and ${verdict.why}: run the install again with "validate" enabled`,
        details,
      );
    }
    throw runFailure(run, 'the install');
  }

  /**
   * The newest public build id on Steam. SteamCMD answers app_info_print from its appinfo cache,
   * which can be days old, so the cache is deleted first (as LinuxGSM does, docs/ark-facts.md#latest-build-id).
   */
  async latestBuildId(opts: { signal: AbortSignal }): Promise<string> {
    const executable = this.locate();
    const run = await this.runRetrying({
      executable,
      args: buildAppInfoArgs(),
      signal: opts.signal,
      progress: new InstallProgress(),
      captureOutput: true,
      isDone: (r) => parseAppInfoBuildId(r.output) !== null,
      prepare: () => this.clearAppinfoCache(executable),
    });
    const buildId = parseAppInfoBuildId(run.output);
    if (buildId) return buildId;
    if (run.error || run.exitCode !== 0) throw runFailure(run, 'asking Steam for the latest build');
    throw new AppError(
      ErrorCode.STEAMCMD_FAILED,
      `Steam returned no build information for the ASA server (app ${ASA_APP_ID}); this happens when Steam is busy: try again in a few minutes`,
    );
  }

  private async runRetrying(req: RetryingRun): Promise<SteamcmdRunResult> {
    let selfUpdates = 0;
    let retries = 0;
    for (;;) {
      await req.prepare?.();
      const run = await runWatched(
        {
          executable: req.executable,
          args: req.args,
          signal: req.signal,
          captureOutput: req.captureOutput,
          killGraceMs: this.deps.killGraceMs,
          onEvent: req.progress.onEvent,
          onLine: (line) => this.logLine(line),
        },
        this.watch(req),
      );
      if (await req.isDone(run)) return run;
      if (endedBySelfUpdate(run) && selfUpdates < MAX_SELF_UPDATE_RETRIES) {
        selfUpdates += 1;
        this.logger.info({ exitCode: run.exitCode }, 'SteamCMD updated itself and quit; running it again');
        req.progress.note('SteamCMD updated itself; running it again…');
        continue;
      }
      if (run.error?.retryable && retries < MAX_ERROR_RETRIES) {
        retries += 1;
        this.logger.warn({ reason: run.error.reason, line: run.error.line }, 'SteamCMD failed; trying once more');
        await req.beforeRetry?.(run.error);
        req.progress.note('SteamCMD reported an error; trying once more…');
        continue;
      }
      return run;
    }
  }

  private watch(req: RetryingRun): Parameters<typeof runWatched>[1] {
    const sec = this.deps.settings().steamcmdStallTimeoutSec ?? DEFAULT_STALL_TIMEOUT_SEC;
    return {
      clock: this.deps.clock ?? systemClock,
      timeoutMs: sec * 1000,
      pollMs: this.deps.watchdogPollMs ?? DEFAULT_WATCHDOG_POLL_MS,
      installDir: req.installDir,
      onDisk: req.progress.onDisk,
    };
  }

  /** appcache/appinfo.vdf in every place this SteamCMD may keep it (the exe may be a symlink on Linux). */
  private async clearAppinfoCache(executable: string): Promise<void> {
    const homes = new Set([path.dirname(executable)]);
    try {
      homes.add(path.dirname(realpathSync(executable)));
    } catch {
      // A missing executable is reported by the run itself.
    }
    if (this.platform !== 'win32') {
      const home = this.deps.homeDir ?? os.homedir();
      homes.add(path.join(home, '.steam', 'steamcmd'));
      homes.add(path.join(home, 'Steam'));
    }
    for (const dir of homes) await rm(path.join(dir, 'appcache', 'appinfo.vdf'), { force: true });
  }

  private logLine(line: string): void {
    // Progress lines come by the hundred; they are worth keeping only when debugging.
    if (/^\s*Update state \(/.test(line)) this.logger.debug({ line }, 'steamcmd');
    else this.logger.info({ line }, 'steamcmd');
  }
}

/** What the disk says about the install in `installDir` (docs/steamcmd.md). */
async function installVerdict(installDir: string): Promise<InstallVerdict> {
  const manifest = await readInstalledManifest(installDir);
  const missing: string[] = [];
  for (const rel of ASA_EXPECTED_FILES) {
    if (!(await stat(path.join(installDir, rel)).catch(() => null))?.isFile()) missing.push(rel);
  }
  return judgeInstall(manifest, missing);
}

/**
 * Removes the half-finished download SteamCMD keeps retrying from (Ch4r0ne's "unstick" after
 * `state is 0x6`). The app manifest and the installed files stay, so an update still patches the
 * existing build instead of downloading everything again.
 */
async function unstick(installDir: string): Promise<void> {
  await rm(path.join(installDir, 'steamapps', 'downloading', ASA_APP_ID), { recursive: true, force: true });
  await rm(path.join(installDir, 'steamapps', 'temp'), { recursive: true, force: true });
}

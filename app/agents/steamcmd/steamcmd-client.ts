import { existsSync, realpathSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ErrorCode } from '@ark-asa/contracts';
import { AppError } from '../../domain/app-error.ts';
import { ASA_APP_ID } from '../../domain/steamcmd/app-id.ts';
import { buildAppInfoArgs, buildSteamcmdArgs } from '../../domain/steamcmd/command.ts';
import type { SteamcmdErrorEvent, SteamcmdSuccessEvent } from '../../domain/steamcmd/output-parser.ts';
import { parseAppInfoBuildId, readManifestState, type ManifestState } from '../../domain/steamcmd/vdf.ts';
import type { Logger } from '../../logger.ts';
import { InstallProgress, type ProgressCallback } from './install-progress.ts';
import { endedBySelfUpdate, runFailure } from './steamcmd-failure.ts';
import { bundledSteamcmdPath } from './steamcmd-paths.ts';
import { runSteamcmd, type SteamcmdRunResult } from './steamcmd-process.ts';

export interface SteamcmdClientDeps {
  settings: () => { steamcmdPath: string | null; dataRoot: string };
  logger: Logger;
  /** Host OS (default: this process's); decides the platform arguments and where SteamCMD is looked for. */
  platform?: NodeJS.Platform;
  /** Home folder holding Linux SteamCMD data (`~/.steam/steamcmd`, `~/Steam`); default os.homedir(). */
  homeDir?: string;
  killGraceMs?: number;
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
  /** A run that gives what was asked, whatever its exit code. */
  isDone(run: SteamcmdRunResult): boolean;
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

export function manifestPath(installDir: string): string {
  return path.join(installDir, 'steamapps', `appmanifest_${ASA_APP_ID}.acf`);
}

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
   * Installs or updates the server into `installDir`. Succeeds only when SteamCMD printed
   * `Success!` AND the app manifest says the install is complete, as LinuxGSM checks the manifest's
   * byte counters after every run (asa-facts.md §1.7).
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
      progress: new InstallProgress(req.onProgress),
      isDone: (r) => r.success !== null,
      beforeRetry: (error) => (UNSTICK_REASONS.has(error.reason) ? unstick(req.installDir) : Promise.resolve()),
    });
    if (!run.success) throw runFailure(run, 'the install');
    return { outcome: run.success.outcome, manifest: await this.completeManifest(req.installDir) };
  }

  /**
   * The newest public build id on Steam. SteamCMD answers app_info_print from its appinfo cache,
   * which can be days old, so the cache is deleted first (as LinuxGSM does, asa-facts.md §1.9).
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
      const run = await runSteamcmd({
        executable: req.executable,
        args: req.args,
        signal: req.signal,
        captureOutput: req.captureOutput,
        killGraceMs: this.deps.killGraceMs,
        onEvent: req.progress.onEvent,
        onLine: (line) => this.logLine(line),
      });
      if (req.isDone(run)) return run;
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

  private async completeManifest(installDir: string): Promise<ManifestState> {
    const file = manifestPath(installDir);
    const text = await readFile(file, 'utf8').catch(() => null);
    const state = text === null ? null : readManifestState(text);
    if (state?.fullyInstalled && state.buildId) return state;
    const why = !state
      ? 'is missing or unreadable'
      : `does not show a complete install (StateFlags ${state.stateFlags ?? 'missing'})`;
    throw new AppError(
      ErrorCode.STEAMCMD_FAILED,
      `SteamCMD reported success, but ${file} ${why}: run the install again with "validate" enabled`,
    );
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

/**
 * Removes the half-finished download SteamCMD keeps retrying from (Ch4r0ne's "unstick" after
 * `state is 0x6`). The app manifest and the installed files stay, so an update still patches the
 * existing build instead of downloading everything again.
 */
async function unstick(installDir: string): Promise<void> {
  await rm(path.join(installDir, 'steamapps', 'downloading', ASA_APP_ID), { recursive: true, force: true });
  await rm(path.join(installDir, 'steamapps', 'temp'), { recursive: true, force: true });
}

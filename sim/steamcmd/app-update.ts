// `app_update 2430930 [validate] [-beta <b>]`: state sequence 0x3 → 0x11 → 0x61 → 0x81 → 0x101, with a
// 0x5 pass first when validating an existing install, and the failure modes of docs/ark-facts.md#progress-lines-and-state-codes, #error-lines, #exit-codes.
import { mkdir, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { APP_ID } from './constants.ts';
import type { ConsoleOut } from './console-out.ts';
import type { SteamcmdSimControl } from './control.ts';
import { readManifest, writeManifest } from './manifest.ts';
import { contentLog, hangForever, Pacer, progressLine } from './progress.ts';
import {
  allRels,
  commitStaged,
  downloadTotal,
  existingTreeBytes,
  PAK_REL,
  PayloadWriter,
  stageSmallFiles,
  treeIsIntact,
} from './server-tree.ts';

export interface JobContext {
  home: string;
  control: SteamcmdSimControl;
  out: ConsoleOut;
}

export interface UpdateRequest {
  installDir: string;
  validate: boolean;
  beta: string | null;
}

const EXIT_FAILED = 8;
const DOWNLOAD_STEPS = 10;
/** Step after which `network` and `hang` stop making progress. */
const FAILURE_STEP = 3;

export async function appUpdate(ctx: JobContext, req: UpdateRequest): Promise<number> {
  const target = req.beta ? (ctx.control.betaBuildIds[req.beta] ?? ctx.control.buildId) : ctx.control.buildId;
  const manifest = await readManifest(req.installDir);
  const sameBuild =
    manifest !== null && manifest.buildId === target && manifest.stateFlags === '4' && manifest.betaKey === req.beta;
  if (sameBuild && !req.validate) {
    // Decided from the manifest alone, even when files are missing (the real tool trusts it too).
    if (!ctx.control.omitSuccessLine) ctx.out.line(`Success! App '${APP_ID}' already up to date.`);
    return 0;
  }
  const installed = manifest && manifest.buildId !== '0' ? manifest.buildId : null;
  return new UpdateJob(ctx, req, target, installed).run(manifest !== null, sameBuild);
}

class UpdateJob {
  private readonly pacer: Pacer;
  private readonly total: number;
  private readonly staging: string;
  private readonly tempDir: string;

  constructor(
    private readonly ctx: JobContext,
    private readonly req: UpdateRequest,
    private readonly buildId: string,
    /** The build the manifest already names, kept in `buildid` while the update runs. */
    private readonly installedBuildId: string | null,
  ) {
    this.pacer = new Pacer(ctx.control.durationMs);
    this.total = downloadTotal(ctx.control, buildId);
    this.staging = path.join(req.installDir, 'steamapps', 'downloading', APP_ID);
    this.tempDir = path.join(req.installDir, 'steamapps', 'temp');
  }

  async run(existing: boolean, sameBuild: boolean): Promise<number> {
    if (this.req.validate && existing) {
      await this.verifyInstall();
      if (sameBuild && (await treeIsIntact(this.req.installDir, this.ctx.control, this.buildId))) return this.succeed();
    }
    return this.download();
  }

  private progress(code: string, label: string, done: number, total = this.total): void {
    this.ctx.out.line(progressLine(code, label, done, total, this.ctx.control.decimalComma));
  }

  private fail(stateOrReason: string, logReason: string): number {
    contentLog(this.ctx.home, `AppID ${APP_ID} update canceled : ${logReason}`);
    this.ctx.out.line(stateOrReason);
    return EXIT_FAILED;
  }

  /** `0x5 verifying install` over the files already on disk (§1.4). */
  private async verifyInstall(): Promise<void> {
    const bytes = await existingTreeBytes(this.req.installDir, this.ctx.control, this.buildId);
    for (let i = 0; i <= 4; i += 1) {
      await this.pacer.at(0.04 * i);
      this.progress('0x5', 'verifying install', Math.round((bytes * i) / 4), bytes);
    }
  }

  private async download(): Promise<number> {
    const { mode } = this.ctx.control;
    await mkdir(this.staging, { recursive: true });
    await mkdir(this.tempDir, { recursive: true });
    contentLog(this.ctx.home, `AppID ${APP_ID} update started : download 0/${this.total}, stage 0/${this.total}`);
    await this.pacer.at(0.17);
    this.progress('0x3', 'reconfiguring', 0, 0);
    if (mode === 'state-0x6') {
      return this.fail(
        `Error! App '${APP_ID}' state is 0x6 after update job.`,
        'Failed downloading 1 manifests (No connection)',
      );
    }
    await this.pacer.at(0.2);
    this.progress('0x11', 'preallocating', 0);
    if (mode === 'disk-full') {
      return this.fail(`Error! App '${APP_ID}' state is 0x202 after update job.`, 'Not enough disk space');
    }
    const downloaded = await this.downloadPayload();
    if (downloaded !== null) return downloaded;
    await this.verifyAndCommit();
    return this.succeed();
  }

  /** The 0x61 phase; returns an exit code when the mode stops the job, null when it completed. */
  private async downloadPayload(): Promise<number | null> {
    const { control } = this.ctx;
    const writer = await PayloadWriter.create(path.join(this.staging, PAK_REL), control.payloadBytes, this.buildId);
    try {
      await this.writeProgressManifest(0);
      this.progress('0x61', 'downloading', 0);
      for (let step = 1; step <= DOWNLOAD_STEPS; step += 1) {
        await writer.writeUpTo(Math.round((control.payloadBytes * step) / DOWNLOAD_STEPS));
        const done = Math.round((this.total * step) / DOWNLOAD_STEPS);
        await this.writeProgressManifest(done);
        await this.pacer.at(0.2 + (0.6 * step) / DOWNLOAD_STEPS);
        const repeats = step === Math.ceil(DOWNLOAD_STEPS / 2) ? 1 + control.stallRepeats : 1;
        for (let r = 0; r < repeats; r += 1) this.progress('0x61', 'downloading', done);
        if (step === FAILURE_STEP && control.mode === 'hang') await hangForever();
        if (step === FAILURE_STEP && control.mode === 'network') return this.networkFailure(done);
      }
    } finally {
      await writer.close();
    }
    return null;
  }

  /** The real tool keeps StateFlags and byte counters in the manifest while it downloads (docs/steamcmd.md). */
  private writeProgressManifest(downloaded: number): Promise<void> {
    const info = { buildId: this.buildId, bytes: this.total, betaKey: this.req.beta };
    return writeManifest(this.req.installDir, info, { installedBuildId: this.installedBuildId, downloaded });
  }

  /** Network loss: `0x401 stopping` lines, then state 0x602 (§1.4, §1.5). */
  private async networkFailure(done: number): Promise<number> {
    this.progress('0x401', 'stopping', done);
    await this.pacer.at(0.5);
    this.progress('0x401', 'stopping', done);
    return this.fail(`Error! App '${APP_ID}' state is 0x602 after update job.`, 'Failed to download (No connection)');
  }

  private async verifyAndCommit(): Promise<void> {
    await stageSmallFiles(this.staging, this.ctx.control, this.buildId);
    await this.pacer.at(0.85);
    this.progress('0x81', 'verifying update', Math.round(this.total / 2));
    await this.pacer.at(0.9);
    this.progress('0x81', 'verifying update', this.total);
    await this.pacer.at(0.95);
    this.progress('0x101', 'committing', 0);
    await commitStaged(this.staging, this.req.installDir, allRels(this.ctx.control, this.buildId));
    await writeManifest(this.req.installDir, { buildId: this.buildId, bytes: this.total, betaKey: this.req.beta });
    await this.pacer.at(1);
    this.progress('0x101', 'committing', this.total);
    await rm(this.staging, { recursive: true, force: true });
    await rm(this.tempDir, { recursive: true, force: true });
    await rmdir(path.dirname(this.staging)).catch(() => undefined); // `downloading/` only when empty
  }

  private succeed(): number {
    contentLog(this.ctx.home, `AppID ${APP_ID} finished update (BuildID ${this.buildId})`);
    // Windows redirected output can lose this line although the install is complete (docs/steamcmd.md).
    if (!this.ctx.control.omitSuccessLine) this.ctx.out.line(`Success! App '${APP_ID}' fully installed.`);
    return 0;
  }
}

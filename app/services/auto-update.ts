import type { Job, JobType, LogLevel } from '@ark-asa/contracts';
import type { ScheduleResult } from '@ark-asa/contracts';
import { compareBuildIds, describeUpdate, updateAvailableFor } from '../domain/build-update.ts';
import type { Clock } from '../domain/clock.ts';
import { countdownOptions } from '../domain/schedule-policy.ts';
import { describeWindow, insideWindow } from '../domain/update-window.ts';
import type { EnqueueRequest } from '../jobs/job-runner.ts';
import type { ScheduleRecord } from '../store/schedules-repo.ts';
import { rollBack } from './auto-update-rollback.ts';
import type { JobOutcome } from './scheduler/job-outcome.ts';
import { onlyWhenEmptyReason, type FireContext, type InstanceView } from './scheduler/schedule-firing.ts';
import { labelOf } from './scheduler/schedule-report.ts';

export interface AutoUpdateDeps {
  clock: Clock;
  instance(instanceId: string): InstanceView | null;
  installedBuildIds(): string[];
  /** The build id Steam served at the last check (settings), for a check without a result. */
  latestKnownBuildId(): string | null;
  isBusy(instanceId: string): boolean;
  playersOnline(instanceId: string): Promise<{ count: number } | { unknown: string }>;
  enqueue(req: EnqueueRequest): Job;
  awaitJob(jobId: string, signal: AbortSignal): Promise<JobOutcome>;
  /** Ids of the instance's jobs still PENDING or RUNNING, oldest first. */
  activeJobIds(instanceId: string): string[];
  agentId(): string;
  setSkipBuild(scheduleId: string, buildId: string | null): void;
  say(instanceId: string, level: LogLevel, message: string): void;
  error(code: string, message: string, subjectId: string): void;
}

export const newestBuild = (ids: string[]): string | null =>
  ids.reduce<string | null>((a, b) => (a === null || compareBuildIds(b, a) > 0 ? b : a), null);

const skipped = (reason: string): ScheduleResult => ({ status: 'skipped', reason });
const failed = (reason: string, jobId?: string): ScheduleResult => ({
  status: 'failed',
  reason,
  ...(jobId && { jobId }),
});

/**
 * What an UPDATE schedule does when it fires: ask Steam which build it serves; download it into
 * the build cache while the servers keep running when it is not there yet (newer, or older when
 * Steam rolled back); then — only inside the update window, with
 * the schedule's countdown — stop, switch and start. A new build that does not come up RUNNING is
 * rolled back to the previous one and reported. Outside the window nothing restarts: the download
 * waits for the next run inside it.
 */
export class AutoUpdater {
  constructor(private readonly deps: AutoUpdateDeps) {}

  async run(s: ScheduleRecord, ctx: FireContext): Promise<ScheduleResult> {
    const target = await this.fetchServed(s, ctx);
    if (typeof target !== 'string') return target;
    return this.switchIfDue(s, target, ctx);
  }

  /**
   * The build to run after checking Steam: the one Steam serves, downloaded if it is not installed
   * yet, newer or lower than the installed ones alike (Wildcard pulls broken patches). Without an
   * answer from Steam, the newest installed build.
   */
  private async fetchServed(s: ScheduleRecord, ctx: FireContext): Promise<string | ScheduleResult> {
    const check = await this.job('CHECK_LATEST_BUILD', {}, ctx, 'Asking Steam for the latest build');
    if (check.status !== 'COMPLETED')
      return failed(`Could not ask Steam for the latest build: ${check.error ?? check.status}`, check.jobId);
    const served = (check.result as { latestBuildId?: string } | null)?.latestBuildId ?? this.deps.latestKnownBuildId();
    if (served && !this.deps.installedBuildIds().includes(served)) {
      const change = updateAvailableFor(this.deps.instance(s.instanceId)?.buildId ?? null, served);
      const what = change ? describeUpdate(change) : `build ${served} is out`;
      this.deps.say(s.instanceId, 'INFO', `${labelOf(s)}: ${what}; downloading it while the server keeps running`);
      const install = await this.job('INSTALL_BUILD', { validate: false }, ctx, `Downloading build ${served}`);
      if (install.status !== 'COMPLETED')
        return failed(`Downloading build ${served} failed: ${install.error ?? install.status}`, install.jobId);
      // Steam may have moved on between the check and the download: what was installed is what it serves.
      const got = (install.result as { buildId?: string } | null)?.buildId;
      if (got) return got;
    }
    if (served && this.deps.installedBuildIds().includes(served)) return served;
    return (
      newestBuild(this.deps.installedBuildIds()) ?? failed('No server build is installed, and none could be downloaded')
    );
  }

  private async switchIfDue(s: ScheduleRecord, target: string, ctx: FireContext): Promise<ScheduleResult> {
    const inst = this.deps.instance(s.instanceId);
    if (!inst) return skipped('The instance no longer exists');
    const change = updateAvailableFor(inst.buildId, target);
    if (inst.buildId && !change)
      return { status: 'started', reason: `Up to date: on build ${inst.buildId}, the one Steam serves` };
    if (s.skipBuildId === target)
      return skipped(`Build ${target} was rolled back on this server before; waiting for Steam to serve another build`);
    const rolledBack = change?.direction === 'rollback' ? ` (${describeUpdate(change)})` : '';
    if (s.updateWindow && !insideWindow(this.deps.clock.now(), s.updateWindow, s.timezone)) {
      return skipped(
        `Outside the update window (${describeWindow(s.updateWindow)}); build ${target}${rolledBack} is downloaded and waits for it`,
      );
    }
    const players = inst.status === 'RUNNING' ? await onlyWhenEmptyReason(this.deps, s) : null;
    if (players) return skipped(`${players}; build ${target} waits`);
    if (this.deps.isBusy(s.instanceId))
      return skipped('Another job is running on this server; the update waits for the next run');
    return this.switchBuild(s, inst, target, ctx);
  }

  private async switchBuild(
    s: ScheduleRecord,
    inst: InstanceView,
    target: string,
    ctx: FireContext,
  ): Promise<ScheduleResult> {
    const from = inst.buildId;
    const wasRunning = inst.status === 'RUNNING';
    const job = this.deps.enqueue({
      type: 'UPDATE_INSTANCE',
      instanceId: s.instanceId,
      agentId: inst.agentId,
      params: { buildId: target, ...countdownOptions(s) },
    });
    ctx.progress({ status: 'started', reason: `Updating from build ${from ?? 'none'} to ${target}`, jobId: job.id });
    const out = await this.deps.awaitJob(job.id, ctx.signal);
    const after = this.deps.instance(s.instanceId);
    if (out.status === 'COMPLETED' && after?.buildId === target && (!wasRunning || after.status === 'RUNNING')) {
      return { status: 'started', reason: `Updated from build ${from ?? 'none'} to ${target}`, jobId: job.id };
    }
    if (out.status === 'CANCELLED' && after?.buildId === from)
      return { status: 'skipped', reason: `Update cancelled by a user; still on build ${from}`, jobId: job.id };
    const why =
      out.status === 'FAILED'
        ? `did not start: ${out.error ?? 'no reason given'}`
        : out.status === 'CANCELLED'
          ? 'was cancelled by a user while switching'
          : `did not reach RUNNING (it is ${after?.status.toLowerCase() ?? 'gone'})`;
    return rollBack(this.deps, s, ctx, { from, to: target, wasRunning, why, jobId: job.id });
  }

  private async job(
    type: JobType,
    params: Record<string, unknown>,
    ctx: FireContext,
    what: string,
  ): Promise<JobOutcome> {
    const job = this.deps.enqueue({ type, params, agentId: this.deps.agentId() });
    ctx.progress({ status: 'started', reason: what, jobId: job.id });
    return this.deps.awaitJob(job.id, ctx.signal);
  }
}

import type { InstanceStatus, Job, StopInstanceBody } from '@ark-asa/contracts';
import type { ScheduleResult } from '@ark-asa/contracts';
import { errorInfo } from '../../domain/app-error.ts';
import { countdownOptions } from '../../domain/schedule-policy.ts';
import type { EnqueueRequest } from '../../jobs/job-runner.ts';
import type { ScheduleRecord } from '../../store/schedules-repo.ts';
import type { JobOutcome } from './job-outcome.ts';

export interface FireContext {
  /** Aborted when the scheduler stops; a job already queued carries on without us. */
  signal: AbortSignal;
  /** Records an intermediate outcome (a job was queued) before the final one. */
  progress(result: ScheduleResult): void;
}

export interface InstanceView {
  name: string;
  status: InstanceStatus;
  buildId: string | null;
  agentId: string;
}

/** What firing a schedule needs from the rest of the control plane (narrow, so tests can fake it). */
export interface FiringDeps {
  instance(instanceId: string): InstanceView | null;
  /** True while a job holds the instance's power lock. */
  isBusy(instanceId: string): boolean;
  /** Players online, or why the count is unknown (never guessed as zero). */
  playersOnline(instanceId: string): Promise<{ count: number } | { unknown: string }>;
  rcon(instanceId: string, command: string): Promise<string>;
  restart(instanceId: string, body: StopInstanceBody): Job;
  enqueue(req: EnqueueRequest): Job;
  awaitJob(jobId: string, signal: AbortSignal): Promise<JobOutcome>;
  autoUpdate(s: ScheduleRecord, ctx: FireContext): Promise<ScheduleResult>;
  /** The agent in this process: a remote host's server has its schedules run by that host. */
  localAgentId?: () => string;
}

const skipped = (reason: string, jobId?: string): ScheduleResult => ({
  status: 'skipped',
  reason,
  ...(jobId && { jobId }),
});
const failed = (reason: string, jobId?: string): ScheduleResult => ({
  status: 'failed',
  reason,
  ...(jobId && { jobId }),
});
const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/** Runs one due schedule and says how it went; never throws for an expected refusal. */
export async function fireSchedule(deps: FiringDeps, s: ScheduleRecord, ctx: FireContext): Promise<ScheduleResult> {
  const inst = deps.instance(s.instanceId);
  if (!inst) return skipped('The instance no longer exists');
  if (deps.localAgentId && inst.agentId !== deps.localAgentId())
    return skipped('The server runs on another host: its own manager runs its schedules');
  if (s.action === 'UPDATE') return deps.autoUpdate(s, ctx);
  const reason = await holdBack(deps, s, inst);
  if (reason) return skipped(reason);
  switch (s.action) {
    case 'RESTART':
      return runJob(deps, ctx, 'Restart', () => deps.restart(s.instanceId, countdownOptions(s)));
    case 'BACKUP':
      return runJob(deps, ctx, 'Backup', () =>
        deps.enqueue({
          type: 'BACKUP_INSTANCE',
          instanceId: s.instanceId,
          agentId: inst.agentId,
          params: { kind: 'scheduled' },
        }),
      );
    case 'BROADCAST':
      return sendRcon(deps, s.instanceId, `Broadcast ${s.message ?? ''}`);
    case 'RCON':
      return sendRcon(deps, s.instanceId, s.command ?? '');
  }
}

/**
 * Why the action must not run now, or null. Restarts, broadcasts and commands need a running
 * server (a scheduled restart never starts a server someone stopped); jobs never overlap one that
 * already holds the instance (wings' power lock); "only when nobody is online" asks the server.
 */
async function holdBack(deps: FiringDeps, s: ScheduleRecord, inst: InstanceView): Promise<string | null> {
  if (s.action !== 'BACKUP' && inst.status !== 'RUNNING')
    return `The server is ${inst.status.toLowerCase()}, not running`;
  if ((s.action === 'RESTART' || s.action === 'BACKUP') && deps.isBusy(s.instanceId)) {
    return 'Another job (start, stop, restart, update or backup) is running on this server';
  }
  return onlyWhenEmptyReason(deps, s);
}

export async function onlyWhenEmptyReason(
  deps: Pick<FiringDeps, 'playersOnline'>,
  s: ScheduleRecord,
): Promise<string | null> {
  if (!s.onlyWhenEmpty) return null;
  const players = await deps.playersOnline(s.instanceId);
  if ('unknown' in players) {
    return `Cannot tell whether anyone is online (${players.unknown}); this schedule runs only when nobody is`;
  }
  return players.count > 0
    ? `${plural(players.count, 'player')} online (this schedule runs only when nobody is)`
    : null;
}

async function runJob(deps: FiringDeps, ctx: FireContext, what: string, start: () => Job): Promise<ScheduleResult> {
  let job: Job;
  try {
    job = start();
  } catch (err) {
    return failed(`${what} could not be queued: ${errorInfo(err).message}`);
  }
  ctx.progress({ status: 'started', reason: `${what} job queued`, jobId: job.id });
  return outcomeResult(await deps.awaitJob(job.id, ctx.signal), what);
}

export function outcomeResult(out: JobOutcome, what: string): ScheduleResult {
  if (out.status === 'COMPLETED') return { status: 'started', reason: `${what} done`, jobId: out.jobId };
  if (out.status === 'CANCELLED') return skipped(`${what} cancelled by a user`, out.jobId);
  return failed(`${what} failed: ${out.error ?? 'no reason given'}`, out.jobId);
}

async function sendRcon(deps: FiringDeps, instanceId: string, command: string): Promise<ScheduleResult> {
  try {
    const reply = (await deps.rcon(instanceId, command)).trim();
    return { status: 'started', reason: reply ? `Sent; the server answered: ${reply.slice(0, 200)}` : 'Sent' };
  } catch (err) {
    return failed(`RCON failed: ${errorInfo(err).message}`);
  }
}

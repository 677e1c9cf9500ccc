import { ScheduleErrorCode, type ScheduleResult } from '@ark-asa/contracts';
import type { ScheduleRecord } from '../store/schedules-repo.ts';
import type { AutoUpdateDeps } from './auto-update.ts';
import type { FireContext } from './scheduler/schedule-firing.ts';
import { labelOf } from './scheduler/schedule-report.ts';

export interface FailedSwitch {
  /** The build the instance was on before the update. */
  from: string | null;
  /** The build that failed. */
  to: string;
  wasRunning: boolean;
  /** "did not start: …", completing "build <to> …". */
  why: string;
  /** The UPDATE_INSTANCE job that failed. */
  jobId: string;
}

/**
 * Puts the instance back on the build it ran before and, if it was running, running again. A build
 * that was switched to and failed is remembered on the schedule, so the next run does not try it
 * (and restart the server) again; a newer build or a manual update is the way forward. A failure
 * before the switch (the stop) leaves the build unjudged: the server is only brought back up.
 */
export async function rollBack(
  deps: AutoUpdateDeps,
  s: ScheduleRecord,
  ctx: FireContext,
  f: FailedSwitch,
): Promise<ScheduleResult> {
  const name = deps.instance(s.instanceId)?.name ?? s.instanceId;
  const switched = deps.instance(s.instanceId)?.buildId !== f.from;
  if (!f.from || !switched) {
    if (f.wasRunning) await ensureRunning(deps, s.instanceId, ctx.signal);
    const reason = `Update to build ${f.to} failed: it ${f.why}. ${f.from ? `Still on build ${f.from}` : 'There is no previous build to go back to'}; ${state(deps, s.instanceId)}`;
    deps.say(s.instanceId, 'ERROR', `${labelOf(s)}: ${reason}`);
    return { status: 'failed', reason, jobId: f.jobId };
  }
  deps.setSkipBuild(s.id, f.to);
  deps.say(s.instanceId, 'ERROR', `${labelOf(s)}: build ${f.to} ${f.why}; rolling back to build ${f.from}`);
  const agentId = deps.instance(s.instanceId)?.agentId ?? deps.agentId();
  const back = deps.enqueue({
    type: 'UPDATE_INSTANCE',
    instanceId: s.instanceId,
    agentId,
    params: { buildId: f.from },
  });
  ctx.progress({ status: 'started', reason: `Rolling back to build ${f.from}`, jobId: back.id });
  const out = await deps.awaitJob(back.id, ctx.signal);
  if (f.wasRunning) await ensureRunning(deps, s.instanceId, ctx.signal);
  const outcome =
    out.status === 'COMPLETED'
      ? `rolled back to build ${f.from}`
      : `the rollback to build ${f.from} failed too (${out.error ?? out.status})`;
  const message = `"${name}": build ${f.to} ${f.why}; ${outcome}; ${state(deps, s.instanceId)}`;
  deps.error(ScheduleErrorCode.ROLLED_BACK, message, s.instanceId);
  deps.say(s.instanceId, 'ERROR', `${labelOf(s)}: ${message}`);
  return { status: 'failed', reason: message, jobId: f.jobId };
}

function state(deps: AutoUpdateDeps, instanceId: string): string {
  const inst = deps.instance(instanceId);
  return inst ? `now on build ${inst.buildId ?? 'none'}, ${inst.status}` : 'the instance is gone';
}

const ATTEMPTS = 3;

/**
 * Brings a server that was running before the update back to RUNNING. A crash of the new build may
 * have queued automatic restarts (the crash guard's): those run first, and only if the server is
 * still down afterwards is a start queued here, so nothing starts it twice.
 */
export async function ensureRunning(deps: AutoUpdateDeps, instanceId: string, signal: AbortSignal): Promise<void> {
  for (let i = 0; i < ATTEMPTS; i += 1) {
    for (const jobId of deps.activeJobIds(instanceId)) await deps.awaitJob(jobId, signal);
    const inst = deps.instance(instanceId);
    if (!inst || (inst.status !== 'STOPPED' && inst.status !== 'CRASHED')) return;
    const start = deps.enqueue({
      type: 'START_INSTANCE',
      instanceId,
      agentId: inst.agentId,
      params: { reason: `Starting on build ${inst.buildId ?? '?'} again after a failed update` },
    });
    await deps.awaitJob(start.id, signal);
  }
}

import { ENDED_JOB_STATUSES, ErrorCode, type Instance, type Job } from '@ark-asa/contracts';
import type { EventBus } from '../events/event-bus.ts';
import type { Logger } from '../logger.ts';
import type { InstanceRecord, Store } from '../store/index.ts';

export interface SnapshotDeps {
  store: Store;
  bus: EventBus;
  logger: Logger;
  dto: (record: InstanceRecord) => Instance;
  nameOf: (agentId: string) => string;
  now: () => string;
}

/**
 * Reconciles the mirror with what an agent holds right after it (re)connected: its servers and
 * jobs are upserted in one transaction, and what changed while it was cut off is returned as
 * events to publish once the store has it all. Servers it no longer lists are kept (never lose
 * data on a word that may be a mistake: a wrong data dir, a database lost) and reported.
 */
export function reconcileSnapshot(
  deps: SnapshotDeps,
  agentId: string,
  instances: Instance[],
  jobs: Job[],
): (() => void)[] {
  const announce: (() => void)[] = [];
  deps.store.db.transaction(() => {
    const reported = new Set<string>();
    for (const dto of instances) {
      if (reconcileInstance(deps, agentId, dto, announce)) reported.add(dto.id);
    }
    const missing = deps.store.instances.listByAgent(agentId).filter((r) => !reported.has(r.id));
    if (missing.length) announce.push(reportMissing(deps, agentId, missing));
    const listed = new Set<string>();
    for (const job of jobs) {
      if (reconcileJob(deps, agentId, job, announce)) listed.add(job.id);
    }
    for (const job of activeJobsOf(deps.store, agentId).filter((j) => !listed.has(j.id))) {
      announce.push(endForgotten(deps, agentId, job));
    }
  })();
  return announce;
}

function reconcileInstance(deps: SnapshotDeps, agentId: string, dto: Instance, announce: (() => void)[]): boolean {
  const { store, bus } = deps;
  const before = store.instances.get(dto.id);
  if (!store.instances.upsertMirror(agentId, dto)) {
    deps.logger.warn({ agentId, instanceId: dto.id }, "dropped a server of a host snapshot: it is not that host's");
    return false;
  }
  const instance = deps.dto(store.instances.get(dto.id)!);
  if (!before) {
    announce.push(() => bus.publish('instance:created', { instanceId: dto.id, instance, createdAt: dto.createdAt }));
  } else if (before.status !== dto.status) {
    const reason = `Reported by host "${deps.nameOf(agentId)}" after reconnecting`;
    announce.push(() =>
      bus.publish('instance:status_changed', {
        instanceId: dto.id,
        status: dto.status,
        previousStatus: before.status,
        reason,
        changedAt: dto.updatedAt,
      }),
    );
  }
  if (before && viewChanged(before.remoteView, dto)) {
    announce.push(() => bus.publish('instance:updated', { instanceId: dto.id, instance, updatedAt: dto.updatedAt }));
  }
  return true;
}

/** Anything but the status (announced by itself) and the runtime (it moves all the time). */
function viewChanged(before: Instance | undefined, after: Instance): boolean {
  const strip = (v: Instance) => JSON.stringify({ ...v, status: null, runtime: null, updatedAt: null, agentId: null });
  return !before || strip(before) !== strip(after);
}

function reportMissing(deps: SnapshotDeps, agentId: string, missing: InstanceRecord[]): () => void {
  const names = missing.map((r) => `"${r.name}" (${r.id})`).join(', ');
  const message =
    `Host "${deps.nameOf(agentId)}" no longer reports ${missing.length === 1 ? 'the server' : 'these servers'} ` +
    `${names}; ${missing.length === 1 ? 'it is' : 'they are'} kept here as last known. ` +
    'Check that the host runs with its own data dir, or delete the server if it is gone for good.';
  deps.logger.warn({ agentId, missing: missing.map((r) => r.id) }, message);
  const subjectId = missing.length === 1 ? missing[0]!.id : agentId;
  const timestamp = deps.now();
  return () => deps.bus.publish('system:error', { code: ErrorCode.INVALID_STATE, message, subjectId, timestamp });
}

function reconcileJob(deps: SnapshotDeps, agentId: string, job: Job, announce: (() => void)[]): boolean {
  const { store } = deps;
  const before = store.jobs.get(job.id);
  const owner = job.instanceId === null ? null : store.instances.get(job.instanceId)?.agentId;
  if ((before && before.agentId !== agentId) || (owner && owner !== agentId)) {
    deps.logger.warn({ agentId, jobId: job.id }, "dropped a job of a host snapshot: it is not that host's");
    return false;
  }
  // A server deleted meanwhile: the job keeps its history without it, as a local job would.
  const mirrored: Job = { ...job, agentId, instanceId: owner ? job.instanceId : null };
  if (!store.jobs.upsertMirror(mirrored)) return false;
  if (ENDED_JOB_STATUSES.has(job.status) && !job.runs) settleRuns(deps, mirrored);
  if (before && !ENDED_JOB_STATUSES.has(before.status) && ENDED_JOB_STATUSES.has(job.status))
    announce.push(endedEvent(deps, mirrored));
  return true;
}

/** Runs the copy still has active for a job that ended (without its runs in the DTO) end with it. */
function settleRuns(deps: SnapshotDeps, job: Job): void {
  const finishedAt = job.finishedAt ?? job.updatedAt;
  const error = job.status === 'COMPLETED' ? null : job.error;
  for (const run of deps.store.jobRuns.listForJob(job.id).filter((r) => !ENDED_JOB_STATUSES.has(r.status))) {
    deps.store.jobs.upsertMirrorRun({ id: run.id, jobId: job.id, status: job.status, finishedAt, error });
  }
}

/** The event a job that ended while the host was cut off would have sent. */
function endedEvent(deps: SnapshotDeps, job: Job): () => void {
  const { bus } = deps;
  const lastRun = deps.store.jobRuns.listForJob(job.id).at(-1) ?? null;
  const at = job.finishedAt ?? job.updatedAt;
  if (job.status === 'COMPLETED') {
    if (!lastRun) return () => deps.logger.debug({ jobId: job.id }, 'a completed job without a run: not announced');
    return () =>
      bus.publish('job:completed', { jobId: job.id, jobRunId: lastRun.id, result: lastRun.result, completedAt: at });
  }
  if (job.status === 'CANCELLED')
    return () => bus.publish('job:cancelled', { jobId: job.id, jobRunId: lastRun?.id ?? null, cancelledAt: at });
  const error = job.error ?? { code: ErrorCode.INTERRUPTED, message: 'The job failed on the host' };
  return () => bus.publish('job:failed', { jobId: job.id, jobRunId: lastRun?.id ?? null, error, failedAt: at });
}

function activeJobsOf(store: Store, agentId: string): Job[] {
  return [...store.jobs.listByStatus('RUNNING'), ...store.jobs.listByStatus('PENDING')].filter(
    (j) => j.agentId === agentId,
  );
}

/**
 * A job the copy says is active but the host lists no more (its snapshot holds every active job):
 * its outcome is unknown here, so it ends FAILED saying so rather than staying RUNNING forever.
 */
function endForgotten(deps: SnapshotDeps, agentId: string, job: Job): () => void {
  const now = deps.now();
  const error = {
    code: ErrorCode.INTERRUPTED,
    message: `Host "${deps.nameOf(agentId)}" no longer reports this job after reconnecting; its outcome is unknown`,
  };
  for (const run of deps.store.jobRuns.listForJob(job.id).filter((r) => !ENDED_JOB_STATUSES.has(r.status))) {
    deps.store.jobs.upsertMirrorRun({ id: run.id, jobId: job.id, status: 'FAILED', finishedAt: now, error });
  }
  deps.store.jobs.setStatus(job.id, 'FAILED', now, error);
  return () => deps.bus.publish('job:failed', { jobId: job.id, jobRunId: null, error, failedAt: now });
}

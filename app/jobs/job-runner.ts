import { randomUUID } from 'node:crypto';
import { ENDED_JOB_STATUSES, ErrorCode, type ErrorInfo, type Job, type JobRun, type JobType } from '@ark-asa/contracts';
import { AppError, errorInfo, isAppError } from '../domain/app-error.ts';
import { isoNow, type Clock } from '../domain/clock.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { Logger } from '../logger.ts';
import type { Store } from '../store/index.ts';
import { AbortReason, defaultLockKey, type JobHandler } from './job-handler.ts';
import { parseJobParams } from './job-params.ts';
import { ProgressReporter } from './progress-reporter.ts';

export interface JobRunnerDeps {
  store: Store;
  bus: EventBus;
  logger: Logger;
  clock: Clock;
  /** Read on every scheduling pass, so a settings change applies without a restart. */
  concurrency: () => number;
  progressIntervalMs?: number;
  /**
   * The agent in this process. A job of another agent (the copy of a remote host's job) is that
   * host's to run and to recover: this runner never runs it nor fails it after a restart.
   */
  localAgentId?: () => string;
}

export interface EnqueueRequest {
  type: JobType;
  params?: Record<string, unknown>;
  instanceId?: string | null;
  agentId?: string | null;
}

interface ActiveRun {
  runId: string;
  controller: AbortController;
  lockKey: string | null;
  done: Promise<void>;
}

/**
 * Runs jobs: persisted PENDING → RUNNING → COMPLETED | FAILED | CANCELLED, with a concurrency
 * limit, one lock per instance, coalesced progress, cancellation through an AbortSignal, and
 * recovery of what a killed process left behind. Every transition is written to the store before
 * its event is published, so a client never hears of a state the store does not have.
 */
export class JobRunner {
  private readonly handlers = new Map<JobType, JobHandler>();
  private readonly queue: string[] = [];
  private readonly active = new Map<string, ActiveRun>();
  private readonly heldLocks = new Set<string>();
  private readonly waiters = new Map<string, ((job: Job) => void)[]>();
  private accepting = true;
  private readonly logger: Logger;

  constructor(private readonly deps: JobRunnerDeps) {
    this.logger = deps.logger.child({ component: 'jobs' });
  }

  register<T extends JobType, R>(handler: JobHandler<T, R>): void {
    this.handlers.set(handler.type, handler);
  }

  /**
   * Queues a job. Params that do not fit the type's schema throw AppError `validation-failed` at
   * once: a caller's bug is reported where it happens, not later by a run. The params are stored as
   * given; the run receives them parsed (defaults applied).
   */
  enqueue(req: EnqueueRequest): Job {
    if (!this.accepting)
      throw new AppError(ErrorCode.SHUTDOWN, 'The manager is shutting down; try again after it restarts');
    if (!this.handlers.has(req.type)) throw AppError.invalidState(`No handler for job type ${req.type}`);
    if (!this.isLocal(req.agentId ?? null))
      throw AppError.invalidState(`This job is for another host (agent ${req.agentId}): that host's manager runs it`);
    const params = req.params ?? {};
    parseJobParams(req.type, params);
    const now = isoNow(this.deps.clock);
    const job: Job = {
      id: randomUUID(),
      type: req.type,
      status: 'PENDING',
      instanceId: req.instanceId ?? null,
      agentId: req.agentId ?? null,
      params,
      createdAt: now,
      updatedAt: now,
      startedAt: null,
      finishedAt: null,
      error: null,
    };
    this.deps.store.jobs.insert(job);
    this.deps.bus.publish('job:created', {
      jobId: job.id,
      type: job.type,
      status: 'PENDING',
      instanceId: job.instanceId,
      agentId: job.agentId,
      createdAt: now,
    });
    this.queue.push(job.id);
    queueMicrotask(() => this.pump());
    return job;
  }

  /** Cancels a pending job at once, or aborts a running one (it ends CANCELLED when its handler returns). */
  cancel(jobId: string): Job {
    const job = this.deps.store.jobs.get(jobId);
    if (!job) throw AppError.notFound('Job', jobId);
    if (ENDED_JOB_STATUSES.has(job.status))
      throw AppError.invalidState(`Job ${jobId} has already ended (${job.status})`);
    // Only its host can cancel a remote host's job: marking this copy would leave the job running there.
    if (!this.isLocal(job.agentId)) throw AppError.invalidState(`Job ${jobId} runs on another host: cancel it there`);
    const running = this.active.get(jobId);
    if (running) {
      running.controller.abort(new AbortReason('cancelled'));
      return job;
    }
    const queued = this.queue.indexOf(jobId);
    if (queued >= 0) this.queue.splice(queued, 1);
    const now = isoNow(this.deps.clock);
    this.deps.store.jobs.setStatus(jobId, 'CANCELLED', now, {
      code: 'cancelled',
      message: 'Cancelled by a user before it started',
    });
    this.deps.bus.publish('job:cancelled', { jobId, jobRunId: null, cancelledAt: now });
    this.settle(jobId);
    return this.deps.store.jobs.get(jobId) ?? job;
  }

  /** Resolves with the job once it has ended (immediately if it already has). */
  waitFor(jobId: string): Promise<Job> {
    const job = this.deps.store.jobs.get(jobId);
    if (!job) return Promise.reject(AppError.notFound('Job', jobId));
    if (ENDED_JOB_STATUSES.has(job.status)) return Promise.resolve(job);
    return new Promise((resolve) => this.waiters.set(jobId, [...(this.waiters.get(jobId) ?? []), resolve]));
  }

  isBusy(lockKey: string): boolean {
    return this.heldLocks.has(lockKey);
  }

  /**
   * After a restart: runs left RUNNING belonged to a process that is gone, and PENDING jobs were
   * never started; both become FAILED with a reason (never re-run behind the user's back: a start
   * or a restart hours late would surprise). Returns the announcements to publish once clients can
   * hear them.
   */
  recover(): (() => void)[] {
    const now = isoNow(this.deps.clock);
    const announce: (() => void)[] = [];
    const fail = (jobId: string, runId: string | null, error: ErrorInfo) => {
      if (runId) this.deps.store.jobRuns.finish(runId, { status: 'FAILED', finishedAt: now, error });
      this.deps.store.jobs.setStatus(jobId, 'FAILED', now, error);
      announce.push(() => this.deps.bus.publish('job:failed', { jobId, jobRunId: runId, error, failedAt: now }));
      this.logger.warn({ jobId, runId }, error.message);
    };
    const local = (jobId: string) => this.isLocal(this.deps.store.jobs.get(jobId)?.agentId ?? null);
    this.deps.store.db.transaction(() => {
      for (const run of this.deps.store.jobRuns.listRunning().filter((r) => local(r.jobId))) {
        fail(run.jobId, run.id, {
          code: ErrorCode.INTERRUPTED,
          message:
            'The manager stopped while this job was running (closed, killed or crashed). Run it again if it is still needed.',
        });
      }
      for (const job of [
        ...this.deps.store.jobs.listByStatus('RUNNING'),
        ...this.deps.store.jobs.listByStatus('PENDING'),
      ].filter((j) => this.isLocal(j.agentId))) {
        fail(job.id, null, {
          code: ErrorCode.INTERRUPTED,
          message: 'The manager stopped before this job could run. Start it again if it is still needed.',
        });
      }
    })();
    return announce;
  }

  /** Stops accepting jobs, aborts the running ones and waits for them (at most `graceMs`). */
  async shutdown(graceMs = 10_000): Promise<void> {
    this.accepting = false;
    const now = isoNow(this.deps.clock);
    for (const jobId of this.queue.splice(0)) {
      const error = { code: ErrorCode.SHUTDOWN, message: 'The manager shut down before this job could run' };
      this.deps.store.jobs.setStatus(jobId, 'FAILED', now, error);
      this.deps.bus.publish('job:failed', { jobId, jobRunId: null, error, failedAt: now });
      this.settle(jobId);
    }
    for (const run of this.active.values()) run.controller.abort(new AbortReason('shutdown'));
    const all = Promise.all([...this.active.values()].map((r) => r.done));
    await Promise.race([all, new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
  }

  private pump(): void {
    for (let i = 0; i < this.queue.length && this.active.size < this.deps.concurrency();) {
      const job = this.deps.store.jobs.get(this.queue[i]!);
      const handler = job && this.handlers.get(job.type);
      if (!job || !handler) {
        this.queue.splice(i, 1);
        continue;
      }
      const lockKey = handler.lockKey ? handler.lockKey(job) : defaultLockKey(job);
      if (lockKey && this.heldLocks.has(lockKey)) {
        i += 1; // waits for the job holding its lock; later jobs may still run
        continue;
      }
      this.queue.splice(i, 1);
      this.start(job, handler, lockKey);
    }
  }

  private start(job: Job, handler: JobHandler, lockKey: string | null): void {
    const { store, bus, clock } = this.deps;
    const now = isoNow(clock);
    const run: JobRun = {
      id: randomUUID(),
      jobId: job.id,
      attempt: store.jobRuns.nextAttempt(job.id),
      status: 'RUNNING',
      percent: 0,
      message: 'Started',
      startedAt: now,
      finishedAt: null,
      result: null,
      error: null,
    };
    store.db.transaction(() => {
      store.jobRuns.insert(run);
      store.jobs.setStatus(job.id, 'RUNNING', now);
    })();
    bus.publish('job:progress', {
      jobId: job.id,
      jobRunId: run.id,
      status: 'RUNNING',
      percent: 0,
      message: 'Started',
      timestamp: now,
    });
    if (lockKey) this.heldLocks.add(lockKey);
    const controller = new AbortController();
    const done = this.execute(
      { ...job, status: 'RUNNING', startedAt: job.startedAt ?? now },
      handler,
      run.id,
      controller.signal,
    ).finally(() => {
      this.active.delete(job.id);
      if (lockKey) this.heldLocks.delete(lockKey);
      this.settle(job.id);
      this.pump();
    });
    this.active.set(job.id, { runId: run.id, controller, lockKey, done });
  }

  private async execute(job: Job, handler: JobHandler, runId: string, signal: AbortSignal): Promise<void> {
    const reporter = new ProgressReporter((percent, message) => {
      this.deps.store.jobRuns.updateProgress(runId, percent, message);
      this.deps.bus.publish('job:progress', {
        jobId: job.id,
        jobRunId: runId,
        status: 'RUNNING',
        percent,
        message,
        timestamp: isoNow(this.deps.clock),
      });
    }, this.deps.progressIntervalMs ?? 250);
    try {
      // Checked again: the stored row may come from an older version whose params no longer fit;
      // it then fails as validation-failed (an AppError, so no system:error) instead of crashing.
      const params = parseJobParams(job.type, job.params);
      const result = await handler.run({
        job,
        runId,
        params,
        signal,
        progress: (p, m) => reporter.report(p, m),
      });
      // The handler's last words ("Build 123 is already up to date") are its outcome: sent, not
      // dropped, so the run never ends on an earlier message such as "Copying build … 20 %".
      reporter.flush();
      this.complete(job, runId, result ?? null);
    } catch (err) {
      reporter.dispose();
      this.fail(job, runId, err, signal);
    }
  }

  private complete(job: Job, runId: string, result: unknown): void {
    const now = isoNow(this.deps.clock);
    this.deps.store.db.transaction(() => {
      this.deps.store.jobRuns.finish(runId, { status: 'COMPLETED', finishedAt: now, result, percent: 100 });
      this.deps.store.jobs.setStatus(job.id, 'COMPLETED', now);
    })();
    this.deps.bus.publish('job:completed', { jobId: job.id, jobRunId: runId, result, completedAt: now });
  }

  private fail(job: Job, runId: string, err: unknown, signal: AbortSignal): void {
    const now = isoNow(this.deps.clock);
    const reason = signal.aborted ? (signal.reason as unknown) : null;
    if (reason instanceof AbortReason && reason.kind === 'cancelled') {
      this.finishAs(job.id, runId, 'CANCELLED', now, { code: 'cancelled', message: 'Cancelled by a user' });
      this.deps.bus.publish('job:cancelled', { jobId: job.id, jobRunId: runId, cancelledAt: now });
      return;
    }
    const error =
      reason instanceof AbortReason
        ? { code: ErrorCode.SHUTDOWN, message: 'The manager shut down while this job was running' }
        : errorInfo(err);
    this.finishAs(job.id, runId, 'FAILED', now, error);
    this.deps.bus.publish('job:failed', { jobId: job.id, jobRunId: runId, error, failedAt: now });
    if (!isAppError(err) && !(reason instanceof AbortReason)) {
      // Not an explained failure: a bug or an unexpected condition in the handler.
      this.logger.error({ err, jobId: job.id, type: job.type }, 'job handler threw');
      this.deps.bus.publish('system:error', {
        code: ErrorCode.JOB_HANDLER_FAILED,
        message: `${job.type} job failed unexpectedly: ${error.message}`,
        subjectId: job.id,
        timestamp: now,
      });
    }
  }

  private finishAs(jobId: string, runId: string, status: 'FAILED' | 'CANCELLED', now: string, error: ErrorInfo): void {
    this.deps.store.db.transaction(() => {
      this.deps.store.jobRuns.finish(runId, { status, finishedAt: now, error });
      this.deps.store.jobs.setStatus(jobId, status, now, error);
    })();
  }

  /** A job of no agent (older rows) or of this process's agent. */
  private isLocal(agentId: string | null): boolean {
    return agentId === null || !this.deps.localAgentId || agentId === this.deps.localAgentId();
  }

  private settle(jobId: string): void {
    const job = this.deps.store.jobs.get(jobId);
    const waiters = this.waiters.get(jobId);
    if (!job || !waiters) return;
    this.waiters.delete(jobId);
    for (const resolve of waiters) resolve(job);
  }
}

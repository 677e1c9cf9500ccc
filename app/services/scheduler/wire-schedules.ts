import type { JobStatus } from '@ark-asa/contracts';
import { readLatestBuild } from '../../agents/builds/latest-build.ts';
import type { LogSink } from '../../agents/logs/log-sink.ts';
import type { Supervisor } from '../../agents/supervisor/supervisor.ts';
import type { Clock } from '../../domain/clock.ts';
import type { EventBus } from '../../events/event-bus.ts';
import type { JobRunner } from '../../jobs/job-runner.ts';
import type { Logger } from '../../logger.ts';
import type { Store } from '../../store/index.ts';
import { SchedulesRepo } from '../../store/schedules-repo.ts';
import { AutoUpdater } from '../auto-update.ts';
import type { InstancesService } from '../instances-service.ts';
import type { LifecycleService } from '../lifecycle-service.ts';
import { SchedulesService } from '../schedules-service.ts';
import { awaitJob } from './job-outcome.ts';
import { fireSchedule, type FiringDeps, type InstanceView } from './schedule-firing.ts';
import { ScheduleReporter } from './schedule-report.ts';
import { Scheduler } from './scheduler.ts';

export interface ScheduleWiringInput {
  store: Store;
  bus: EventBus;
  clock: Clock;
  logger: Logger;
  runner: JobRunner;
  supervisor: Supervisor;
  lifecycle: LifecycleService;
  instances: InstancesService;
  logs: LogSink;
  agentId: () => string;
  /** Tests: how late a run may still fire, and the longest single wait. */
  graceMs?: number;
  maxNapMs?: number;
}

export interface ScheduleWiring {
  scheduler: Scheduler;
  schedules: SchedulesService;
}

/** Builds the scheduler and the schedules service from the control plane's parts (one call in wiring.ts). */
export function wireSchedules(w: ScheduleWiringInput): ScheduleWiring {
  const { store, runner, supervisor, clock } = w;
  const repo = new SchedulesRepo(store.db);
  const reporter = new ScheduleReporter({ repo, bus: w.bus, logs: w.logs, clock });
  const jobs = { waitFor: (id: string) => runner.waitFor(id), runsOf: (id: string) => store.jobRuns.listForJob(id) };
  const instance = (id: string): InstanceView | null => {
    const r = store.instances.get(id);
    return r && { name: r.name, status: r.status, buildId: r.buildId, agentId: r.agentId };
  };
  const shared = {
    instance,
    isBusy: (id: string) => runner.isBusy(`instance:${id}`),
    playersOnline: (id: string) => supervisor.playerCount(id),
    enqueue: runner.enqueue.bind(runner),
    awaitJob: (jobId: string, signal: AbortSignal) => awaitJob(jobs, jobId, signal),
  };
  const updater = new AutoUpdater({
    ...shared,
    clock,
    installedBuildIds: () => store.builds.list().map((b) => b.buildId),
    latestKnownBuildId: () => readLatestBuild(store).latestBuildId,
    activeJobIds: (id) => activeJobIds(store, id),
    agentId: w.agentId,
    setSkipBuild: (scheduleId, buildId) => repo.setSkipBuild(scheduleId, buildId),
    say: (id, level, message) => reporter.say(id, level, message),
    error: (code, message, subjectId) => reporter.error(code, message, subjectId),
  });
  const firing: FiringDeps = {
    ...shared,
    rcon: (id, command) => w.lifecycle.rcon(id, command),
    restart: (id, body) => w.lifecycle.restart(id, body),
    autoUpdate: (s, ctx) => updater.run(s, ctx),
    localAgentId: w.agentId,
  };
  const scheduler = new Scheduler({
    repo,
    clock,
    logger: w.logger.child({ component: 'scheduler' }),
    reporter,
    fire: (s, ctx) => fireSchedule(firing, s, ctx),
    graceMs: w.graceMs,
    maxNapMs: w.maxNapMs,
  });
  const schedules = new SchedulesService({
    repo,
    pages: w.store.pages,
    clock,
    instance: (id) => w.instances.record(id),
    changed: (id) => scheduler.refresh(id),
  });
  return { scheduler, schedules };
}

/** The instance's jobs still running or waiting, oldest first (the list is newest first). */
function activeJobIds(store: Store, instanceId: string): string[] {
  const of = (status: JobStatus) => store.jobs.list({ status, instanceId, limit: 100 }).items.reverse();
  return [...of('RUNNING'), ...of('PENDING')].map((j) => j.id);
}

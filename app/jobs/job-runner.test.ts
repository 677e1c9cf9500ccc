import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InstanceSettings, type Job, type WSEvent } from '@ark-asa/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../domain/app-error.ts';
import { systemClock } from '../domain/clock.ts';
import { EventBus } from '../events/event-bus.ts';
import { createLogger } from '../logger.ts';
import { createStore, openDatabase, type Store } from '../store/index.ts';
import type { JobHandler } from './job-handler.ts';
import { JobRunner } from './job-runner.ts';
import { seedAgent } from '../../test/helpers/store-fixtures.ts';

let store: Store;
let events: WSEvent[];
let runner: JobRunner;
let concurrency: number;
let dir: string;

function makeRunner(): JobRunner {
  const bus = new EventBus(createLogger({ silent: true }), true);
  bus.subscribe((e) => events.push(e));
  return new JobRunner({
    store,
    bus,
    logger: createLogger({ silent: true }),
    clock: systemClock,
    concurrency: () => concurrency,
    progressIntervalMs: 20,
  });
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ark-jobs-'));
  store = createStore(openDatabase(dir));
  events = [];
  concurrency = 2;
  runner = makeRunner();
});
afterEach(() => store.close());

const names = () => events.map((e) => e.event);

/** A handler whose runs wait until the test releases them (or their signal aborts). */
function gated(type: Job['type'], lockKey?: (job: Job) => string | null) {
  const started: string[] = [];
  const release = new Map<string, () => void>();
  const handler: JobHandler = {
    type,
    lockKey,
    run: (ctx) =>
      new Promise((resolve, reject) => {
        started.push(ctx.job.id);
        release.set(ctx.job.id, () => resolve({ done: ctx.job.id }));
        ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason as Error));
      }),
  };
  return { handler, started, release: (id: string) => release.get(id)?.() };
}

const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));

describe('JobRunner', () => {
  it('runs a job through PENDING → RUNNING → COMPLETED, persisting the run and its result', async () => {
    runner.register({
      type: 'DIAGNOSTICS',
      run: async (ctx) => {
        for (let i = 1; i <= 50; i += 1) ctx.progress(i * 2, `step ${i}`);
        await tick(60);
        return { answer: 42 };
      },
    });
    const job = runner.enqueue({ type: 'DIAGNOSTICS' });
    expect(job.status).toBe('PENDING');
    const done = await runner.waitFor(job.id);
    expect(done.status).toBe('COMPLETED');
    const [run] = store.jobRuns.listForJob(job.id);
    expect(run).toMatchObject({ attempt: 1, status: 'COMPLETED', percent: 100, result: { answer: 42 }, error: null });
    // The job row carries its run's times, so the list can say how long it ran without the runs.
    expect(done).toMatchObject({ startedAt: run!.startedAt, finishedAt: run!.finishedAt, error: null });
    expect(names()[0]).toBe('job:created');
    expect(names().at(-1)).toBe('job:completed');
    // 50 progress calls were coalesced: the start, the first report and at most a few more.
    const progress = events.filter((e) => e.event === 'job:progress');
    expect(progress.length).toBeLessThan(10);
    expect(progress.length).toBeGreaterThanOrEqual(2);
  });

  it('fails with the AppError code and message, without a system:error', async () => {
    runner.register({
      type: 'DIAGNOSTICS',
      run: () => Promise.reject(new AppError('steamcmd-failed', 'Not enough disk space')),
    });
    const job = runner.enqueue({ type: 'DIAGNOSTICS' });
    expect((await runner.waitFor(job.id)).status).toBe('FAILED');
    const failed = events.find((e) => e.event === 'job:failed');
    expect(failed?.data).toMatchObject({
      jobId: job.id,
      error: { code: 'steamcmd-failed', message: 'Not enough disk space' },
    });
    expect(names()).not.toContain('system:error');
    expect(store.jobs.get(job.id)?.error).toEqual({ code: 'steamcmd-failed', message: 'Not enough disk space' });
  });

  it('publishes system:error when a handler throws something unexpected', async () => {
    runner.register({ type: 'DIAGNOSTICS', run: () => Promise.reject(new TypeError('x is undefined')) });
    const job = runner.enqueue({ type: 'DIAGNOSTICS' });
    await runner.waitFor(job.id);
    const sys = events.find((e) => e.event === 'system:error');
    expect(sys?.data).toMatchObject({ code: 'job-handler-failed', subjectId: job.id });
    expect(store.jobRuns.listForJob(job.id)[0]?.error).toEqual({ code: 'internal-error', message: 'x is undefined' });
  });

  it('cancels a running job through its signal and a pending one at once', async () => {
    concurrency = 1;
    const g = gated('DIAGNOSTICS', () => null);
    runner.register(g.handler);
    const running = runner.enqueue({ type: 'DIAGNOSTICS' });
    const pending = runner.enqueue({ type: 'DIAGNOSTICS' });
    await tick();
    expect(g.started).toEqual([running.id]);
    runner.cancel(pending.id);
    expect(store.jobs.get(pending.id)?.status).toBe('CANCELLED');
    runner.cancel(running.id);
    expect((await runner.waitFor(running.id)).status).toBe('CANCELLED');
    const cancelled = events.filter((e) => e.event === 'job:cancelled').map((e) => e.data);
    expect(cancelled).toEqual([
      expect.objectContaining({ jobId: pending.id, jobRunId: null }),
      expect.objectContaining({ jobId: running.id, jobRunId: store.jobRuns.listForJob(running.id)[0]!.id }),
    ]);
    expect(g.started).toEqual([running.id]);
    expect(() => runner.cancel(running.id)).toThrow(/already ended/);
  });

  it('respects the concurrency limit', async () => {
    concurrency = 2;
    const g = gated('DIAGNOSTICS', () => null);
    runner.register(g.handler);
    const jobs = [1, 2, 3, 4].map(() => runner.enqueue({ type: 'DIAGNOSTICS' }));
    await tick();
    expect(g.started).toHaveLength(2);
    g.release(jobs[0]!.id);
    await runner.waitFor(jobs[0]!.id);
    await tick();
    expect(g.started).toHaveLength(3);
  });

  it('runs jobs of one instance one after another (the power lock) while others proceed', async () => {
    concurrency = 4;
    const instanceId = crypto.randomUUID();
    const other = crypto.randomUUID();
    seedAgent(store, 'a0000000-0000-4000-8000-000000000000');
    for (const id of [instanceId, other]) {
      store.instances.insert({
        id,
        name: id,
        agentId: 'a0000000-0000-4000-8000-000000000000',
        status: 'STOPPED',
        buildId: null,
        installPath: null,
        settings: InstanceSettings.parse({}),
        process: null,
        createdAt: new Date().toISOString(),
        updatedAt: new Date().toISOString(),
      });
    }
    const g = gated('START_INSTANCE');
    runner.register(g.handler);
    const first = runner.enqueue({ type: 'START_INSTANCE', instanceId });
    const second = runner.enqueue({ type: 'START_INSTANCE', instanceId });
    const third = runner.enqueue({ type: 'START_INSTANCE', instanceId: other });
    await tick();
    expect(g.started).toEqual([first.id, third.id]);
    expect(runner.isBusy(`instance:${instanceId}`)).toBe(true);
    g.release(first.id);
    await runner.waitFor(first.id);
    await tick();
    expect(g.started).toEqual([first.id, third.id, second.id]);
  });

  it('after a restart, fails what a killed process left RUNNING or PENDING, and announces it', async () => {
    concurrency = 1;
    const g = gated('DIAGNOSTICS', () => null);
    runner.register(g.handler);
    const running = runner.enqueue({ type: 'DIAGNOSTICS' });
    const pending = runner.enqueue({ type: 'DIAGNOSTICS' });
    await tick();
    // A new runner on the same database plays the restarted process.
    events = [];
    const restarted = makeRunner();
    const announce = restarted.recover();
    expect(store.jobs.get(running.id)?.status).toBe('FAILED');
    expect(store.jobs.get(pending.id)?.status).toBe('FAILED');
    expect(store.jobRuns.listForJob(running.id)[0]).toMatchObject({ status: 'FAILED', error: { code: 'interrupted' } });
    // The job row says why and when too, also for the one that never ran (it has no run to say it).
    expect(store.jobs.get(running.id)).toMatchObject({ startedAt: expect.any(String), error: { code: 'interrupted' } });
    expect(store.jobs.get(pending.id)).toMatchObject({
      startedAt: null,
      finishedAt: expect.any(String),
      error: { code: 'interrupted', message: expect.stringMatching(/before this job could run/) },
    });
    expect(events).toEqual([]);
    announce.forEach((a) => a());
    expect(events.map((e) => [e.event, (e.data as { jobId: string }).jobId])).toEqual([
      ['job:failed', running.id],
      ['job:failed', pending.id],
    ]);
  });

  it('on shutdown fails pending and running jobs with the shutdown code', async () => {
    concurrency = 1;
    const g = gated('DIAGNOSTICS', () => null);
    runner.register(g.handler);
    const running = runner.enqueue({ type: 'DIAGNOSTICS' });
    const pending = runner.enqueue({ type: 'DIAGNOSTICS' });
    await tick();
    await runner.shutdown(1000);
    expect(store.jobRuns.listForJob(running.id)[0]?.error?.code).toBe('shutdown');
    expect(store.jobs.get(pending.id)?.status).toBe('FAILED');
    expect(() => runner.enqueue({ type: 'DIAGNOSTICS' })).toThrow(/shutting down/);
  });
});

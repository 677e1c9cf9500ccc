import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { JobType, type Job, type JobParams, type WSEvent } from '@ark-asa/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../domain/app-error.ts';
import { systemClock } from '../domain/clock.ts';
import { EventBus } from '../events/event-bus.ts';
import { createLogger } from '../logger.ts';
import { createStore, openDatabase, type Store } from '../store/index.ts';
import type { JobHandler } from './job-handler.ts';
import { JobRunner } from './job-runner.ts';

let store: Store;
let events: WSEvent[];
let runner: JobRunner;
let concurrency: number;
let dir: string;
/** What each handler received, by job id: proof of what ran and with which params. */
let received: Map<string, unknown>;

function makeRunner(): JobRunner {
  const bus = new EventBus(createLogger({ silent: true }), true);
  bus.subscribe((e) => events.push(e));
  const r = new JobRunner({
    store,
    bus,
    logger: createLogger({ silent: true }),
    clock: systemClock,
    concurrency: () => concurrency,
    progressIntervalMs: 20,
  });
  for (const type of JobType.options) {
    const handler: JobHandler = {
      type,
      lockKey: () => null,
      run: (ctx) => {
        received.set(ctx.job.id, ctx.params);
        return Promise.resolve({ ok: true });
      },
    };
    r.register(handler);
  }
  return r;
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ark-job-params-'));
  store = createStore(openDatabase(dir));
  events = [];
  received = new Map();
  concurrency = 2;
  runner = makeRunner();
});
afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const UUID = '0b6f3a52-8c1e-4d2a-9f7b-3c5d6e7f8a90';

/** One bad `params` per job type (a Record: a new job type without a case does not compile). */
const BAD: Record<JobType, { params: Record<string, unknown>; field: string }> = {
  DIAGNOSTICS: { params: { verbose: true }, field: 'params.verbose' },
  INSTALL_STEAMCMD: { params: { path: 'C:\\steamcmd' }, field: 'params.path' },
  INSTALL_BUILD: { params: { validate: 'yes' }, field: 'params.validate' },
  CHECK_LATEST_BUILD: { params: { branch: 'beta' }, field: 'params.branch' },
  DELETE_BUILD: { params: {}, field: 'params.buildId' },
  START_INSTANCE: { params: { afterJobId: 'previous', gapSeconds: 30 }, field: 'params.afterJobId' },
  STOP_INSTANCE: { params: { countdownMinutes: 'soon' }, field: 'params.countdownMinutes' },
  RESTART_INSTANCE: { params: { countdownMinutes: 1, warningMinutes: [5] }, field: 'params.warningMinutes' },
  UPDATE_INSTANCE: { params: { buildId: 'latest' }, field: 'params.buildId' },
  BACKUP_INSTANCE: { params: { kind: 'weekly' }, field: 'params.kind' },
  RESTORE_BACKUP: { params: { backupID: UUID }, field: 'params.backupID' },
  IMPORT_INSTANCE: { params: { sourcePath: '/srv/asa', name: 'Island', mode: 'move' }, field: 'params.mode' },
  IMPORT_SAVE: { params: { path: '/srv/asa' }, field: 'params.path' },
  INSTALL_PREREQUISITES: { params: { items: ['dotnet'] }, field: 'params.items.0' },
};

/** One good `params` per job type, as the services queue them. */
const GOOD: Record<JobType, Record<string, unknown>> = {
  DIAGNOSTICS: {},
  INSTALL_STEAMCMD: {},
  INSTALL_BUILD: { validate: false },
  CHECK_LATEST_BUILD: {},
  DELETE_BUILD: { buildId: '24226775' },
  START_INSTANCE: { afterJobId: UUID, gapSeconds: 30 },
  STOP_INSTANCE: { countdownMinutes: 5, warningMinutes: [5, 1], message: 'Update' },
  RESTART_INSTANCE: {},
  UPDATE_INSTANCE: { buildId: '24226775', countdownMinutes: 0 },
  BACKUP_INSTANCE: { kind: 'scheduled' },
  RESTORE_BACKUP: { backupId: UUID },
  IMPORT_INSTANCE: { sourcePath: '/srv/asa', name: 'Island', mode: 'in-place' },
  IMPORT_SAVE: { sourcePath: '/srv/asa/saves.zip' },
  INSTALL_PREREQUISITES: { items: ['vcredist', 'certificates'] },
};

function enqueueError(type: JobType, params: Record<string, unknown>): AppError {
  try {
    runner.enqueue({ type, params });
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error(`${type} with ${JSON.stringify(params)} was accepted`);
}

/** A row as an older version might have left it: written straight through the repository. */
function insertRow(type: JobType, params: unknown, status: Job['status'] = 'PENDING'): string {
  const now = new Date().toISOString();
  const id = crypto.randomUUID();
  store.jobs.insert({
    id,
    type,
    status,
    instanceId: null,
    agentId: null,
    params: params as Record<string, unknown>,
    createdAt: now,
    updatedAt: now,
    startedAt: null,
    finishedAt: null,
    error: null,
  });
  return id;
}

describe('job params', () => {
  it.each(JobType.options)('refuses %s with bad params at enqueue, naming the field, and stores nothing', (type) => {
    const { params, field } = BAD[type];
    const err = enqueueError(type, params);
    expect(err.code).toBe('validation-failed');
    expect(err.message).toContain(`Invalid ${type} params`);
    expect(err.message).toContain(field);
    expect(err.details).toEqual({ fields: expect.arrayContaining([expect.objectContaining({ field })]) });
    expect(store.jobs.list({ limit: 10 }).items).toEqual([]);
    expect(events).toEqual([]);
  });

  it('refuses params that are not an object at all', () => {
    const err = enqueueError('DIAGNOSTICS', ['--all'] as unknown as Record<string, unknown>);
    expect(err.message).toMatch(/^Invalid DIAGNOSTICS params: params: /);
  });

  it('runs every type with good params and hands the handler the parsed params, defaults applied', async () => {
    const jobs = JobType.options.map((type) => runner.enqueue({ type, params: GOOD[type] }));
    const done = await Promise.all(jobs.map((j) => runner.waitFor(j.id)));
    expect(done.map((j) => j.status)).toEqual(jobs.map(() => 'COMPLETED'));
    const backup = runner.enqueue({ type: 'BACKUP_INSTANCE' });
    await runner.waitFor(backup.id);
    const parsed: JobParams<'BACKUP_INSTANCE'> = { kind: 'manual' };
    expect(received.get(backup.id)).toEqual(parsed);
    // Stored as given: the REST view of the job shows what the caller asked for.
    expect(store.jobs.get(backup.id)?.params).toEqual({});
  });

  it('fails a queued job whose stored params no longer fit, as validation-failed and without running it', async () => {
    concurrency = 0;
    const job = runner.enqueue({ type: 'DELETE_BUILD', params: { buildId: '24226775' } });
    // An older version's row under the same id: the schema the run checks is today's.
    store.db.prepare('UPDATE jobs SET params = ? WHERE id = ?').run(JSON.stringify({ buildId: 24226775 }), job.id);
    concurrency = 1;
    runner.enqueue({ type: 'DIAGNOSTICS' }); // wakes the queue
    const done = await runner.waitFor(job.id);
    expect(done.status).toBe('FAILED');
    const [run] = store.jobRuns.listForJob(job.id);
    expect(run).toMatchObject({ status: 'FAILED', error: { code: 'validation-failed' } });
    expect(run?.error?.message).toContain('params.buildId');
    expect(received.has(job.id)).toBe(false);
    const failed = events.find((e) => e.event === 'job:failed' && e.data.jobId === job.id);
    expect(failed?.data).toMatchObject({ error: { code: 'validation-failed' } });
    expect(events.map((e) => e.event)).not.toContain('system:error');
  });

  it('recovers rows with corrupt params left by an older version: FAILED, readable, nothing run', () => {
    const ids = [
      insertRow('DELETE_BUILD', { buildId: 24226775 }),
      insertRow('START_INSTANCE', null),
      insertRow('UPDATE_INSTANCE', ['1001'], 'RUNNING'),
      insertRow('RESTORE_BACKUP', 'not an object'),
    ];
    const announce = runner.recover();
    announce.forEach((a) => a());
    for (const id of ids) expect(store.jobs.get(id)?.status).toBe('FAILED');
    expect(
      store.jobs
        .list({ limit: 10 })
        .items.map((j) => j.id)
        .sort(),
    ).toEqual([...ids].sort());
    expect(events.filter((e) => e.event === 'job:failed')).toHaveLength(ids.length);
    expect(received.size).toBe(0);
  });
});

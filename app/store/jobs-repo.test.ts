import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Job } from '@ark-asa/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedJob } from '../../test/helpers/store-fixtures.ts';
import { createStore, openDatabase, type Store } from './index.ts';
import { migrate } from './migrate.ts';
import { MIGRATIONS } from './migrations/index.ts';

let dir: string;
let store: Store;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ark-jobs-repo-'));
  store = createStore(openDatabase(dir));
});
afterEach(() => {
  store.db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const T = (s: number) => new Date(Date.UTC(2026, 11, 6, 10, 0, s)).toISOString();

const queued = (at: string): Job => seedJob(store, at, { status: 'PENDING' });

describe('JobsRepo times', () => {
  it('starts the clock at the first RUNNING and stops it at the end, without the queue wait', () => {
    const job = queued(T(0));
    expect(store.jobs.get(job.id)).toMatchObject({ startedAt: null, finishedAt: null });
    store.jobs.setStatus(job.id, 'RUNNING', T(3));
    expect(store.jobs.get(job.id)).toMatchObject({ startedAt: T(3), finishedAt: null });
    store.jobs.setStatus(job.id, 'RUNNING', T(5)); // a second attempt keeps the first start
    store.jobs.setStatus(job.id, 'COMPLETED', T(65));
    expect(store.jobs.get(job.id)).toMatchObject({ createdAt: T(0), startedAt: T(3), finishedAt: T(65) });
  });

  it('ends a job failed in the queue without a start, keeping why', () => {
    const job = queued(T(0));
    const error = { code: 'interrupted', message: 'The manager stopped before this job could run' };
    store.jobs.setStatus(job.id, 'FAILED', T(2), error);
    expect(store.jobs.get(job.id)).toMatchObject({ startedAt: null, finishedAt: T(2), error });
  });

  it('lists the times with each job of the page', () => {
    const job = queued(T(0));
    store.jobs.setStatus(job.id, 'RUNNING', T(1));
    store.jobs.setStatus(job.id, 'FAILED', T(9));
    expect(store.jobs.list({ limit: 10 }).items).toEqual([
      expect.objectContaining({ startedAt: T(1), finishedAt: T(9) }),
    ]);
  });
});

describe('migration 010 job-times', () => {
  it('fills the times of older jobs from their runs and their last status change', () => {
    const db = new Database(path.join(dir, 'old.db'));
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version < 10),
    );
    const job = db.prepare(
      `INSERT INTO jobs (id, type, status, params, created_at, updated_at) VALUES (?, 'DIAGNOSTICS', ?, '{}', ?, ?)`,
    );
    const run = db.prepare(
      `INSERT INTO job_runs (id, job_id, attempt, status, started_at, finished_at) VALUES (?, ?, 1, ?, ?, ?)`,
    );
    job.run('done', 'COMPLETED', T(0), T(40));
    run.run('r1', 'done', 'COMPLETED', T(10), T(40));
    job.run('broke', 'FAILED', T(0), T(30));
    run.run('r3', 'broke', 'FAILED', T(1), T(30));
    db.prepare(`UPDATE job_runs SET error = '{"code":"start-failed","message":"no exe"}' WHERE id = 'r3'`).run();
    job.run('running', 'RUNNING', T(0), T(20));
    run.run('r2', 'running', 'RUNNING', T(20), null);
    job.run('waiting', 'PENDING', T(0), T(0));
    job.run('dropped', 'CANCELLED', T(0), T(5));

    migrate(db, MIGRATIONS);
    const times = db.prepare('SELECT id, started_at, finished_at, error FROM jobs ORDER BY id').all();
    db.close();
    expect(times).toEqual([
      { id: 'broke', started_at: T(1), finished_at: T(30), error: '{"code":"start-failed","message":"no exe"}' },
      { id: 'done', started_at: T(10), finished_at: T(40), error: null },
      { id: 'dropped', started_at: null, finished_at: T(5), error: null },
      { id: 'running', started_at: T(20), finished_at: null, error: null },
      { id: 'waiting', started_at: null, finished_at: null, error: null },
    ]);
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Job } from '@ark-asa/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  OTHER_REMOTE_AGENT_ID as OTHER,
  REMOTE_AGENT_ID as REMOTE,
  remoteInstanceDto as remoteInstance,
  remoteJobDto as remoteJob,
} from '../../test/helpers/remote-fixtures.ts';
import { seedAgent, seedInstance, TEST_AGENT_ID } from '../../test/helpers/store-fixtures.ts';
import { createStore, openDatabase, type Store } from './index.ts';
import { migrate } from './migrate.ts';
import { MIGRATIONS } from './migrations/index.ts';

let dir: string;
let store: Store;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ark-mirror-repo-'));
  store = createStore(openDatabase(dir));
  seedAgent(store);
  seedAgent(store, REMOTE);
  seedAgent(store, OTHER);
});

afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('migration 012 (remote instances)', () => {
  it('adds remote_view to a version 11 database and keeps its instances as local rows', () => {
    // A database as version 11 left it: every migration up to 11, with an instance in it.
    const old = new Database(path.join(dir, 'old.db'));
    old.pragma('foreign_keys = ON');
    migrate(
      old,
      MIGRATIONS.filter((m) => m.version <= 11),
    );
    const oldStore = createStore(old);
    seedAgent(oldStore);
    const local = seedInstance(oldStore);
    expect(migrate(old, MIGRATIONS)).toEqual(MIGRATIONS.filter((m) => m.version >= 12).map((m) => m.version));
    const columns = (old.prepare('PRAGMA table_info(instances)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).toContain('remote_view');
    expect(oldStore.instances.get(local.id)).toEqual(local);
    expect(oldStore.instances.get(local.id)!.remoteView).toBeUndefined();
    old.close();
  });

  it("reads one agent's rows through an index, in creation order", () => {
    const a = remoteInstance({ createdAt: '2026-12-01T10:00:02.000Z' });
    const b = remoteInstance({ createdAt: '2026-12-01T10:00:01.000Z' });
    store.instances.upsertMirror(REMOTE, a);
    store.instances.upsertMirror(REMOTE, b);
    seedInstance(store);
    expect(store.instances.listByAgent(REMOTE).map((r) => r.id)).toEqual([b.id, a.id]);
    const plan = (
      store.db
        .prepare('EXPLAIN QUERY PLAN SELECT * FROM instances WHERE agent_id = ? ORDER BY created_at, id')
        .all(REMOTE) as { detail: string }[]
    ).map((r) => r.detail);
    expect(plan.join('\n')).toMatch(/instances_agent_created/);
    expect(plan.join('\n')).not.toMatch(/TEMP B-TREE/);
  });
});

describe('InstancesRepo mirror rows', () => {
  it('inserts a remote server with no build and its view, then refreshes it', () => {
    const dto = remoteInstance();
    expect(store.instances.upsertMirror(REMOTE, dto)).toBe(true);
    const row = store.instances.get(dto.id)!;
    expect(row).toMatchObject({ agentId: REMOTE, status: 'RUNNING', buildId: null, process: null });
    expect(row.remoteView).toEqual(dto);
    expect(store.instances.upsertMirror(REMOTE, { ...dto, name: 'Renamed', status: 'STOPPED' })).toBe(true);
    expect(store.instances.get(dto.id)).toMatchObject({ name: 'Renamed', status: 'STOPPED' });
    expect(store.instances.get(dto.id)!.remoteView!.name).toBe('Renamed');
  });

  it('never lets an agent overwrite, re-status or delete a row that is not its own', () => {
    const local = seedInstance(store, { status: 'RUNNING' });
    const theirs = remoteInstance({ agentId: OTHER });
    store.instances.upsertMirror(OTHER, theirs);
    expect(store.instances.upsertMirror(REMOTE, remoteInstance({ id: local.id, name: 'Hijack' }))).toBe(false);
    expect(store.instances.upsertMirror(REMOTE, { ...theirs, name: 'Hijack' })).toBe(false);
    expect(store.instances.setMirrorStatus(REMOTE, local.id, 'STOPPED', theirs.updatedAt)).toBe(false);
    expect(store.instances.setMirrorStatus(REMOTE, theirs.id, 'STOPPED', theirs.updatedAt)).toBe(false);
    expect(store.instances.deleteMirror(REMOTE, local.id)).toBe(false);
    expect(store.instances.deleteMirror(TEST_AGENT_ID, local.id)).toBe(false); // a local row is no mirror
    expect(store.instances.get(local.id)).toEqual(local);
    expect(store.instances.get(theirs.id)).toMatchObject({ name: 'Remote island', status: 'RUNNING' });
  });

  it('sets the status in the row and in the view, and deletes the row with its dependants', () => {
    const dto = remoteInstance();
    store.instances.upsertMirror(REMOTE, dto);
    const at = '2026-12-01T11:00:00.000Z';
    expect(store.instances.setMirrorStatus(REMOTE, dto.id, 'CRASHED', at)).toBe(true);
    const row = store.instances.get(dto.id)!;
    expect(row).toMatchObject({ status: 'CRASHED', updatedAt: at });
    expect(row.remoteView).toMatchObject({ status: 'CRASHED', updatedAt: at });
    store.logLines.insertMany([
      { instanceId: dto.id, seq: 1, timestamp: at, level: 'INFO', source: 'manager', message: 'x' },
    ]);
    store.jobs.upsertMirror(remoteJob({ instanceId: dto.id, status: 'COMPLETED' }));
    expect(store.instances.deleteMirror(REMOTE, dto.id)).toBe(true);
    expect(store.instances.get(dto.id)).toBeNull();
    expect(store.jobs.list({ limit: 10 }).items[0]!.instanceId).toBeNull();
    expect(store.logLines.maxSeq(dto.id)).toBe(0);
  });
});

describe('JobsRepo mirror jobs', () => {
  it('upserts a remote job with its runs, and answers it like a local one', () => {
    const run = {
      id: crypto.randomUUID(),
      attempt: 1,
      status: 'RUNNING' as const,
      percent: 20,
      message: 'Loading',
      startedAt: '2026-12-01T10:00:00.000Z',
      finishedAt: null,
      result: null,
      error: null,
    };
    const job = remoteJob();
    expect(store.jobs.upsertMirror({ ...job, runs: [{ ...run, jobId: job.id }] })).toBe(true);
    expect(store.jobs.get(job.id)).toEqual(job);
    expect(store.jobRuns.listForJob(job.id)).toEqual([{ ...run, jobId: job.id }]);
    const done = { ...job, status: 'COMPLETED' as const, finishedAt: '2026-12-01T10:05:00.000Z' };
    store.jobs.upsertMirror(done);
    store.jobs.upsertMirrorRun({
      id: run.id,
      jobId: job.id,
      status: 'COMPLETED',
      percent: 100,
      finishedAt: done.finishedAt,
      result: { pid: 9 },
    });
    expect(store.jobs.get(job.id)).toEqual(done);
    expect(store.jobRuns.listForJob(job.id)[0]).toMatchObject({
      status: 'COMPLETED',
      percent: 100,
      message: 'Loading',
      startedAt: run.startedAt,
      result: { pid: 9 },
    });
  });

  it('numbers runs reported by events only, and refuses a job id of another agent or of this PC', () => {
    const job = remoteJob();
    store.jobs.upsertMirror(job);
    const first = crypto.randomUUID();
    const second = crypto.randomUUID();
    store.jobs.upsertMirrorRun({ id: first, jobId: job.id, status: 'FAILED', startedAt: job.createdAt });
    store.jobs.upsertMirrorRun({ id: second, jobId: job.id, status: 'RUNNING', percent: 5, message: 'Again' });
    expect(store.jobRuns.listForJob(job.id).map((r) => [r.id, r.attempt])).toEqual([
      [first, 1],
      [second, 2],
    ]);
    const local: Job = { ...remoteJob(), agentId: TEST_AGENT_ID, status: 'PENDING' };
    store.jobs.insert(local);
    expect(store.jobs.upsertMirror({ ...local, agentId: REMOTE, status: 'FAILED' })).toBe(false);
    expect(store.jobs.upsertMirror({ ...job, agentId: OTHER, status: 'FAILED' })).toBe(false);
    expect(store.jobs.get(local.id)!.status).toBe('PENDING');
    expect(store.jobs.get(job.id)!.status).toBe('RUNNING');
  });
});

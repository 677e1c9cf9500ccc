import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { JobListQuery } from '@ark-asa/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedAgent, seedInstance, TEST_AGENT_ID } from '../../test/helpers/store-fixtures.ts';
import { BackupsRepo } from './backups-repo.ts';
import { encodeCursor } from './cursor.ts';
import { createStore, openDatabase, type Db, type Store } from './index.ts';
import { SchedulesRepo } from './schedules-repo.ts';

/**
 * The query plan of every list query the API runs, read with EXPLAIN QUERY PLAN from the SQL the
 * repositories really prepare (captured, not copied): a filtered page must seek an index that
 * also gives its order, never scan a table or sort in a temp B-tree. Plans, not timings: the
 * planner's choice is deterministic for a schema, a stopwatch on a shared machine is not.
 */
interface Captured {
  sql: string;
  args: unknown[];
}

const RUNNERS = new Set(['all', 'get', 'run', 'iterate']);

function capture(db: Db): { calls: Captured[]; plan(c: Captured): string[] } {
  const prepare = db.prepare.bind(db);
  const calls: Captured[] = [];
  db.prepare = ((sql: string) => {
    const stmt = prepare(sql);
    return new Proxy(stmt, {
      get(target, key) {
        const value: unknown = Reflect.get(target, key, target);
        if (typeof value !== 'function') return value;
        if (!RUNNERS.has(String(key))) return value.bind(target) as unknown;
        return (...args: unknown[]) => {
          calls.push({ sql, args });
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  }) as Db['prepare'];
  const plan = (c: Captured) =>
    (prepare(`EXPLAIN QUERY PLAN ${c.sql}`).all(...c.args) as { detail: string }[]).map((r) => r.detail);
  return { calls, plan };
}

/** The plans of the statements `run` executed. */
function plansOf(store: Store, run: () => void): string[][] {
  const spy = capture(store.db);
  run();
  expect(spy.calls.length).toBeGreaterThan(0);
  return spy.calls.map((c) => spy.plan(c));
}

/** Seeks only: every step a SEARCH, no sort of the matching rows. */
function expectSeekOnly(plans: string[][]): void {
  for (const plan of plans) {
    expect(plan.join('\n')).not.toMatch(/TEMP B-TREE/);
    for (const step of plan) expect(step).toMatch(/^SEARCH /);
  }
}

/** Seeks only, or ordered seeks that a UNION ALL merges: never a sort of the matching rows. */
function expectSeekOrMerge(plans: string[][]): void {
  for (const plan of plans) {
    expect(plan.join('\n')).not.toMatch(/TEMP B-TREE/);
    for (const step of plan) expect(step).toMatch(/^(SEARCH |MERGE \(UNION ALL\)$|LEFT$|RIGHT$)/);
  }
}

const COLUMN: Record<string, string> = { status: 'status=?', type: 'type=?', instanceId: 'instance_id=?' };

let dir: string;
let store: Store;
let instanceId: string;
const cursor = encodeCursor({ createdAt: '2026-01-01T00:00:00.000Z', id: 'f0000000-0000-4000-8000-000000000000' });

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ark-plans-'));
  store = createStore(openDatabase(dir));
  seedAgent(store);
  instanceId = seedInstance(store).id;
});

afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('list query plans', () => {
  const filters: Partial<JobListQuery>[] = [
    { status: 'FAILED' },
    { type: 'START_INSTANCE' },
    { instanceId: 'I' },
    { status: 'FAILED', type: 'START_INSTANCE' },
    { status: 'FAILED', instanceId: 'I' },
    { type: 'START_INSTANCE', instanceId: 'I' },
    { status: 'FAILED', type: 'START_INSTANCE', instanceId: 'I' },
  ];

  for (const filter of filters) {
    for (const paged of [false, true]) {
      it(`jobs filtered by ${Object.keys(filter).join('+')}${paged ? ', next page' : ''} seek one index in order`, () => {
        const q = { limit: 50, ...filter, ...(filter.instanceId ? { instanceId } : {}), ...(paged ? { cursor } : {}) };
        const plans = plansOf(store, () => store.jobs.list(q));
        expectSeekOnly(plans);
        // The route's read (the page as JSON text) seeks the same way.
        expect(plansOf(store, () => store.jobs.listJson(q))).toEqual(plans);
        // The seek is on the filter itself, not a range of the time index filtered row by row.
        const columns = { status: 'status=?', type: 'type=?', instanceId: 'instance_id=?' } as const;
        for (const key of Object.keys(filter) as (keyof typeof columns)[])
          expect(plans[0]!.join()).toContain(columns[key]);
      });
    }
  }

  // With a host: this PC's id also lists the jobs stored without one (a second seek, merged).
  const hostFilters: Partial<JobListQuery>[] = [{}, ...filters];
  for (const filter of hostFilters) {
    for (const host of ['another host', 'this PC'] as const) {
      for (const paged of [false, true]) {
        const name = ['agentId', ...Object.keys(filter)].join('+');
        it(`jobs of ${host} filtered by ${name}${paged ? ', next page' : ''} seek in order`, () => {
          const local = host === 'this PC' ? TEST_AGENT_ID : undefined;
          const q = {
            limit: 50,
            agentId: TEST_AGENT_ID,
            ...filter,
            ...(filter.instanceId ? { instanceId } : {}),
            ...(paged ? { cursor } : {}),
          };
          const plans = plansOf(store, () => store.jobs.list(q, local));
          expectSeekOrMerge(plans);
          expect(plansOf(store, () => store.jobs.listJson(q, local))).toEqual(plans);
          const seeks = plans[0]!.filter((step) => step.startsWith('SEARCH '));
          // An instance's index narrows the page to its host's jobs; the host is checked per row.
          const columns = ['status', 'type', 'instanceId'].filter((k) => k in filter).map((k) => COLUMN[k]!);
          if (!filter.instanceId) columns.push('agent_id=?');
          expect(seeks).toHaveLength(local && !filter.instanceId ? 2 : 1);
          for (const seek of seeks) for (const column of columns) expect(seek).toContain(column);
        });
      }
    }
  }

  it('the unfiltered job list walks the newest-first index, unsorted', () => {
    for (const q of [{ limit: 50 }, { limit: 50, cursor }]) {
      const [plan] = plansOf(store, () => store.jobs.list(q));
      expect(plan!.join('\n')).not.toMatch(/TEMP B-TREE/);
      expect(plan!.join('\n')).toMatch(/(SCAN|SEARCH) jobs USING INDEX jobs_created/);
    }
  });

  it('jobs by status, runs of a job, runs left running and log pages seek', () => {
    expectSeekOnly(plansOf(store, () => store.jobs.listByStatus('PENDING')));
    expectSeekOnly(plansOf(store, () => store.jobRuns.listForJob('j')));
    expectSeekOnly(plansOf(store, () => store.jobRuns.listRunning()));
    expectSeekOnly(plansOf(store, () => store.logLines.page(instanceId, 200)));
    expectSeekOnly(plansOf(store, () => store.logLines.page(instanceId, 200, 5000)));
    expectSeekOnly(plansOf(store, () => store.logLines.pageJson(instanceId, 200)));
    expectSeekOnly(plansOf(store, () => store.logLines.pageJson(instanceId, 200, 5000)));
    expectSeekOnly(plansOf(store, () => store.logLines.maxSeq(instanceId)));
  });

  it('backups and schedules of an instance seek their index in order', () => {
    const backups = new BackupsRepo(store.db);
    const schedules = new SchedulesRepo(store.db);
    expectSeekOnly(plansOf(store, () => backups.list(instanceId, 50)));
    expectSeekOnly(plansOf(store, () => backups.list(instanceId, 50, cursor)));
    expectSeekOnly(plansOf(store, () => backups.listJson(instanceId, 50)));
    expectSeekOnly(plansOf(store, () => backups.listJson(instanceId, 50, cursor)));
    expectSeekOnly(plansOf(store, () => schedules.listForInstance(instanceId)));
  });

  it('whole-table lists walk an index in order instead of sorting', () => {
    const schedules = new SchedulesRepo(store.db);
    for (const run of [
      () => schedules.listEnabled(),
      () => store.notifications.list(),
      () => store.instances.list(50),
      () => store.instances.listStored(50),
    ]) {
      for (const plan of plansOf(store, run)) {
        expect(plan.join('\n')).not.toMatch(/TEMP B-TREE/);
        for (const step of plan) expect(step).toMatch(/ USING (COVERING )?INDEX /);
      }
    }
  });
});

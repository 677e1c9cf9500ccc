import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Job, JobListQuery, JobStatus, JobType } from '@ark-asa/contracts';
import { Job as JobSchema } from '@ark-asa/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore, openDatabase, type Store } from './index.ts';

/**
 * `listJson` writes the list page in SQL; `list` maps rows to Job objects. For every filter, page
 * and awkward value (nulls, errors, nested and non-ASCII params, quotes and control characters),
 * the text must be exactly JSON.stringify of the straightforward mapping.
 */
let dir: string;
let store: Store;
let instanceIds: string[];
const AGENT_ID = crypto.randomUUID();

const STATUSES: JobStatus[] = ['PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED'];
const TYPES: JobType[] = ['DIAGNOSTICS', 'BACKUP_INSTANCE', 'START_INSTANCE'];
const T = (s: number) => new Date(Date.UTC(2026, 11, 6, 10, 0, 0, s * 250)).toISOString();

const PARAMS: Record<string, unknown>[] = [
  {},
  { instanceId: 'x', keep: 3, ratio: 0.1, big: 1e21, neg: -0.5, flag: false, none: null },
  { note: 'quote " backslash \\ tab \t newline \n bell \u0007 é ✓ 🦖 \u2028', list: [1, [2, { a: 'b' }], []] },
  // Integer-like keys come first in JS objects; stored text is already in that order.
  { b: 1, 2: 'two', 1: [true], '': 'empty key', nul: 'a\u0000b', tiny: 5e-324, negZero: -0, deep: { z: { y: [{}] } } },
];

/** Errors as stored: some carry more than code and message (a handler's own fields are kept). */
const errorOf = (i: number) =>
  i % 2 ? { code: 'internal-error', message: `broke "${i}"\n` } : { code: 'x', message: 'é', details: { i, at: [i] } };

function seed(): void {
  instanceIds = [crypto.randomUUID(), crypto.randomUUID()];
  for (let i = 0; i < 240; i++) {
    const status = STATUSES[i % STATUSES.length]!;
    const at = T(Math.floor(i / 2)); // pairs share created_at: the id breaks the tie
    const job: Job = {
      id: crypto.randomUUID(),
      type: TYPES[i % TYPES.length]!,
      status,
      instanceId: i % 4 === 0 ? null : instanceIds[i % 2]!,
      agentId: i % 3 === 0 ? null : AGENT_ID,
      params: PARAMS[i % PARAMS.length]!,
      createdAt: at,
      updatedAt: at,
      startedAt: status === 'PENDING' ? null : at,
      finishedAt: status === 'FAILED' || status === 'COMPLETED' || status === 'CANCELLED' ? at : null,
      error: status === 'FAILED' ? errorOf(i) : null,
    };
    store.jobs.insert(job);
  }
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ark-jobs-list-json-'));
  store = createStore(openDatabase(dir));
  // Only how rows are serialized is under test: jobs point at instances and agents never created.
  store.db.pragma('foreign_keys = OFF');
  seed();
});
afterAll(() => {
  store.db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Every page of one filter, walked through both reads side by side. */
function expectSamePages(filter: Omit<JobListQuery, 'limit' | 'cursor'>, limit: number, localAgentId?: string): number {
  let cursor: string | undefined;
  let seen = 0;
  for (let page = 0; page < 100; page++) {
    const q: JobListQuery = { ...filter, limit, cursor };
    const plain = store.jobs.list(q, localAgentId);
    const text = store.jobs.listJson(q, localAgentId);
    expect(text).toBe(JSON.stringify(plain)); // the very bytes the route sent before, keys in the same order
    const parsed = JSON.parse(text) as typeof plain;
    expect(parsed).toStrictEqual(JSON.parse(JSON.stringify(plain)));
    for (const item of parsed.items) JobSchema.parse(item);
    seen += plain.items.length;
    if (!plain.nextCursor) return seen;
    cursor = plain.nextCursor;
  }
  throw new Error('more pages than jobs');
}

describe('JobsRepo.listJson', () => {
  const filters: Omit<JobListQuery, 'limit' | 'cursor'>[] = [
    {},
    { status: 'FAILED' },
    { type: 'BACKUP_INSTANCE' },
    { status: 'COMPLETED', type: 'START_INSTANCE' },
  ];

  it.each(filters)('gives the same pages as list for %j', (filter) => {
    expect(expectSamePages(filter, 50)).toBe(store.jobs.list({ ...filter, limit: 500 }).items.length);
    expectSamePages(filter, 7);
  });

  it('gives the same pages for an instance filter, an empty result and a bad cursor', () => {
    expect(expectSamePages({ instanceId: instanceIds[1]! }, 13)).toBeGreaterThan(0);
    expect(expectSamePages({ status: 'FAILED', instanceId: instanceIds[0]! }, 50)).toBeGreaterThan(0);
    expect(expectSamePages({ instanceId: crypto.randomUUID() }, 50)).toBe(0);
    const q: JobListQuery = { limit: 5, cursor: 'not-a-cursor' };
    expect(JSON.parse(store.jobs.listJson(q))).toStrictEqual(JSON.parse(JSON.stringify(store.jobs.list(q))));
  });

  it('gives the same pages for a host filter, with the jobs stored without a host merged in for this PC', () => {
    const hostJobs = expectSamePages({ agentId: AGENT_ID }, 11);
    expect(hostJobs).toBe(160); // two of every three jobs carry the host
    expect(expectSamePages({ agentId: AGENT_ID }, 11, AGENT_ID)).toBe(240);
    expect(expectSamePages({ agentId: AGENT_ID, status: 'FAILED', type: 'BACKUP_INSTANCE' }, 3, AGENT_ID)).toBe(16);
    // The odd jobs; a third of them carry no host.
    expect(expectSamePages({ agentId: AGENT_ID, instanceId: instanceIds[1]! }, 9, AGENT_ID)).toBe(120);
    expect(expectSamePages({ agentId: AGENT_ID, instanceId: instanceIds[1]! }, 9)).toBe(80);
    expect(expectSamePages({ agentId: crypto.randomUUID() }, 50, AGENT_ID)).toBe(0);
  });

  it('says there is no next page when the last page is exactly full', () => {
    const all = store.jobs.list({ status: 'RUNNING', limit: 500 }).items.length;
    const text = store.jobs.listJson({ status: 'RUNNING', limit: all });
    expect(JSON.parse(text)).toMatchObject({ nextCursor: null });
    expect((JSON.parse(text) as { items: unknown[] }).items).toHaveLength(all);
  });
});

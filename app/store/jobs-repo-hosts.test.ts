import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Job, JobListQuery, JobType } from '@ark-asa/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedAgent, seedJob, TEST_AGENT_ID } from '../../test/helpers/store-fixtures.ts';
import { createStore, openDatabase, type Store } from './index.ts';

/** The job list filtered by host (`agentId`), on a real SQLite file with the real migrations. */
let dir: string;
let store: Store;
const LOCAL = TEST_AGENT_ID;
const REMOTE = 'a0000000-0000-4000-8000-000000000002';

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ark-jobs-hosts-'));
  store = createStore(openDatabase(dir));
  seedAgent(store, LOCAL);
  seedAgent(store, REMOTE);
});
afterEach(() => {
  store.db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const T = (s: number) => new Date(Date.UTC(2026, 11, 6, 10, 0, s)).toISOString();

const job = (agentId: string | null, at: string, type: JobType = 'DIAGNOSTICS', status: Job['status'] = 'COMPLETED') =>
  seedJob(store, at, { agentId, type, status });

/** Newest first, ties on created_at broken by the larger id. */
const newestFirst = (jobs: Job[]) =>
  [...jobs].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id)).map((j) => j.id);

const ids = (q: JobListQuery, local?: string) => store.jobs.list(q, local).items.map((j) => j.id);

/** Every page of a query with a small page size, joined. */
function walk(q: Omit<JobListQuery, 'cursor'>, local?: string): string[] {
  const seen: string[] = [];
  let cursor: string | undefined;
  do {
    const page = store.jobs.list({ ...q, cursor }, local);
    seen.push(...page.items.map((j) => j.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return seen;
}

describe('JobsRepo.list by host', () => {
  it("lists one host's jobs newest first; this PC's also holds those stored without a host", () => {
    const local = [job(LOCAL, T(1)), job(LOCAL, T(4)), job(LOCAL, T(5))];
    const unowned = [job(null, T(2)), job(null, T(5)), job(null, T(7))];
    const remote = [job(REMOTE, T(3)), job(REMOTE, T(5)), job(REMOTE, T(9))];

    expect(ids({ agentId: REMOTE, limit: 50 }, LOCAL)).toEqual(newestFirst(remote));
    expect(ids({ agentId: LOCAL, limit: 50 }, LOCAL)).toEqual(newestFirst([...local, ...unowned]));
    // Without knowing which agent is this process's, a host-less job belongs to no host.
    expect(ids({ agentId: LOCAL, limit: 50 })).toEqual(newestFirst(local));
    expect(ids({ agentId: crypto.randomUUID(), limit: 50 }, LOCAL)).toEqual([]);
  });

  it('pages the merged list with the cursor in the same order as one big page', () => {
    const all: Job[] = [];
    for (let i = 0; i < 30; i++) all.push(job(i % 3 === 0 ? null : i % 3 === 1 ? LOCAL : REMOTE, T(i % 10)));
    const mine = all.filter((j) => j.agentId !== REMOTE);
    expect(walk({ agentId: LOCAL, limit: 3 }, LOCAL)).toEqual(newestFirst(mine));
    expect(walk({ agentId: LOCAL, limit: 1 }, LOCAL)).toEqual(ids({ agentId: LOCAL, limit: 500 }, LOCAL));
    expect(walk({ agentId: REMOTE, limit: 4 }, LOCAL)).toEqual(newestFirst(all.filter((j) => j.agentId === REMOTE)));
  });

  it('combines with status and type', () => {
    const want = [job(LOCAL, T(1), 'INSTALL_BUILD', 'FAILED'), job(null, T(2), 'INSTALL_BUILD', 'FAILED')];
    job(LOCAL, T(3), 'INSTALL_BUILD', 'COMPLETED');
    job(null, T(4), 'DELETE_BUILD', 'FAILED');
    job(REMOTE, T(5), 'INSTALL_BUILD', 'FAILED');
    const q: JobListQuery = { agentId: LOCAL, type: 'INSTALL_BUILD', status: 'FAILED', limit: 50 };
    expect(ids(q, LOCAL)).toEqual(newestFirst(want));
    expect(ids({ ...q, agentId: REMOTE }, LOCAL)).toHaveLength(1);
  });

  it("finds a host's newest job of a type under many newer jobs of other hosts", () => {
    const mine = job(LOCAL, T(0), 'INSTALL_BUILD');
    for (let i = 1; i <= 60; i++) job(REMOTE, T(i), 'INSTALL_BUILD');
    expect(ids({ agentId: LOCAL, type: 'INSTALL_BUILD', limit: 1 }, LOCAL)).toEqual([mine.id]);
    expect(JSON.parse(store.jobs.listJson({ agentId: LOCAL, type: 'INSTALL_BUILD', limit: 1 }, LOCAL))).toMatchObject({
      items: [{ id: mine.id, agentId: LOCAL }],
      nextCursor: null,
    });
  });
});

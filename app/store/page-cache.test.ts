import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { seedAgent, seedInstance, seedJob } from '../../test/helpers/store-fixtures.ts';
import { BackupsRepo } from './backups-repo.ts';
import { createStore, openDatabase, type Store } from './index.ts';
import { PageCache } from './page-cache.ts';

let dir: string;
let store: Store;
let builds: number;
/** The job list page as the cache gives it, counting the reads it had to make. */
const jobsPage = (key = 'jobs') =>
  store.pages
    .get(key, ['jobs'], () => {
      builds += 1;
      return store.jobs.listJson({ limit: 50 });
    })
    .toString();
const ids = (page: string) => (JSON.parse(page) as { items: { id: string }[] }).items.map((j) => j.id);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ark-pages-'));
  store = createStore(openDatabase(dir));
  seedAgent(store);
  builds = 0;
});
afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('PageCache on a real database', () => {
  it('reads a page once while its table is unchanged, whatever else changes', () => {
    seedJob(store, '2026-01-01T00:00:00.000Z');
    const first = jobsPage();
    store.settings.setMany({ somethingElse: 1 });
    seedInstance(store);
    expect(jobsPage()).toBe(first);
    expect(builds).toBe(1);
  });

  it('reads the page again after a row of its table is inserted, updated or deleted', () => {
    const a = seedJob(store, '2026-01-01T00:00:00.000Z', { status: 'RUNNING' });
    expect(ids(jobsPage())).toEqual([a.id]);
    const b = seedJob(store, '2026-01-02T00:00:00.000Z');
    expect(ids(jobsPage())).toEqual([b.id, a.id]);
    store.jobs.setStatus(a.id, 'FAILED', '2026-01-03T00:00:00.000Z');
    expect(jobsPage()).toContain('"FAILED"');
    store.db.prepare('DELETE FROM jobs WHERE id = ?').run(b.id);
    expect(ids(jobsPage())).toEqual([a.id]);
    expect(builds).toBe(4);
  });

  it('keeps nothing read inside a transaction: what it wrote may be rolled back', () => {
    const a = seedJob(store, '2026-01-01T00:00:00.000Z');
    expect(() =>
      store.db.transaction(() => {
        seedJob(store, '2026-01-02T00:00:00.000Z');
        expect(ids(jobsPage())).toHaveLength(2);
        throw new Error('roll back');
      })(),
    ).toThrow('roll back');
    expect(ids(jobsPage())).toEqual([a.id]);
  });

  it('sees each change committed through another connection to the same file within 100 ms', async () => {
    seedJob(store, '2026-01-01T00:00:00.000Z');
    expect(ids(jobsPage())).toHaveLength(1);
    const other = new Database(
      path.join(
        dir,
        fs.readdirSync(dir).find((f) => f.endsWith('.db'))!,
      ),
    );
    try {
      // Twice: the second commit must be seen as well as the first.
      for (const status of ['CANCELLED', 'COMPLETED']) {
        other.prepare('UPDATE jobs SET status = ?').run(status);
        await vi.waitFor(() => expect(jobsPage()).toContain(`"${status}"`), { timeout: 1000, interval: 10 });
      }
    } finally {
      other.close();
    }
  });

  it('reads a backup page again when its instance is deleted (the rows go by cascade)', () => {
    const repo = new BackupsRepo(store.db);
    const instance = seedInstance(store);
    const page = () =>
      store.pages.get(`backups:${instance.id}`, ['backups', 'instances'], () => {
        builds += 1;
        if (!store.instances.exists(instance.id)) throw new Error('gone');
        return repo.listJson(instance.id, 50).text;
      });
    page();
    page();
    expect(builds).toBe(1);
    store.instances.delete(instance.id);
    expect(page).toThrow('gone');
  });

  it('works beside a second cache on the same connection: both see every change', () => {
    const other = new PageCache(store.db);
    const otherPage = () => other.get('jobs', ['jobs'], () => store.jobs.listJson({ limit: 50 })).toString();
    seedJob(store, '2026-01-01T00:00:00.000Z');
    expect(ids(jobsPage())).toHaveLength(1);
    expect(ids(otherPage())).toHaveLength(1);
    seedJob(store, '2026-01-02T00:00:00.000Z');
    expect(ids(jobsPage())).toHaveLength(2);
    expect(ids(otherPage())).toHaveLength(2);
  });

  it('keeps a small page in memory of its own, not in a slice of a shared pool it would pin', () => {
    seedJob(store, '2026-01-01T00:00:00.000Z');
    const page = store.pages.get('small', ['jobs'], () => store.jobs.listJson({ limit: 50 }));
    expect(page.length).toBeLessThan(4096);
    expect(page.buffer.byteLength).toBe(page.length);
  });

  it('stays within its bounds: the least recently used page goes first', () => {
    seedJob(store, '2026-01-01T00:00:00.000Z');
    jobsPage('first');
    jobsPage('read often');
    for (let i = 0; i < 300; i++) {
      jobsPage(`page ${i}`);
      // Kept by being read, though it was made before the pages that push it out of the bounds.
      if (i % 100 === 0) jobsPage('read often');
    }
    const before = builds;
    jobsPage('page 299');
    jobsPage('read often');
    expect(builds).toBe(before);
    jobsPage('first');
    jobsPage('page 0');
    expect(builds).toBe(before + 2);
  });
});

import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InstanceSettings } from '@ark-asa/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_BACKUP_POLICY } from '@ark-asa/contracts';
import { BackupsRepo, type BackupRecord } from './backups-repo.ts';
import { createStore, openDatabase, type InstanceRecord, type Store } from './index.ts';
import { migrate } from './migrate.ts';
import { migration002 } from './migrations/002-backups.ts';
import { MIGRATIONS } from './migrations/index.ts';
import { seedAgent } from '../../test/helpers/store-fixtures.ts';

const AGENT = 'a0000000-0000-4000-8000-000000000001';
let dir: string;
let f: { store: Store; repo: BackupsRepo; addInstance(): InstanceRecord };

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ark-brepo-'));
  const store = createStore(openDatabase(dir));
  // Until 002 is in MIGRATIONS; deduplicated by version so this keeps working after.
  migrate(store.db, [...new Map([...MIGRATIONS, migration002].map((m) => [m.version, m])).values()]);
  const now = new Date().toISOString();
  seedAgent(store, AGENT);
  const addInstance = () => {
    const r: InstanceRecord = {
      id: randomUUID(),
      name: 'I',
      agentId: AGENT,
      status: 'STOPPED',
      buildId: null,
      installPath: null,
      settings: InstanceSettings.parse({}),
      process: null,
      createdAt: now,
      updatedAt: now,
    };
    store.instances.insert(r);
    return r;
  };
  f = { store, repo: new BackupsRepo(store.db), addInstance };
});
afterEach(() => {
  f.store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const record = (instanceId: string, createdAt: string, over: Partial<BackupRecord> = {}): BackupRecord => {
  const id = randomUUID();
  return {
    id,
    instanceId,
    fileName: `${createdAt}-${id}.zip`,
    filePath: `/backups/${id}.zip`,
    sizeBytes: 10,
    createdAt,
    kind: 'manual',
    entries: 3,
    map: 'TheIsland_WP',
    verified: true,
    note: null,
    ...over,
  };
};

describe('BackupsRepo (migration 002)', () => {
  it('stores and reads a backup exactly', () => {
    const inst = f.addInstance();
    const b = record(inst.id, '2026-01-01T00:00:00.000Z', {
      kind: 'pre-update',
      note: 'before 25.54',
      verified: false,
    });
    f.repo.insert(b);
    expect(f.repo.get(b.id)).toEqual(b);
    f.repo.setVerified(b.id, true);
    expect(f.repo.get(b.id)?.verified).toBe(true);
  });

  it('lists newest first in pages, per instance', () => {
    const a = f.addInstance();
    const other = f.addInstance();
    const made = Array.from({ length: 5 }, (_, i) => record(a.id, `2026-01-0${i + 1}T00:00:00.000Z`));
    for (const b of made) f.repo.insert(b);
    f.repo.insert(record(other.id, '2026-02-01T00:00:00.000Z'));
    const first = f.repo.list(a.id, 2);
    const second = f.repo.list(a.id, 2, first.nextCursor!);
    const third = f.repo.list(a.id, 2, second.nextCursor!);
    const ids = [...first.items, ...second.items, ...third.items].map((b) => b.id);
    expect(ids).toEqual([...made].reverse().map((b) => b.id));
    expect(third.nextCursor).toBeNull();
    expect(f.repo.listAll(a.id)).toHaveLength(5);
  });

  it('listJson gives, page by page, the very text JSON.stringify makes of list() as DTOs', () => {
    const a = f.addInstance();
    const notes = [null, 'before 25.54', 'quote " backslash \\ LF \n bell \u0007 é 🦖 \u2028', ''];
    const kinds = ['manual', 'scheduled', 'pre-update', 'pre-restore'] as const;
    for (let i = 0; i < 23; i++) {
      // Pairs share created_at: the id breaks the tie.
      const at = `2026-01-${String(Math.floor(i / 2) + 1).padStart(2, '0')}T00:00:00.000Z`;
      const over = { kind: kinds[i % 4]!, note: notes[i % 4]!, verified: i % 3 > 0, entries: i, map: `Map "${i}"` };
      f.repo.insert(record(a.id, at, { ...over, sizeBytes: i * 2 ** 40, fileName: `b\\${i}.zip` }));
    }
    for (const limit of [1, 5, 23, 50]) {
      let cursor: string | undefined;
      do {
        const plain = f.repo.list(a.id, limit, cursor);
        const dtos = { items: plain.items.map(({ filePath: _p, ...dto }) => dto), nextCursor: plain.nextCursor };
        const json = f.repo.listJson(a.id, limit, cursor);
        expect(json.text).toBe(JSON.stringify(dtos));
        expect(json.count).toBe(plain.items.length);
        cursor = plain.nextCursor ?? undefined;
      } while (cursor);
    }
    expect(f.repo.listJson(f.addInstance().id, 50)).toEqual({ text: '{"items":[],"nextCursor":null}', count: 0 });
  });

  it('refuses a kind outside the contract', () => {
    const inst = f.addInstance();
    expect(() => f.repo.insert(record(inst.id, '2026-01-01T00:00:00.000Z', { kind: 'weekly' as never }))).toThrow(
      /CHECK/,
    );
  });

  it('returns the default policy until one is saved, then the saved one', () => {
    const inst = f.addInstance();
    expect(f.repo.policy(inst.id)).toEqual(DEFAULT_BACKUP_POLICY);
    expect(DEFAULT_BACKUP_POLICY).toEqual({ keepCount: 48, maxAgeDays: null, maxTotalBytes: 20 * 1024 ** 3 });
    f.repo.setPolicy(inst.id, { keepCount: 3, maxAgeDays: 1.5, maxTotalBytes: null }, '2026-01-01T00:00:00.000Z');
    f.repo.setPolicy(inst.id, { keepCount: 4, maxAgeDays: 2, maxTotalBytes: null }, '2026-01-02T00:00:00.000Z');
    expect(f.repo.policy(inst.id)).toEqual({ keepCount: 4, maxAgeDays: 2, maxTotalBytes: null });
  });

  it('drops the rows of a deleted instance (ON DELETE CASCADE)', () => {
    const inst = f.addInstance();
    const b = record(inst.id, '2026-01-01T00:00:00.000Z');
    f.repo.insert(b);
    f.repo.setPolicy(inst.id, { keepCount: 3, maxAgeDays: null, maxTotalBytes: null }, '2026-01-01T00:00:00.000Z');
    f.store.instances.delete(inst.id);
    expect(f.repo.get(b.id)).toBeNull();
    expect(f.repo.policy(inst.id)).toEqual(DEFAULT_BACKUP_POLICY);
  });
});

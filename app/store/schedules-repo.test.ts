import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InstanceSettings } from '@ark-asa/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore, openDatabase, type Store } from './index.ts';
import { migration003 } from './migrations/003-schedules.ts';
import { SchedulesRepo, type ScheduleRecord } from './schedules-repo.ts';
import { seedAgent } from '../../test/helpers/store-fixtures.ts';

const AGENT = 'a0000000-0000-4000-8000-000000000001';
let dir: string;
let store: Store;
let t: { store: Store; repo: SchedulesRepo; addInstance(): string };

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ark-schedules-repo-'));
  store = createStore(openDatabase(dir));
  // Until the migrations index lists 003 (wired by the lead), apply it here.
  if (!store.db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'schedules'").get()) store.db.exec(migration003.sql);
  const now = new Date().toISOString();
  seedAgent(store, AGENT);
  const addInstance = () => {
    const id = crypto.randomUUID();
    const settings = InstanceSettings.parse({ adminPassword: 'secret' });
    store.instances.insert({
      id,
      name: 'Island',
      agentId: AGENT,
      status: 'STOPPED',
      buildId: null,
      installPath: null,
      settings,
      process: null,
      createdAt: now,
      updatedAt: now,
    });
    return id;
  };
  t = { store, repo: new SchedulesRepo(store.db), addInstance };
});
afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function scheduleRecord(instanceId: string, over: Partial<ScheduleRecord> = {}): ScheduleRecord {
  const now = new Date().toISOString();
  return {
    ...{ id: crypto.randomUUID(), instanceId, action: 'RESTART', cron: '0 5 * * *', timezone: 'UTC', enabled: true },
    ...{ message: null, command: null, warningMinutes: null, onlyWhenEmpty: false, updateWindow: null },
    ...{ nextRunAt: null, lastRunAt: null, lastResult: null, skipBuildId: null, createdAt: now, updatedAt: now },
    ...over,
  };
}

describe('SchedulesRepo', () => {
  it('stores a schedule with its structured fields and reads it back', () => {
    const instanceId = t.addInstance();
    const s = scheduleRecord(instanceId, {
      action: 'UPDATE',
      warningMinutes: [15, 5, 1],
      updateWindow: { start: '04:00', end: '07:00' },
      onlyWhenEmpty: true,
      message: 'new build',
      nextRunAt: '2030-06-01T05:00:00.000Z',
    });
    t.repo.insert(s);
    expect(t.repo.get(s.id)).toEqual(s);
    expect(t.repo.listForInstance(instanceId)).toEqual([s]);
    expect(t.repo.listEnabled()).toEqual([s]);
  });

  it('keeps the scheduler’s bookkeeping apart from the user’s edits', () => {
    const s = scheduleRecord(t.addInstance());
    t.repo.insert(s);
    t.repo.markFired(s.id, '2030-06-01T05:00:00.000Z', '2030-06-02T05:00:00.000Z');
    t.repo.setResult(s.id, { status: 'started', reason: 'Restart job queued', jobId: crypto.randomUUID() });
    t.repo.setSkipBuild(s.id, '200');
    t.repo.updateDefinition({
      ...s,
      message: 'edited',
      enabled: false,
      nextRunAt: null,
      updatedAt: '2030-06-01T06:00:00.000Z',
    });
    const got = t.repo.get(s.id)!;
    expect(got).toMatchObject({
      message: 'edited',
      enabled: false,
      nextRunAt: null,
      lastRunAt: '2030-06-01T05:00:00.000Z',
      skipBuildId: '200',
    });
    expect(got.lastResult?.status).toBe('started');
    expect(t.repo.listEnabled()).toEqual([]);
  });

  it('goes with its instance, and deletes report whether there was one', () => {
    const instanceId = t.addInstance();
    const s = scheduleRecord(instanceId);
    t.repo.insert(s);
    t.store.instances.delete(instanceId);
    expect(t.repo.get(s.id)).toBeNull();
    expect(t.repo.delete(s.id)).toBe(false);
  });

  it('refuses an unknown action (CHECK constraint)', () => {
    const s = scheduleRecord(t.addInstance(), { action: 'REBOOT' as 'RESTART' });
    expect(() => t.repo.insert(s)).toThrow(/CHECK/);
    expect(migration003.version).toBe(3);
  });
});

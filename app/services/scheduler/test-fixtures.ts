import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InstanceSettings, type InstanceStatus } from '@ark-asa/contracts';
import { migration003 } from '../../store/migrations/003-schedules.ts';
import { createStore, openDatabase, type Store } from '../../store/index.ts';
import { SchedulesRepo, type ScheduleRecord } from '../../store/schedules-repo.ts';

/** Shared by the schedule tests only: a real SQLite store with the schedules table, and records. */

export const AGENT_ID = 'a0000000-0000-4000-8000-000000000001';

export interface ScheduleTestStore {
  store: Store;
  repo: SchedulesRepo;
  addInstance(status?: InstanceStatus, buildId?: string | null): string;
  close(): void;
}

export function scheduleTestStore(): ScheduleTestStore {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ark-schedules-'));
  const store = createStore(openDatabase(dir));
  // Until the migrations index lists 003 (the lead wires it), apply it here; afterwards it exists.
  const exists = store.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schedules'").get();
  if (!exists) store.db.exec(migration003.sql);
  const now = new Date().toISOString();
  store.agents.upsert({
    id: AGENT_ID,
    name: 'a',
    kind: 'local',
    status: 'ONLINE',
    hostname: 'h',
    platform: 'linux',
    version: '1',
    registeredAt: now,
    lastHeartbeatAt: null,
    metrics: null,
  });
  return {
    store,
    repo: new SchedulesRepo(store.db),
    addInstance(status = 'RUNNING', buildId = null) {
      const id = crypto.randomUUID();
      const settings = InstanceSettings.parse({ adminPassword: 'secret' });
      if (buildId)
        store.builds.upsert({ buildId, installPath: path.join(dir, buildId), installedAt: now, sizeBytes: 0 });
      store.instances.insert({
        id,
        name: 'Island',
        agentId: AGENT_ID,
        status,
        buildId,
        installPath: null,
        settings,
        process: null,
        createdAt: now,
        updatedAt: now,
      });
      return id;
    },
    close() {
      store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A schedule record with defaults (a daily 05:00 restart in UTC) and the given changes. */
export function scheduleRecord(instanceId: string, over: Partial<ScheduleRecord> = {}): ScheduleRecord {
  const now = new Date().toISOString();
  return {
    id: crypto.randomUUID(),
    instanceId,
    action: 'RESTART',
    cron: '0 5 * * *',
    timezone: 'UTC',
    enabled: true,
    message: null,
    command: null,
    warningMinutes: null,
    onlyWhenEmpty: false,
    updateWindow: null,
    nextRunAt: null,
    lastRunAt: null,
    lastResult: null,
    skipBuildId: null,
    createdAt: now,
    updatedAt: now,
    ...over,
  };
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TransferRules, type InstanceRuntime } from '@ark-asa/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedAgent, seedInstance, TEST_AGENT_ID } from '../../test/helpers/store-fixtures.ts';
import { LATEST_BUILD_ID_KEY } from '../agents/builds/latest-build.ts';
import { EventBus } from '../events/event-bus.ts';
import { createLogger } from '../logger.ts';
import { createStore, openDatabase, type Store } from '../store/index.ts';
import { InstancesService } from './instances-service.ts';

let dir: string;
let store: Store;
let first = '';

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ark-instances-list-'));
  store = createStore(openDatabase(dir));
  seedAgent(store);
});
afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function service(): InstancesService {
  const runtime: InstanceRuntime = {
    pid: 42,
    startedAt: new Date(0).toISOString(),
    playersOnline: 3,
    cpuPercent: null,
    memoryBytes: null,
  };
  return new InstancesService({
    store,
    bus: new EventBus(createLogger({ silent: true }), true),
    clock: { now: () => new Date(), sleep: () => Promise.resolve() },
    agentId: () => TEST_AGENT_ID,
    runtime: (id) => (id === first ? runtime : null),
    attention: () => null,
  });
}

describe('InstancesService.list', () => {
  // The page reads cluster memberships and the served build once for all rows (issue #15): each row
  // must still carry exactly what the single-instance read gives it.
  it('gives every row the cluster, update and runtime that get() gives it', () => {
    const at = (n: number) => new Date(Date.UTC(2025, 0, 1, 0, 0, n)).toISOString();
    for (const buildId of ['100', '200'])
      store.builds.upsert({ buildId, installPath: dir, installedAt: at(0), sizeBytes: 1 });
    const rows = [1, 2, 3, 4].map((n) =>
      seedInstance(store, { name: `S${n}`, buildId: n % 2 ? '100' : '200', createdAt: at(n), updatedAt: at(n) }),
    );
    first = rows[0]!.id;
    const now = at(9);
    store.clusters.insert({
      id: crypto.randomUUID(),
      name: 'c',
      gameClusterId: 'c1',
      clusterDir: dir,
      folders: {},
      transferRules: TransferRules.parse({}),
      createdAt: now,
      updatedAt: now,
    });
    const clusterId = store.clusters.list()[0]!.id;
    store.clusters.setMembership(rows[1]!.id, clusterId);
    store.clusters.setMembership(rows[3]!.id, clusterId);
    store.settings.setMany({ [LATEST_BUILD_ID_KEY]: '200' });

    const s = service();
    const page = s.list(3);
    const rest = s.list(3, page.nextCursor ?? undefined);
    const listed = [...page.items, ...rest.items];

    expect(listed.map((i) => i.name)).toEqual(['S1', 'S2', 'S3', 'S4']);
    expect(listed).toEqual(rows.map((r) => s.get(r.id)));
    expect(listed.map((i) => i.clusterId)).toEqual([null, clusterId, null, clusterId]);
    expect(listed.map((i) => i.updateAvailable?.buildId ?? null)).toEqual(['200', null, '200', null]);
    expect(listed[0]!.runtime).toMatchObject({ pid: 42, playersOnline: 3 });
    expect(rest.nextCursor).toBeNull();
  });
});

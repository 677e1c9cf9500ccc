import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InstanceSettings, SECRET_MASK, type InstanceAttention, type InstanceRuntime } from '@ark-asa/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REMOTE_AGENT_ID, remoteInstanceDto } from '../../test/helpers/remote-fixtures.ts';
import { seedAgent, seedCluster, seedInstance, TEST_AGENT_ID } from '../../test/helpers/store-fixtures.ts';
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

const ATTENTION: InstanceAttention = { kind: 'unconfirmed-process', pid: 7, message: 'Is "7" the server?' };
let attentive = '';

/** What the supervisor knows of the running server `first`: a test may change it. */
let runtime: InstanceRuntime;

function service(): InstancesService {
  runtime = { pid: 42, startedAt: new Date(0).toISOString(), playersOnline: 3, cpuPercent: null, memoryBytes: null };
  return new InstancesService({
    store,
    bus: new EventBus(createLogger({ silent: true }), true),
    clock: { now: () => new Date(), sleep: () => Promise.resolve() },
    agentId: () => TEST_AGENT_ID,
    runtime: (id) => (id === first ? runtime : null),
    attention: (id) => (id === attentive ? ATTENTION : null),
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
    const clusterId = seedCluster(store, { name: 'c', gameClusterId: 'c1', clusterDir: dir, createdAt: at(9) }).id;
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

describe('InstancesService.agentIdOf', () => {
  it('gives the host of an instance as record() does, and null for an unknown id', () => {
    const row = seedInstance(store, { name: 'S' });
    expect(service().agentIdOf(row.id)).toBe(service().record(row.id).agentId);
    expect(service().agentIdOf(crypto.randomUUID())).toBeNull();
  });

  it('follows a deleted instance, a new one and a move to another host, though it remembers', () => {
    const s = service();
    const row = seedInstance(store, { name: 'S' });
    expect(s.agentIdOf(row.id)).toBe(TEST_AGENT_ID);
    store.instances.delete(row.id);
    expect(s.agentIdOf(row.id)).toBeNull();
    const later = seedInstance(store, { name: 'T' });
    expect(s.agentIdOf(later.id)).toBe(TEST_AGENT_ID);
    seedAgent(store, REMOTE_AGENT_ID);
    store.instances.update({ ...store.instances.get(later.id)!, agentId: REMOTE_AGENT_ID });
    expect(s.agentIdOf(later.id)).toBe(REMOTE_AGENT_ID);
  });
});

describe('InstancesRepo.ids', () => {
  // The instance list keys its kept page by each server's runtime, found through ids(): a server
  // created, mirrored or deleted since the last read must be in (or out of) the next answer.
  it('follows created, mirrored and deleted instances, though it remembers', () => {
    const a = seedInstance(store, { name: 'A' });
    expect(store.instances.ids()).toEqual([a.id]);
    const b = seedInstance(store, { name: 'B' });
    expect([...store.instances.ids()].sort()).toEqual([a.id, b.id].sort());
    seedAgent(store, REMOTE_AGENT_ID);
    const mirrored = remoteInstanceDto({ name: 'Over there' });
    store.instances.upsertMirror(REMOTE_AGENT_ID, mirrored);
    expect(store.instances.ids()).toContain(mirrored.id);
    store.instances.delete(a.id);
    expect(store.instances.ids()).not.toContain(a.id);
  });

  it("shows a new server's runtime in the next list page", () => {
    const s = service();
    seedInstance(store, { name: 'A' });
    expect(s.listJson(500).toString()).not.toContain('"playersOnline"');
    first = seedInstance(store, { name: 'B', status: 'RUNNING' }).id;
    expect(JSON.parse(s.listJson(500).toString())).toEqual(JSON.parse(JSON.stringify(s.list(500))));
    expect(s.listJson(500).toString()).toContain('"playersOnline":3');
  });
});

describe('InstancesService.listJson', () => {
  // The route sends this text: it must be the very bytes JSON.stringify makes of list(), for local
  // servers of every kind (secrets, folded legacy switches, in place, cluster, runtime, attention,
  // an update offered or not) and a remote host's mirrored server, page by page.
  it('is JSON.stringify of list(), page by page, and follows a settings change', () => {
    const at = (n: number) => new Date(Date.UTC(2025, 0, 1, 0, 0, n)).toISOString();
    for (const buildId of ['100', '200'])
      store.builds.upsert({ buildId, installPath: dir, installedAt: at(0), sizeBytes: 1 });
    store.settings.setMany({ [LATEST_BUILD_ID_KEY]: '200' });
    // As stored, not as the form would accept now: older versions kept switches among the extra options.
    const secretive: InstanceSettings = {
      ...InstanceSettings.parse({}),
      adminPassword: 'hunter2',
      serverPassword: 'pw "quoted" é',
      extraQueryArgs: ['SpectatorPassword=s3cret', 'customdynamicconfigurl=http://x/y', 'Fancy=1'],
      extraDashArgs: ['-NoHangDetection', '-culture=fr', 'ApiKey=k'],
    };
    const rows = [
      seedInstance(store, { name: 'Plain', createdAt: at(1) }),
      seedInstance(store, { name: 'Secrets ✓', settings: secretive, buildId: '100', createdAt: at(2) }),
      seedInstance(store, { name: 'In place', inPlace: true, installPath: '/games/ark', createdAt: at(3) }),
      seedInstance(store, { name: 'Current', buildId: '200', status: 'RUNNING', createdAt: at(4) }),
    ];
    seedAgent(store, REMOTE_AGENT_ID);
    store.instances.upsertMirror(REMOTE_AGENT_ID, remoteInstanceDto({ createdAt: at(5), name: 'Over there' }));
    first = rows[3]!.id;
    attentive = rows[1]!.id;
    const { id: clusterId } = seedCluster(store, { name: 'c', gameClusterId: 'c1', clusterDir: dir, createdAt: at(0) });
    store.clusters.setMembership(rows[2]!.id, clusterId);

    const s = service();
    const expectSame = () => {
      for (const limit of [1, 2, 500]) {
        let cursor: string | undefined;
        do {
          const plain = s.list(limit, cursor);
          expect(s.listJson(limit, cursor).toString()).toBe(JSON.stringify(plain));
          cursor = plain.nextCursor ?? undefined;
        } while (cursor);
      }
    };
    expectSame();
    const text = s.listJson(500).toString();
    expect((JSON.parse(text) as { items: unknown[] }).items).toHaveLength(5);
    const kinds = ['"inPlace":true', '"attention":{"kind"', '"runtime":{"pid":42', '"clusterId":"'];
    for (const part of [...kinds, '"updateAvailable":{"buildId":"200"', '"name":"Over there"', SECRET_MASK])
      expect(text).toContain(part);
    expect(text).not.toContain('hunter2');
    // The masked settings are remembered per stored text: a change shows at once.
    store.instances.update({ ...rows[1]!, settings: { ...secretive, adminPassword: '', serverPassword: 'x' } });
    expectSame();
    // What is not in the database shows at once too: a server's runtime, the build Steam serves.
    runtime = { ...runtime, playersOnline: 7, memoryBytes: 123 };
    expectSame();
    store.settings.setMany({ [LATEST_BUILD_ID_KEY]: '100' });
    expectSame();
    expect(s.listJson(500).toString()).not.toContain('"updateAvailable":{"buildId":"200"');
  });
});

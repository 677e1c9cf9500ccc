import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { WSEvent } from '@ark-asa/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REMOTE_AGENT_ID, remoteInstanceDto } from '../../../test/helpers/remote-fixtures.ts';
import { seedAgent, seedInstance, TEST_AGENT_ID } from '../../../test/helpers/store-fixtures.ts';
import { systemClock } from '../../domain/clock.ts';
import { EventBus } from '../../events/event-bus.ts';
import { createLogger } from '../../logger.ts';
import { createStore, openDatabase, type Store } from '../../store/index.ts';
import { FakeProcessHost } from './fake-process-host.ts';
import { Supervisor } from './supervisor.ts';

let dir: string;
let store: Store;
let host: FakeProcessHost;
let events: WSEvent[];
let restarts: string[];
let supervisor: Supervisor;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ark-remote-rows-'));
  store = createStore(openDatabase(dir));
  seedAgent(store);
  seedAgent(store, REMOTE_AGENT_ID);
  host = new FakeProcessHost();
  events = [];
  restarts = [];
  const bus = new EventBus(createLogger({ silent: true }), true);
  bus.subscribe((e) => events.push(e));
  supervisor = new Supervisor({
    ...{ store, bus, host, clock: systemClock, logger: createLogger({ silent: true }) },
    logs: { append: () => undefined },
    files: { instanceDir: (id) => path.join(dir, id), ensureManagedSettings: () => Promise.resolve() },
    followLog: () => ({ stop: () => undefined }),
    crashPolicy: () => ({ maxRestarts: 3, windowMs: 600_000 }),
    requestRestart: (id) => restarts.push(id),
    portFree: () => Promise.resolve(true),
    localAgentId: () => TEST_AGENT_ID,
  });
});

afterEach(async () => {
  await supervisor.detach();
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A remote host's server mirrored as RUNNING, with a process record that matches a live process here. */
async function runningMirror(): Promise<string> {
  const dto = remoteInstanceDto({ installPath: dir });
  store.instances.upsertMirror(REMOTE_AGENT_ID, dto);
  // The worst case: the host's pid is alive on this machine too (another program's, here a fake one).
  const proc = await host.spawn('/elsewhere/ArkAscendedServer.exe', []);
  const startedAt = new Date().toISOString();
  store.instances.setProcess(dto.id, {
    pid: proc.pid,
    exePath: proc.exePath,
    startTimeMs: proc.startTimeMs,
    startedAt,
  });
  return dto.id;
}

describe('Supervisor and the servers of remote hosts', () => {
  it('leaves a RUNNING remote server alone when it recovers after a restart', async () => {
    const id = await runningMirror();
    const before = store.instances.get(id);
    // A local RUNNING server whose process is gone, recovered in the same pass, proves recovery ran.
    const local = seedInstance(store, { status: 'RUNNING' });
    await supervisor.recover();
    expect(store.instances.get(id)).toEqual(before);
    expect(supervisor.isRunning(id)).toBe(false);
    expect(supervisor.liveInstanceIds()).toEqual([]);
    expect(host.killed).toEqual([]);
    expect(restarts).not.toContain(id);
    expect(events.filter((e) => 'instanceId' in e.data && e.data.instanceId === id)).toEqual([]);
    expect(store.instances.get(local.id)!.status).toBe('CRASHED');
  });

  it('refuses to start or stop a remote server, changing nothing', async () => {
    const id = await runningMirror();
    const before = store.instances.get(id);
    const job = { signal: new AbortController().signal, progress: () => undefined };
    await expect(supervisor.start(id, job)).rejects.toMatchObject({ code: 'invalid-state' });
    await expect(supervisor.stop(id, job)).rejects.toMatchObject({ code: 'invalid-state' });
    expect(store.instances.get(id)).toEqual(before);
    expect(host.processes).toHaveLength(1);
    expect(events).toEqual([]);
  });
});

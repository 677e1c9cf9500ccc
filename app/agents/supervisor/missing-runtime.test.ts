// A server that exits at once with 0xC0000135 (no VC++ runtime) is explained, not restarted.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InstanceSettings, type WSEvent } from '@ark-asa/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../domain/clock.ts';
import { EventBus } from '../../events/event-bus.ts';
import { createLogger } from '../../logger.ts';
import { createStore, openDatabase, type Store } from '../../store/index.ts';
import { seedAgent } from '../../../test/helpers/store-fixtures.ts';
import { FakeProcessHost } from './fake-process-host.ts';
import { SERVER_EXE, Supervisor } from './supervisor.ts';

const AGENT = 'a0000000-0000-4000-8000-000000000002';
let store: Store;
let host: FakeProcessHost;
let events: WSEvent[];
let lines: string[];
let restarts: string[];
let dir: string;

function supervisor(): Supervisor {
  const bus = new EventBus(createLogger({ silent: true }), true);
  bus.subscribe((e) => events.push(e));
  return new Supervisor({
    store,
    bus,
    clock: systemClock,
    logger: createLogger({ silent: true }),
    host,
    logs: { append: (_id, e) => lines.push(`${e.level} ${e.message}`) },
    files: { instanceDir: (id) => path.join(dir, id), ensureManagedSettings: () => Promise.resolve() },
    followLog: () => ({ stop: () => undefined }),
    crashPolicy: () => ({ maxRestarts: 5, windowMs: 600_000 }),
    requestRestart: (id) => restarts.push(id),
    portFree: () => Promise.resolve(true),
    timeouts: { saveMs: 50, exitMs: 50, rconProbeMs: 60_000, startupMs: 60_000 },
  });
}

function addInstance(): string {
  const id = crypto.randomUUID();
  const installPath = path.join(dir, id);
  fs.mkdirSync(path.dirname(path.join(installPath, ...SERVER_EXE)), { recursive: true });
  fs.writeFileSync(path.join(installPath, ...SERVER_EXE), '');
  const now = new Date().toISOString();
  const settings = InstanceSettings.parse({ adminPassword: 'secret', rconPort: 1025, autoRestartOnCrash: true });
  store.builds.upsert({ buildId: '1', installPath: dir, installedAt: now, sizeBytes: 0 });
  store.instances.insert({
    ...{ id, name: 'Island', agentId: AGENT, status: 'STOPPED', buildId: '1', installPath, settings },
    ...{ process: null, createdAt: now, updatedAt: now },
  });
  return id;
}

const job = () => ({ signal: new AbortController().signal, progress: () => undefined });
const flush = () => new Promise((r) => setTimeout(r, 10));

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ark-sup-dll-'));
  store = createStore(openDatabase(dir));
  seedAgent(store, AGENT);
  host = new FakeProcessHost();
  events = [];
  lines = [];
  restarts = [];
});
afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('Supervisor: a missing Windows runtime (0xC0000135)', () => {
  for (const code of [3221225781, -1073741515]) {
    it(`explains exit code ${code} and does not restart`, async () => {
      const sup = supervisor();
      const id = addInstance();
      const started = sup.start(id, job());
      await flush();
      host.last().exit(code);
      await expect(started).rejects.toThrow(/runtime is missing \(0xC0000135/);
      await flush();
      expect(restarts).toEqual([]);
      const record = store.instances.get(id);
      expect(record?.status).toBe('CRASHED');
      expect(record?.process).toBeNull();
      const errors = events.filter((e) => e.event === 'system:error').map((e) => e.data);
      expect(errors).toEqual([
        expect.objectContaining({
          code: 'start-failed',
          subjectId: id,
          message: expect.stringMatching(/Visual C\+\+ 2015–2022 x64 runtime: Settings → Host prerequisites/),
        }),
      ]);
      expect(lines.join('\n')).toMatch(/0xC0000135, STATUS_DLL_NOT_FOUND/);
      expect(lines.join('\n')).not.toMatch(/Restarting automatically|keeps crashing/);
    });
  }

  it('any other exit while starting still goes through the crash policy', async () => {
    const sup = supervisor();
    const id = addInstance();
    const started = sup.start(id, job());
    await flush();
    host.last().exit(3);
    await expect(started).rejects.toThrow();
    await flush();
    expect(restarts).toEqual([id]);
  });
});

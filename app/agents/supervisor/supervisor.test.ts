import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InstanceSettings, type WSEvent } from '@ark-asa/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../domain/clock.ts';
import { parseServerLogLine, type ServerLogLine } from '../../domain/server-log.ts';
import { EventBus } from '../../events/event-bus.ts';
import { createLogger } from '../../logger.ts';
import { createStore, openDatabase, type Store } from '../../store/index.ts';
import { FakeProcessHost } from './fake-process-host.ts';
import { SERVER_EXE, Supervisor } from './supervisor.ts';
import { seedAgent } from '../../../test/helpers/store-fixtures.ts';

const AGENT = 'a0000000-0000-4000-8000-000000000001';
let store: Store;
let host: FakeProcessHost;
let events: WSEvent[];
let lines: { id: string; level: string; message: string }[];
let restarts: string[];
let feeds: Map<string, (l: ServerLogLine) => void>;
let dir: string;

/** Every supervisor a test made: let go of their servers' pollers before the store closes. */
const made: Supervisor[] = [];

function supervisor(maxRestarts = 2): Supervisor {
  const bus = new EventBus(createLogger({ silent: true }), true);
  bus.subscribe((e) => events.push(e));
  return remember(
    new Supervisor({
      store,
      bus,
      clock: systemClock,
      logger: createLogger({ silent: true }),
      host,
      logs: { append: (id, e) => lines.push({ id, level: e.level, message: e.message }) },
      files: { instanceDir: (id) => path.join(dir, id), ensureManagedSettings: () => Promise.resolve() },
      followLog: ({ instanceId, onLine }) => {
        feeds.set(instanceId, onLine);
        return { stop: () => feeds.delete(instanceId) };
      },
      crashPolicy: () => ({ maxRestarts, windowMs: 600_000 }),
      requestRestart: (id) => restarts.push(id),
      portFree: () => Promise.resolve(true),
      timeouts: { saveMs: 50, exitMs: 50, rconProbeMs: 60_000, startupMs: 60_000 },
    }),
  );
}

function remember(sup: Supervisor): Supervisor {
  made.push(sup);
  return sup;
}

function addInstance(): string {
  const id = crypto.randomUUID();
  const installPath = path.join(dir, id);
  fs.mkdirSync(path.dirname(path.join(installPath, ...SERVER_EXE)), { recursive: true });
  fs.writeFileSync(path.join(installPath, ...SERVER_EXE), '');
  const now = new Date().toISOString();
  const settings = InstanceSettings.parse({ adminPassword: 'secret', rconPort: 1025 });
  store.instances.insert({
    id,
    name: 'Test',
    agentId: AGENT,
    status: 'STOPPED',
    buildId: null,
    installPath,
    settings,
    process: null,
    createdAt: now,
    updatedAt: now,
  });
  store.builds.upsert({ buildId: '1', installPath: dir, installedAt: now, sizeBytes: 0 });
  store.instances.update({ ...store.instances.get(id)!, buildId: '1' });
  return id;
}

const job = () => ({ signal: new AbortController().signal, progress: () => undefined });
const say = (id: string, text: string) => feeds.get(id)?.(parseServerLogLine(`[2026.11.26-07.00.00:000][  0]${text}`));
const statuses = (id: string) =>
  events
    .filter((e) => e.event === 'instance:status_changed' && e.data.instanceId === id)
    .map((e) => (e.data as { status: string }).status);
const flush = () => new Promise((r) => setTimeout(r, 10));

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ark-sup-'));
  store = createStore(openDatabase(dir));
  seedAgent(store, AGENT);
  host = new FakeProcessHost();
  events = [];
  lines = [];
  restarts = [];
  feeds = new Map();
});
afterEach(async () => {
  // A poller's timer firing after close would read a closed database (an unhandled rejection).
  for (const sup of made.splice(0)) await sup.detach();
  store.close();
});

describe('Supervisor (scripted process host)', () => {
  it('goes STARTING → RUNNING on the advertising line and records the process', async () => {
    const sup = supervisor();
    const id = addInstance();
    const started = sup.start(id, job());
    await flush();
    expect(store.instances.get(id)?.status).toBe('STARTING');
    expect(store.instances.get(id)?.process?.pid).toBe(host.last().pid);
    expect(host.last().args[0]).toMatch(/^TheIsland_WP\?listen\?SessionName=/);
    say(id, 'Server has completed startup and is now advertising for join.');
    await expect(started).resolves.toEqual({ pid: host.last().pid });
    expect(statuses(id)).toEqual(['STARTING', 'RUNNING']);
    expect(sup.runtime(id)).toMatchObject({ pid: host.last().pid, playersOnline: 0 });
  });

  it('tracks players from join and leave lines', async () => {
    const sup = supervisor();
    const id = addInstance();
    const started = sup.start(id, job());
    await flush();
    say(id, 'Server has completed startup and is now advertising for join.');
    await started;
    say(id, '2026.11.26_07.00.01: Rex [UniqueNetId:0002214a4a6742d9a347bd449b2dc143 Platform:None] joined this ARK!');
    expect(sup.runtime(id)?.playersOnline).toBe(1);
    say(id, '2026.11.26_07.05.01: Rex [UniqueNetId:0002214a4a6742d9a347bd449b2dc143 Platform:None] left this ARK!');
    expect(sup.runtime(id)?.playersOnline).toBe(0);
  });

  it('marks an unrequested exit CRASHED and asks for a restart, until the crash-loop guard stops it', async () => {
    const sup = supervisor(2);
    const id = addInstance();
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      const started = sup.start(id, job(), attempt > 1 ? 'Automatic restart' : undefined);
      await flush();
      say(id, 'Server has completed startup and is now advertising for join.');
      await started;
      host.last().exit(3);
      await flush();
      expect(store.instances.get(id)?.status).toBe('CRASHED');
    }
    expect(restarts).toEqual([id, id]);
    const loop = events.find((e) => e.event === 'system:error');
    expect(loop?.data).toMatchObject({ code: 'crash-loop', subjectId: id });
    expect(
      lines
        .filter((l) => l.level === 'ERROR')
        .map((l) => l.message)
        .join('\n'),
    ).toMatch(/exit code 3/);
    expect(store.instances.get(id)?.process).toBeNull();
  });

  it('a start the user asks for resets the guard', async () => {
    const sup = supervisor(1);
    const id = addInstance();
    for (let i = 0; i < 2; i += 1) {
      const started = sup.start(id, job()); // user starts, no reason: resets the guard
      await flush();
      say(id, 'Server has completed startup and is now advertising for join.');
      await started;
      host.last().exit(1);
      await flush();
    }
    expect(restarts).toEqual([id, id]);
  });

  it('a crash while starting fails the start job and is still a crash', async () => {
    const sup = supervisor(0);
    const id = addInstance();
    const started = sup.start(id, job());
    await flush();
    host.last().exit(1);
    await expect(started).rejects.toThrow(/exited while starting/);
    expect(statuses(id)).toEqual(['STARTING', 'CRASHED']);
  });

  it('kills the process tree only when it does not exit, and ends STOPPED', async () => {
    const sup = supervisor();
    const id = addInstance();
    const started = sup.start(id, job());
    await flush();
    say(id, 'Server has completed startup and is now advertising for join.');
    await started;
    const result = await sup.stop(id, job()); // RCON is unreachable here, so save and exit cannot work
    expect(result).toEqual({ wasRunning: true, killed: true, warnings: 0 });
    expect(host.killed).toEqual([host.last().pid]);
    expect(statuses(id)).toEqual(['STARTING', 'RUNNING', 'STOPPING', 'STOPPED']);
    expect(restarts).toEqual([]);
    expect(lines.map((l) => l.message).join('\n')).toMatch(/SaveWorld[\s\S]*DoExit[\s\S]*killing process/);
  });

  it('re-attaches to a server still running after a manager restart, and not to a recycled pid', async () => {
    const first = supervisor();
    const id = addInstance();
    const other = addInstance();
    for (const x of [id, other]) {
      const started = first.start(x, job());
      await flush();
      say(x, 'Server has completed startup and is now advertising for join.');
      await started;
    }
    await first.detach();
    // The pid of `other` now belongs to another program: same pid, other start time.
    const otherRecord = store.instances.get(other)!;
    store.instances.setProcess(other, {
      ...otherRecord.process!,
      startTimeMs: otherRecord.process!.startTimeMs - 60_000,
    });
    events = [];
    const second = supervisor();
    await second.recover();
    expect(second.isRunning(id)).toBe(true);
    expect(store.instances.get(id)?.status).toBe('RUNNING');
    expect(store.instances.get(other)?.status).toBe('CRASHED');
    expect(host.killed).toEqual([]);
    host.processes.find((p) => p.pid === store.instances.get(id)!.process!.pid)!.exit(null);
    await flush();
    expect(store.instances.get(id)?.status).toBe('CRASHED');
  });

  it('after a restart, neither adopts nor forgets a live process it cannot confirm: CRASHED naming the pid, no second start', async () => {
    const first = supervisor();
    const id = addInstance();
    const started = first.start(id, job());
    await flush();
    say(id, 'Server has completed startup and is now advertising for join.');
    await started;
    await first.detach();
    // Same pid and start time, but recorded under another path (a launcher that renamed argv[0]).
    const recorded = store.instances.get(id)!.process!;
    store.instances.setProcess(id, { ...recorded, exePath: '/elsewhere/launcher' });
    events = [];
    const second = supervisor();
    await second.recover();
    expect(second.isRunning(id)).toBe(false);
    expect(store.instances.get(id)?.status).toBe('CRASHED');
    const changed = events.find((e) => e.event === 'instance:status_changed');
    expect((changed?.data as { reason?: string }).reason).toContain(
      `A process (pid ${recorded.pid}) that may be this server is still running`,
    );
    expect(restarts).toEqual([]);
    expect(store.instances.get(id)?.process?.pid).toBe(recorded.pid);
    await expect(second.start(id, job())).rejects.toThrow(`pid ${recorded.pid}`);
    expect(host.killed).toEqual([]);
    expect(host.processes).toHaveLength(1);
    await second.detach();
  });

  it('refuses to start twice, and to start without files', async () => {
    const sup = supervisor();
    const id = addInstance();
    const started = sup.start(id, job());
    await flush();
    await expect(sup.start(id, job())).rejects.toThrow(/starting/);
    say(id, 'Server has completed startup and is now advertising for join.');
    await started;
    const bare = addInstance();
    fs.rmSync(path.join(dir, bare), { recursive: true });
    await expect(sup.start(bare, job())).rejects.toThrow(/files .* are missing/);
  });
});

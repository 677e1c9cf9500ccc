import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Instance, type Job } from '@ark-asa/contracts';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startControlPlane } from '../app/control-plane.ts';
import { Harness, tempDir } from './helpers/harness.ts';
import { IpcServe } from './helpers/ipc-process.ts';
import { freePort } from './helpers/processes.ts';
import { SimEnv } from './helpers/sim-env.ts';
import { TestWsClient } from './helpers/ws-client.ts';

/**
 * The headless manager's lifecycle around a running (simulated) ASA server: saving every world at
 * a session end and at a stop that leaves the server running, and a failed start (port taken)
 * that leaves no second supervisor behind for the next start to duplicate.
 */
const PORTS = { gamePort: 7881, rconPort: 27881 };
const dataDir = tempDir('ark-headless-e2e-');
let sim: SimEnv;
let inst: Instance;
let serverPid: number;

const api = async <T>(base: string, method: string, route: string, body?: unknown): Promise<T> => {
  const res = await fetch(`${base}${route}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.status, `${method} ${route}`).toBeLessThan(300);
  return (await res.json()) as T;
};
const saves = () => sim.journal(inst.installPath!).filter((e) => e.event === 'saved').length;
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function runJob(base: string, ws: TestWsClient, route: string, body: unknown = {}): Promise<void> {
  const { job } = await api<{ job: Job }>(base, 'POST', route, body);
  const failed = ws.waitFor('job:failed', (d) => d.jobId === job.id, 60_000).then((d) => new Error(d.error.message));
  const done = ws.waitFor('job:completed', (d) => d.jobId === job.id, 60_000);
  const outcome = await Promise.race([done, failed]);
  if (outcome instanceof Error) throw outcome;
}

let first: IpcServe;

beforeAll(async () => {
  sim = await SimEnv.create();
  first = IpcServe.start(['--port', String(await freePort()), '--data-dir', dataDir]);
  const { url, wsUrl } = await first.next('ready');
  const ws = await TestWsClient.connect(wsUrl);
  await api(url, 'PATCH', '/api/v1/settings', { steamcmdPath: sim.steamcmdPath });
  await runJob(url, ws, '/api/v1/builds/install');
  inst = Instance.parse(
    await api(url, 'POST', '/api/v1/instances', {
      name: 'Kept',
      settings: { ...PORTS, adminPassword: 'HeadlessAdmin42' },
    }),
  );
  await sim.server(inst.installPath!, { startupSeconds: 1 });
  await runJob(url, ws, `/api/v1/instances/${inst.id}/start`);
  serverPid = Instance.parse(await api(url, 'GET', `/api/v1/instances/${inst.id}`)).runtime!.pid!;
  ws.close();
}, 120_000);

afterAll(() => {
  if (first.child.exitCode === null) first.child.kill('SIGKILL');
  if (serverPid && alive(serverPid)) process.kill(serverPid, 'SIGKILL');
});

describe('the headless manager with a running server', () => {
  it('saves every running world at a session end, and again when it stops leaving the server running', async () => {
    const before = saves();
    first.send({ v: 1, type: 'session-end', deadlineMs: 10_000 });
    expect(await first.next('session-saved')).toEqual({ v: 1, type: 'session-saved', saved: 1, failed: [] });
    expect(saves()).toBe(before + 1);
    const ark = path.join(inst.installPath!, 'ShooterGame/Saved/SavedArks/TheIsland_WP/TheIsland_WP.ark');
    expect(fs.existsSync(ark)).toBe(true);

    first.send({ v: 1, type: 'shutdown', stopServers: false });
    expect(await first.next('stopped')).toEqual({ v: 1, type: 'stopped', serversLeftRunning: 1 });
    expect(await first.exited).toBe(0);
    expect(saves()).toBe(before + 2);
    expect(alive(serverPid)).toBe(true);
  });

  it('after a start that failed on a taken port, the next start is the only one supervising the server', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const taken = (blocker.address() as net.AddressInfo).port;
    const logged: { level: number; msg: string }[] = [];
    const logger = pino(
      { level: 'debug' },
      { write: (line: string) => void logged.push(JSON.parse(line) as { level: number; msg: string }) },
    );
    await expect(startControlPlane({ dataDir, port: taken, staticDir: null, logger })).rejects.toMatchObject({
      code: 'port-in-use',
    });
    blocker.close();
    const afterFailure = logged.length;

    const h = await Harness.start({ dataDir });
    try {
      const ws = await h.ws();
      expect((await h.api<Instance>('GET', `/api/v1/instances/${inst.id}`)).body.status).toBe('RUNNING');
      // New server log lines: a supervisor left behind by the failed start would tail them too,
      // into a database it no longer has open.
      expect(await h.plane.saveAllWorlds(10_000)).toEqual({ saved: 1, failed: [] });
      await ws.waitFor(
        'instance:log',
        (l) => l.instanceId === inst.id && l.source === 'server' && /World Save Complete/.test(l.message),
      );
      await new Promise((r) => setTimeout(r, 1500));
      expect(logged.slice(afterFailure)).toEqual([]);
      const logs = await h.api<{ items: { message: string }[] }>('GET', `/api/v1/instances/${inst.id}/logs?limit=500`);
      const adoptions = logs.body.items.filter((l) => /Found the server still running/.test(l.message));
      expect(adoptions).toHaveLength(2); // the failed start's, then this one's: each once
      await h.api('POST', `/api/v1/instances/${inst.id}/stop`, {});
      await ws.waitFor('instance:status_changed', (d) => d.instanceId === inst.id && d.status === 'STOPPED', 60_000);
    } finally {
      await h.stop();
    }
  });
});

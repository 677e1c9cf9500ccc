import fs from 'node:fs';
import path from 'node:path';
import { Instance, type Job } from '@ark-asa/contracts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Harness, tempDir } from './helpers/harness.ts';
import { SimEnv } from './helpers/sim-env.ts';
import type { TestWsClient } from './helpers/ws-client.ts';

/**
 * Issue 11 item 11: a server started through a launcher that does not keep argv[0] (as wine or
 * Proton do for ArkAscendedServer.exe on Linux) is found again after a manager restart, and one
 * that cannot be confirmed is never answered with a second start. The launcher is a shell script
 * in the exe's place that execs the simulator from another folder (whose Saved folder is the
 * instance's), so argv[0] and /proc/<pid>/exe both differ from the path the manager started.
 */
let h: Harness;
let ws: TestWsClient;
let sim: SimEnv;
let inst: Instance;
const dataDir = tempDir();
const pids: number[] = [];

const finished = async (res: { status: number; body: unknown }) => {
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  const { job } = res.body as { job: Job };
  return Promise.race([
    ws.waitFor('job:completed', (d) => d.jobId === job.id, 60_000).then(() => true),
    ws.waitFor('job:failed', (d) => d.jobId === job.id, 60_000).then((d) => d.error.message),
  ]);
};
const logText = async () => JSON.stringify((await h.api('GET', `/api/v1/instances/${inst.id}/logs?limit=100`)).body);
const runningPid = async (): Promise<number> => {
  const pid = (await instance()).runtime?.pid;
  if (typeof pid !== 'number') throw new Error('the server has no process');
  return pid;
};
const instance = async () => Instance.parse((await h.api('GET', `/api/v1/instances/${inst.id}`)).body);

/** instance:updated events for the instance after the first `from` received ones. */
const updatesSince = (from: number) =>
  ws.events
    .slice(from)
    .filter((e) => e.event === 'instance:updated')
    .map((e) => Instance.parse((e.data as { instance: unknown }).instance))
    .filter((i) => i.id === inst.id);
const choose = (action: unknown) =>
  h.api<{ error: { code: string; message: string } }>('POST', `/api/v1/instances/${inst.id}/unconfirmed-process`, {
    action,
  });

/** Starts the server through a launcher that hides it, then restarts the manager: it is unconfirmed. */
async function unconfirmedServer(): Promise<number> {
  installLauncher(true);
  expect(await finished(await h.api('POST', `/api/v1/instances/${inst.id}/start`))).toBe(true);
  const pid = await runningPid();
  pids.push(pid);
  await restartManager();
  expect((await instance()).attention).toEqual({ kind: 'unconfirmed-process', pid, message: expect.any(String) });
  return pid;
}

async function restartManager(): Promise<void> {
  await h.stop(); // leaves the server running
  h = await Harness.start({ dataDir });
  ws = await h.ws();
}

/** Puts a launcher in place of the instance's server executable; `cd /` makes it unrecognisable. */
function installLauncher(wander: boolean): void {
  const exe = path.join(inst.installPath!, 'ShooterGame/Binaries/Win64/ArkAscendedServer.exe');
  const elsewhere = tempDir('ark-launcher-');
  const real = path.join(elsewhere, 'ShooterGame/Binaries/Win64/ArkAscendedServer.exe');
  fs.mkdirSync(path.dirname(real), { recursive: true });
  fs.linkSync(fs.realpathSync(fs.existsSync(`${exe}.sim`) ? `${exe}.sim` : exe), real);
  if (!fs.existsSync(`${exe}.sim`)) fs.linkSync(exe, `${exe}.sim`);
  fs.symlinkSync(path.join(inst.installPath!, 'ShooterGame/Saved'), path.join(elsewhere, 'ShooterGame/Saved'));
  fs.rmSync(exe); // unlinks the instance's hard link only: the build's file is untouched
  fs.writeFileSync(exe, `#!/bin/sh\n${wander ? 'cd /\n' : ''}exec '${real}' "$@"\n`, { mode: 0o755 });
}

beforeAll(async () => {
  sim = await SimEnv.create();
  h = await Harness.start({ dataDir });
  ws = await h.ws();
  await h.api('PATCH', '/api/v1/settings', { steamcmdPath: sim.steamcmdPath });
  expect(await finished(await h.api('POST', '/api/v1/builds/install', {}))).toBe(true);
  const res = await h.api('POST', '/api/v1/instances', {
    name: 'Wrapped',
    settings: { map: 'TheIsland_WP', sessionName: 'Wrapped', gamePort: 8101, rconPort: 28101 },
  });
  inst = Instance.parse(res.body);
  await sim.server(inst.installPath!, {});
}, 120_000);

afterAll(async () => {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  await h.stop();
});

describe.runIf(process.platform === 'linux')('a server whose launcher renames it, across a manager restart', () => {
  it('is found again by its start time and working directory: RUNNING, RCON answers, a graceful stop works', async () => {
    installLauncher(false);
    expect(await finished(await h.api('POST', `/api/v1/instances/${inst.id}/start`))).toBe(true);
    const pid = await runningPid();
    pids.push(pid);
    expect(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0]).not.toBe(
      path.join(inst.installPath!, 'ShooterGame/Binaries/Win64/ArkAscendedServer.exe'),
    );
    await restartManager();
    const after = await instance();
    expect(after.status).toBe('RUNNING');
    expect(after.runtime?.pid).toBe(pid);
    const rcon = await h.api<{ response: string }>('POST', `/api/v1/instances/${inst.id}/rcon`, {
      command: 'ListPlayers',
    });
    expect(rcon.status).toBe(200);
    expect(await finished(await h.api('POST', `/api/v1/instances/${inst.id}/stop`, {}))).toBe(true);
    expect((await instance()).status).toBe('STOPPED');
  });

  it('when it cannot be confirmed, says so with the pid and refuses a second start until that process is gone', async () => {
    installLauncher(true);
    expect(await finished(await h.api('POST', `/api/v1/instances/${inst.id}/start`))).toBe(true);
    const pid = await runningPid();
    pids.push(pid);
    await restartManager();
    expect((await instance()).status).toBe('CRASHED');
    expect((await instance()).attention).toMatchObject({ kind: 'unconfirmed-process', pid });
    const seen = ws.events.length;
    const start = await h.api<{ error: { code: string; message: string } }>(
      'POST',
      `/api/v1/instances/${inst.id}/start`,
    );
    expect(start.status).toBe(409);
    expect(start.body.error.message).toContain(`pid ${pid}`);
    expect(() => process.kill(pid, 0)).not.toThrow(); // nothing was done to it
    expect(await logText()).toContain(`A process (pid ${pid}) that may be this server is still running`);

    process.kill(pid, 'SIGKILL');
    await vi.waitFor(async () => expect(await logText()).toContain(`Process ${pid} has exited`), {
      timeout: 15_000,
      interval: 200,
    });
    // The event comes on the /ws socket, which is not ordered with the HTTP answer: wait for it.
    await vi.waitFor(() => expect(updatesSince(seen).some((i) => i.attention === null)).toBe(true), {
      timeout: 10_000,
      interval: 50,
    });
    expect(await finished(await h.api('POST', `/api/v1/instances/${inst.id}/start`))).toBe(true);
    pids.push(await runningPid());
    expect(await finished(await h.api('POST', `/api/v1/instances/${inst.id}/stop`, {}))).toBe(true);
    expect((await choose('adopt')).status).toBe(404); // nothing to decide any more
  });

  it('the user says it is this server: adopted, RUNNING once RCON answers, and found again by itself next time', async () => {
    const pid = await unconfirmedServer();
    const bad = await choose('keep');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('action');
    const seen = ws.events.length;
    const res = await choose('adopt');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(Instance.parse(res.body).attention).toBeNull();
    // The event comes on the /ws socket, which is not ordered with the HTTP answer: wait for it.
    await vi.waitFor(() => expect(updatesSince(seen).some((i) => i.attention === null)).toBe(true), {
      timeout: 10_000,
      interval: 50,
    });
    await vi.waitFor(async () => expect((await instance()).status).toBe('RUNNING'), { timeout: 30_000, interval: 200 });
    expect((await instance()).runtime?.pid).toBe(pid);
    const rcon = await h.api('POST', `/api/v1/instances/${inst.id}/rcon`, { command: 'ListPlayers' });
    expect(rcon.status).toBe(200);
    await restartManager(); // recorded as it runs now, so it is confirmed without asking again
    expect(await instance()).toMatchObject({ status: 'RUNNING', attention: null, runtime: { pid } });
    expect(await finished(await h.api('POST', `/api/v1/instances/${inst.id}/stop`, {}))).toBe(true);
    expect((await instance()).status).toBe('STOPPED');
  });

  it('the user ends it: the process is ended without RCON and the instance is STOPPED and startable', async () => {
    const pid = await unconfirmedServer();
    const seen = ws.events.length;
    const res = await choose('end');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(Instance.parse(res.body)).toMatchObject({ status: 'STOPPED', attention: null });
    // Gone for the OS already (a zombie counts as none); this test process reaps its old child soon after.
    await vi.waitFor(() => expect(() => process.kill(pid, 0)).toThrow(), { timeout: 10_000, interval: 100 });
    // The event comes on the /ws socket, which is not ordered with the HTTP answer: wait for it.
    await vi.waitFor(() => expect(updatesSince(seen).some((i) => i.attention === null)).toBe(true), {
      timeout: 10_000,
      interval: 50,
    });
    expect(await logText()).toContain(`Ending process ${pid}`);
    expect((await choose('end')).status).toBe(404);
    expect(await finished(await h.api('POST', `/api/v1/instances/${inst.id}/start`))).toBe(true);
    pids.push(await runningPid());
    expect(await finished(await h.api('POST', `/api/v1/instances/${inst.id}/stop`, {}))).toBe(true);
  });
});

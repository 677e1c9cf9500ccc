import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Instance, type Job } from '@ark-asa/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { stagingCopyDir } from '../../app/agents/builds/build-paths.ts';
import { isRunning } from '../../sim/test-support/process.ts';
import { tempDir } from '../helpers/harness.ts';
import { IpcServe } from '../helpers/ipc-process.ts';
import { freePort } from '../helpers/processes.ts';
import { SimEnv } from '../helpers/sim-env.ts';
import { TestWsClient } from '../helpers/ws-client.ts';
import { Tally } from './tally.ts';

/**
 * kill -9 of the headless manager in the middle of each job that runs processes or writes builds:
 * an install while SteamCMD downloads, a start while the server boots, a stop during its countdown,
 * an update. One manager child, jobs one after another, each restart on the same data directory.
 * After each: SQLite intact, the job FAILED `interrupted` and announced, no copy of a build left,
 * and the server that was running adopted (same pid), never a second one started beside it.
 */
const children: IpcServe[] = [];
let sim: SimEnv | null = null;
let serverPath: string | null = null;

afterEach(async () => {
  for (const c of children.splice(0)) {
    if (c.child.exitCode === null) c.child.kill('SIGKILL');
    await c.exited;
  }
  for (const pid of sim?.runningSteamcmdPids() ?? []) process.kill(pid, 'SIGKILL');
  // A failed run must not leave a server holding the test's ports for the next one.
  for (const pid of sim && serverPath ? startedPids(sim, serverPath).filter(isRunning) : [])
    process.kill(pid, 'SIGKILL');
});

interface Manager {
  p: IpcServe;
  url: string;
  ws: TestWsClient;
}

async function startManager(dataDir: string): Promise<Manager> {
  const p = IpcServe.start(['--port', String(await freePort()), '--data-dir', dataDir]);
  children.push(p);
  const ready = await p.next('ready');
  return { p, url: `${ready.url}/api/v1`, ws: await TestWsClient.connect(ready.wsUrl) };
}

async function send<T>(method: string, url: string, body: unknown = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(url, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as T };
}

async function until<T>(what: string, probe: () => T | null | Promise<T | null>, timeoutMs = 90_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== null) return found;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** SIGKILLs the manager, checks the database file, restarts it and waits for the job's failure. */
async function killAndRestart(m: Manager, dataDir: string, jobId: string, tally: Tally, kind: string) {
  m.ws.close();
  m.p.child.kill('SIGKILL');
  await m.p.exited;
  const db = new Database(path.join(dataDir, 'manager.db'), { readonly: true });
  const integrity = db.pragma('integrity_check', { simple: true });
  db.close();
  tally.add(`${kind}: integrity_check`, integrity === 'ok' ? null : String(integrity));
  const next = await startManager(dataDir);
  const failed = await next.ws.waitFor('job:failed', (d) => d.jobId === jobId, 90_000).catch(() => null);
  tally.add(`${kind}: job FAILED interrupted, announced`, failed?.error.code === 'interrupted' ? null : 'no event');
  const job = (await (await fetch(`${next.url}/jobs/${jobId}`)).json()) as Job | { job: Job };
  const status = 'job' in job ? job.job.status : job.status;
  tally.add(`${kind}: job row FAILED`, status === 'FAILED' ? null : `status ${status}`);
  return next;
}

const startedPids = (s: SimEnv, installPath: string) =>
  s.journal(installPath).flatMap((e) => (e.event === 'started' ? [e.pid] : []));

async function instance(m: Manager, id: string): Promise<Instance> {
  return Instance.parse(await (await fetch(`${m.url}/instances/${id}`)).json());
}

describe('kill -9 of the manager in the middle of every process job', () => {
  it('install, start, stop, update: intact, FAILED interrupted, nothing stray, running servers adopted', async () => {
    const dataDir = tempDir('ark-kill9-jobs-');
    const env = (sim = await SimEnv.create());
    const tally = new Tally('kill -9 mid-job (install, start, stop, update)');
    let m = await startManager(dataDir);
    await send('PATCH', `${m.url}/settings`, { steamcmdPath: env.steamcmdPath });

    // 1. INSTALL_BUILD killed while SteamCMD downloads.
    await env.steamcmd({ durationMs: 20000 });
    const install = await send<{ job: Job }>('POST', `${m.url}/builds/install`);
    await until('a running steamcmd', () => (env.runningSteamcmdPids().length ? true : null));
    m = await killAndRestart(m, dataDir, install.body.job.id, tally, 'install');
    tally.add('install: no build copy left', fs.existsSync(stagingCopyDir(dataDir)) ? 'copy folder left' : null);
    // The restart's recovery ends the orphan; give it a few seconds (well under the 20 s download).
    const stray = await until(
      'the orphaned steamcmd to be ended',
      () => {
        const left = env.runningSteamcmdPids();
        return left.length ? null : left;
      },
      5_000,
    ).catch(() => env.runningSteamcmdPids());
    tally.add('install: no SteamCMD left running after the restart', stray.length ? `pids ${stray.join(',')}` : null);
    await until('the orphaned steamcmd to end', () => (env.runningSteamcmdPids().length ? null : true), 60_000);
    await env.steamcmd({ durationMs: 300 });
    const again = await send<{ job: Job }>('POST', `${m.url}/builds/install`);
    const done = await m.ws.waitFor('job:completed', (d) => d.jobId === again.body.job.id, 60_000).catch(() => null);
    tally.add('install: the next install completes', done ? null : 'did not complete');

    // 2. START_INSTANCE killed while the server boots.
    const created = await send<Instance>('POST', `${m.url}/instances`, {
      name: 'Victim',
      settings: { map: 'TheIsland_WP', gamePort: 8161, rconPort: 28161 },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const inst = Instance.parse(created.body);
    const installPath = (serverPath = inst.installPath!);
    await env.server(installPath, { startupSeconds: 2 });
    const start = await send<{ job: Job }>('POST', `${m.url}/instances/${inst.id}/start`);
    expect(start.status, JSON.stringify(start.body)).toBe(202);
    await until('the server process', async () => {
      if (startedPids(env, installPath).length) return true;
      const job = await (await fetch(`${m.url}/jobs/${start.body.job.id}`)).text();
      if (job.includes('"FAILED"')) throw new Error(`the start failed: ${job}`);
      return null;
    });
    m = await killAndRestart(m, dataDir, start.body.job.id, tally, 'start');
    const running = await until('the adopted server RUNNING', async () =>
      (await instance(m, inst.id)).status === 'RUNNING' ? true : null,
    ).catch(() => null);
    tally.add('start: the booting server adopted and RUNNING', running ? null : (await instance(m, inst.id)).status);
    const pids = startedPids(env, installPath);
    tally.add('start: one server process, not restarted', pids.length === 1 ? null : `started pids ${pids.join(',')}`);

    // 3. STOP_INSTANCE killed during its countdown.
    const stop = await send<{ job: Job }>('POST', `${m.url}/instances/${inst.id}/stop`, { countdownMinutes: 1 });
    await until('a countdown broadcast', () =>
      env.journal(installPath).some((e) => e.event === 'rcon' && /broadcast/i.test(e.command ?? '')) ? true : null,
    );
    m = await killAndRestart(m, dataDir, stop.body.job.id, tally, 'stop');
    const afterStop = await instance(m, inst.id);
    const alive = startedPids(env, installPath).filter(isRunning);
    tally.add('stop: server still up and adopted', afterStop.status === 'RUNNING' ? null : afterStop.status);
    tally.add(
      'stop: same single process',
      alive.length === 1 && alive[0] === pids[0] ? null : `alive ${alive.join(',')}`,
    );

    // 4. UPDATE_INSTANCE to a newer build, killed at its first RCON command (the save of its backup,
    // slowed down, or the stop's broadcast): the server must be left running or stopped, never doubled.
    await env.steamcmd({ buildId: '22222222' });
    const newer = await send<{ job: Job }>('POST', `${m.url}/builds/install`);
    await m.ws.waitFor('job:completed', (d) => d.jobId === newer.body.job.id, 60_000);
    await env.server(installPath, { saveSeconds: 3 });
    const commands = () => env.journal(installPath).filter((e) => e.event === 'rcon').length;
    const before = commands();
    const update = await send<{ job: Job }>('POST', `${m.url}/instances/${inst.id}/update`, {});
    expect(update.status, JSON.stringify(update.body)).toBe(202);
    await until('an RCON command of the update', () => (commands() > before ? true : null));
    m = await killAndRestart(m, dataDir, update.body.job.id, tally, 'update');
    const afterUpdate = await instance(m, inst.id);
    const aliveNow = startedPids(env, installPath).filter(isRunning);
    const settled = ['RUNNING', 'STOPPED'].includes(afterUpdate.status);
    tally.add('update: instance settled (running or stopped)', settled ? null : afterUpdate.status);
    const adopted = aliveNow.every((pid) => pid === pids[0]);
    tally.add('update: no second server process', adopted ? null : `alive ${aliveNow.join(',')}`);
    const live = afterUpdate.status === 'RUNNING';
    tally.add(
      'update: status matches the process',
      live === (aliveNow.length === 1) ? null : `${afterUpdate.status}, alive ${aliveNow.length}`,
    );
    tally.add('update: no build copy left', fs.existsSync(stagingCopyDir(dataDir)) ? 'copy folder left' : null);

    tally.print();
    m.p.send({ v: 1, type: 'shutdown', stopServers: false }); // afterEach ends the server: faster than a save
    await m.p.exited;
    expect(tally.failures()).toEqual([]);
  }, 360_000);
});

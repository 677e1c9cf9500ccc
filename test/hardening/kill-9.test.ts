import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Instance, type Job } from '@ark-asa/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/harness.ts';
import { IpcServe } from '../helpers/ipc-process.ts';
import { freePort } from '../helpers/processes.ts';
import { SimEnv } from '../helpers/sim-env.ts';
import { TestWsClient } from '../helpers/ws-client.ts';

/**
 * kill -9 of the headless manager in the middle of a backup and of a restore (process.kill with
 * SIGKILL: TerminateProcess on Windows, so no handler of ours runs). The next start on the same
 * data directory must find an intact database, report the jobs as FAILED, and leave nothing of them
 * on disk: no partial zip, no staging copy, no restore work folder.
 */
const SAVE_BYTES = 48 * 1024 * 1024; // random, so zipping it takes long enough to be caught mid-way
const children: IpcServe[] = [];

afterEach(async () => {
  for (const c of children.splice(0)) {
    if (c.child.exitCode === null) c.child.kill('SIGKILL');
    await c.exited;
  }
});

async function startManager(dataDir: string): Promise<{ p: IpcServe; url: string; ws: TestWsClient }> {
  const p = IpcServe.start(['--port', String(await freePort()), '--data-dir', dataDir]);
  children.push(p);
  const ready = await p.next('ready');
  return { p, url: ready.url, ws: await TestWsClient.connect(ready.wsUrl) };
}

const post = async <T>(url: string, body: unknown = {}): Promise<{ status: number; body: T }> => {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
};

/** Resolves once `find` sees something on disk, polling fast: the window to kill in is short. */
async function appears(find: () => string | null, timeoutMs = 90_000): Promise<string> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found) return found;
    if (Date.now() > end) throw new Error('nothing appeared to kill the manager over');
    await new Promise((r) => setTimeout(r, 5));
  }
}

const entries = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir) : []);

async function killMidJob(
  p: IpcServe,
  job: Job,
  leftover: () => string | null,
): Promise<{ jobId: string; seen: string }> {
  const seen = await appears(leftover);
  p.child.kill('SIGKILL');
  await p.exited;
  return { jobId: job.id, seen };
}

async function restartAndCheck(dataDir: string, jobId: string) {
  const db = new Database(path.join(dataDir, 'manager.db'), { readonly: true });
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  db.close();
  const m = await startManager(dataDir);
  const failed = await m.ws.waitFor('job:failed', (d) => d.jobId === jobId, 90_000);
  expect(failed.error.code).toBe('interrupted');
  const cleaned = await m.ws.waitFor('system:error', (d) => d.message.includes('leftover'), 90_000);
  return { m, cleaned };
}

describe('kill -9 of the manager mid-job', () => {
  it('after a backup and a restore killed half-way: the database is intact, the jobs FAILED and announced, no leftovers', async () => {
    const dataDir = tempDir('ark-kill9-');
    let m = await startManager(dataDir);
    const sim = await SimEnv.create();
    await fetch(`${m.url}/api/v1/settings`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ steamcmdPath: sim.steamcmdPath }),
    });
    const install = await post<{ job: Job }>(`${m.url}/api/v1/builds/install`);
    await m.ws.waitFor('job:completed', (d) => d.jobId === install.body.job.id, 60_000);
    const created = await post<Instance>(`${m.url}/api/v1/instances`, {
      name: 'Victim',
      settings: { map: 'TheIsland_WP', gamePort: 7851, rconPort: 27851 },
    });
    expect(created.status).toBe(201);
    const inst = Instance.parse(created.body);
    const world = path.join(inst.installPath!, 'ShooterGame', 'Saved', 'SavedArks', 'TheIsland_WP');
    fs.mkdirSync(world, { recursive: true });
    fs.writeFileSync(path.join(world, 'TheIsland_WP.ark'), randomBytes(SAVE_BYTES));
    const backups = path.join(dataDir, 'backups', inst.id);
    const saved = path.dirname(path.dirname(world));

    // 1. A backup killed while it copies or zips.
    const backup = await post<{ job: Job }>(`${m.url}/api/v1/instances/${inst.id}/backups`, {});
    expect(backup.status).toBe(202);
    const first = await killMidJob(
      m.p,
      backup.body.job,
      () => entries(backups).find((n) => n.startsWith('.staging-') || n.endsWith('.partial')) ?? null,
    );
    const afterBackup = await restartAndCheck(dataDir, first.jobId);
    m = afterBackup.m;
    expect(afterBackup.cleaned.message).toMatch(/Removed \d leftover\(s\) of interrupted jobs \(.+\)/);
    expect(entries(backups).filter((n) => n.startsWith('.') || n.endsWith('.partial'))).toEqual([]);

    // 2. A complete backup, then its restore killed while it extracts.
    const good = await post<{ job: Job }>(`${m.url}/api/v1/instances/${inst.id}/backups`, {});
    const done = await m.ws.waitFor('job:completed', (d) => d.jobId === good.body.job.id, 60_000);
    const backupId = (done.result as { backup: { id: string } }).backup.id;
    const restore = await post<{ job: Job }>(`${m.url}/api/v1/instances/${inst.id}/backups/${backupId}/restore`, {});
    expect(restore.status, JSON.stringify(restore.body)).toBe(202);
    const second = await killMidJob(
      m.p,
      restore.body.job,
      () => entries(saved).find((n) => n.startsWith('.restore-')) ?? null,
    );
    const afterRestore = await restartAndCheck(dataDir, second.jobId);
    expect(afterRestore.cleaned.message).toContain(second.seen);
    expect(entries(saved).filter((n) => n.startsWith('.restore-'))).toEqual([]);
    expect(entries(backups).filter((n) => n.startsWith('.') || n.endsWith('.partial'))).toEqual([]);
    const logs = await fetch(`${afterRestore.m.url}/api/v1/instances/${inst.id}/logs?limit=200`);
    expect(await logs.text()).toContain(`Removed the restore work folder ${path.join(saved, second.seen)}`);
    expect(fs.statSync(path.join(world, 'TheIsland_WP.ark')).size).toBe(SAVE_BYTES); // the live world untouched

    afterRestore.m.p.send({ v: 1, type: 'shutdown', stopServers: false });
    expect(await afterRestore.m.p.exited).toBe(0);
  }, 360_000);
});

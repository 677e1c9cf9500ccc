import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Instance, type Job } from '@ark-asa/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/harness.ts';
import { IpcServe } from '../helpers/ipc-process.ts';
import { freePort } from '../helpers/processes.ts';
import { SimEnv } from '../helpers/sim-env.ts';
import { Tally } from './tally.ts';

/**
 * A full disk under the data directory: a small tmpfs filled to the last byte while the headless
 * manager runs as a child (so a crash shows as an exit). Every answer must stay the JSON envelope,
 * the process must live, and once space is back writes succeed and SQLite is intact. Mounting needs
 * root on Linux; elsewhere the test reports why it did not run, and the /dev/full tests cover ENOSPC.
 */
const mountPoint = tempDir('ark-fulldisk-');
const canMount = tryMount();
// CI's Linux job runs this file as root with ARK_REQUIRE_MOUNT=1: there a refused mount fails the
// test instead of skipping it, so the suite cannot disappear unnoticed.
const mountRequired = process.env.ARK_REQUIRE_MOUNT === '1';

function tryMount(): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) {
    console.log(`[full-disk] not run: needs root on Linux (platform ${process.platform})`);
    return false;
  }
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', mountPoint], { stdio: 'pipe' });
    return true;
  } catch (e) {
    console.log(`[full-disk] not run: mount refused: ${String(e).split('\n')[0]}`);
    return false;
  }
}

const children: IpcServe[] = [];
afterAll(async () => {
  for (const c of children) {
    if (c.child.exitCode === null) c.child.kill('SIGKILL');
    await c.exited;
  }
  if (canMount) execFileSync('umount', ['-l', mountPoint]);
});

/** Writes until ENOSPC, halving the chunk each time it no longer fits, down to one byte. */
function fillDisk(file: string): number {
  const fd = fs.openSync(file, 'w');
  let written = 0;
  try {
    for (let chunk = 1024 * 1024; chunk >= 1;) {
      try {
        written += fs.writeSync(fd, Buffer.alloc(chunk, 1));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
        chunk = Math.floor(chunk / 2);
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  return written;
}

interface Answer {
  status: number;
  type: string;
  text: string;
}

async function call(url: string, method: string, body?: unknown): Promise<Answer> {
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.headers = { 'content-type': 'application/json' };
    init.body = JSON.stringify(body);
  }
  const res = await fetch(url, init);
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}

/** Null when the answer is success or the error envelope with nothing of the host's internals. */
function problem(a: Answer): string | null {
  if (!a.type.includes('json')) return `${a.status} ${a.type}: ${a.text.slice(0, 80)}`;
  if (/\n\s+at |node_modules|\/app\/|\.ts:\d/.test(a.text)) return `internals leaked: ${a.text.slice(0, 160)}`;
  if (a.status < 400) return null;
  const body = JSON.parse(a.text) as { error?: { code?: unknown; message?: unknown } };
  if (typeof body.error?.code !== 'string' || typeof body.error.message !== 'string')
    return `${a.status} without the envelope: ${a.text.slice(0, 120)}`;
  // A write the full disk refused says so, with what to do, instead of a generic internal error.
  if (a.status >= 500 && body.error.code !== 'disk-full') return `${a.status} ${body.error.code}, not disk-full`;
  return null;
}

describe('a full disk under the data directory', () => {
  it.runIf(canMount || mountRequired)(
    'answers every request with JSON, stays up, reports low disk, and recovers intact',
    async () => {
      expect(canMount, 'ARK_REQUIRE_MOUNT=1, but an 8 MiB tmpfs could not be mounted (needs root on Linux)').toBe(true);
      const dataDir = path.join(mountPoint, 'data');
      const p = IpcServe.start(['--port', String(await freePort()), '--data-dir', dataDir]);
      children.push(p);
      const { url } = await p.next('ready');
      const api = `${url}/api/v1`;
      const sim = await SimEnv.create();
      expect((await call(`${api}/settings`, 'PATCH', { steamcmdPath: sim.steamcmdPath })).status).toBe(200);
      const created = await call(`${api}/instances`, 'POST', {
        name: 'Full',
        settings: { map: 'TheIsland_WP', gamePort: 8121, rconPort: 28121 },
      });
      expect(created.status, created.text).toBe(201);
      const inst = Instance.parse(JSON.parse(created.text));

      const filler = path.join(mountPoint, 'filler.bin');
      fillDisk(filler);
      const tally = new Tally('full disk (tmpfs 8 MiB)');
      const requests: [string, string, string, unknown?][] = [
        ['write: PATCH settings', 'PATCH', `${api}/settings`, { steamcmdPath: sim.steamcmdPath }],
        ['write: PATCH instance', 'PATCH', `${api}/instances/${inst.id}`, { name: 'Renamed on a full disk' }],
        ['write: create instance', 'POST', `${api}/instances`, { name: 'More', settings: { map: 'TheIsland_WP' } }],
        ['job: backup', 'POST', `${api}/instances/${inst.id}/backups`, {}],
        ['job: install build', 'POST', `${api}/builds/install`, {}],
        ['read: instances', 'GET', `${api}/instances`],
        ['read: instance', 'GET', `${api}/instances/${inst.id}`],
        ['read: jobs', 'GET', `${api}/jobs`],
        ['read: logs', 'GET', `${api}/instances/${inst.id}/logs?limit=50`],
        ['read: settings', 'GET', `${api}/settings`],
      ];
      const statuses: string[] = [];
      for (let round = 0; round < 2; round++)
        for (const [kind, method, route, body] of requests) {
          const answer = await call(route, method, body);
          statuses.push(`${kind} → ${answer.status} ${answer.status >= 400 ? answer.text.slice(0, 90) : ''}`);
          tally.add(kind, problem(answer));
        }
      console.log(`[full-disk] answers on the full disk:\n${statuses.join('\n')}`);
      await new Promise((r) => setTimeout(r, 1500)); // let the enqueued jobs fail on the full disk
      const health = await call(`${api}/health`, 'GET');
      tally.add('read: health', problem(health));
      tally.add('process alive', p.child.exitCode === null ? null : `exited ${p.child.exitCode}`);
      tally.print();
      expect(tally.failures()).toEqual([]);
      expect((JSON.parse(health.text) as { disk: { low: boolean } }).disk.low).toBe(true);

      fs.rmSync(filler);
      const renamed = await call(`${api}/instances/${inst.id}`, 'PATCH', { name: 'Space again' });
      expect(renamed.status, renamed.text).toBe(200);
      const backup = await call(`${api}/instances/${inst.id}/backups`, 'POST', {});
      expect(backup.status, backup.text).toBe(202);
      const jobId = (JSON.parse(backup.text) as { job: Job }).job.id;
      await waitSettled(`${api}/jobs/${jobId}`);
      p.send({ v: 1, type: 'shutdown', stopServers: false });
      expect(await p.exited).toBe(0);
      const db = new Database(path.join(dataDir, 'manager.db'), { readonly: true });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const row = db.prepare('SELECT name FROM instances WHERE id = ?').get(inst.id) as { name: string };
      db.close();
      expect(row.name).toBe('Space again');
    },
    60_000,
  );
});

async function waitSettled(jobUrl: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const job = (await (await fetch(jobUrl)).json()) as { status?: string; job?: { status: string } };
    const status = job.status ?? job.job?.status;
    if (status && !['PENDING', 'RUNNING'].includes(status)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`job ${jobUrl} did not settle`);
}

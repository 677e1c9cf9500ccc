import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Instance, Job } from '@ark-asa/contracts';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers/harness.ts';
import { IpcServe } from './helpers/ipc-process.ts';
import { freePort, listeningUrl, spawnTs } from './helpers/processes.ts';
import { TestWsClient } from './helpers/ws-client.ts';

const json = async <T>(url: string, init?: RequestInit) => (await (await fetch(url, init)).json()) as T;
const post = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describe('npm run serve (the headless process)', () => {
  it('says where it listens and, told to shut down over its process channel, stops cleanly announcing the agent offline', async () => {
    const dataDir = tempDir();
    const p = IpcServe.start(['--host', '127.0.0.1', '--port', String(await freePort()), '--data-dir', dataDir]);
    const ready = await p.next('ready');
    expect(ready).toMatchObject({
      v: 1,
      pid: p.child.pid,
      dataDir,
      portFallback: null,
      wsUrl: `${ready.url.replace('http', 'ws')}/ws`,
    });
    expect(p.stdout()).toContain(`listening on ${ready.url}`);
    const ws = await TestWsClient.connect(ready.wsUrl);
    p.send({ v: 1, type: 'shutdown', stopServers: false });
    expect(await p.next('stopped')).toEqual({ v: 1, type: 'stopped', serversLeftRunning: 0 });
    expect(await p.exited).toBe(0);
    await ws.waitFor('agent:offline');
    for (let i = 0; i < 50 && !ws.closed; i += 1) await new Promise((r) => setTimeout(r, 20));
    expect(ws.closed).toBe(true);
  });

  it.runIf(process.platform !== 'win32')(
    'shuts down cleanly on SIGTERM (POSIX: Windows has no SIGTERM to send)',
    async () => {
      const p = spawnTs('app/cli.ts', ['--port', String(await freePort()), '--data-dir', tempDir()]);
      await listeningUrl(p);
      p.child.kill('SIGTERM');
      expect(await p.exited).toBe(0);
    },
  );

  it('ignores a message it does not understand, and stops when its parent goes away', async () => {
    const p = IpcServe.start(['--port', String(await freePort()), '--data-dir', tempDir()]);
    const { url } = await p.next('ready');
    p.send({ v: 2, type: 'shutdown', stopServers: true });
    p.send({ v: 1, type: 'explode' });
    p.send({ v: 1, type: 'session-end', deadlineMs: 1000 });
    expect(await p.next('session-saved')).toEqual({ v: 1, type: 'session-saved', saved: 0, failed: [] });
    expect((await fetch(`${url}/api/v1/health`)).status).toBe(200);
    expect(p.stdout()).toMatch(/ignored a process-channel message of another version/);
    expect(p.stdout()).toMatch(/ignored an invalid process-channel message/);
    p.child.disconnect();
    expect(await p.exited).toBe(0);
  });

  it('reports a port in use in one line naming the port', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const { port } = blocker.address() as net.AddressInfo;
    const p = spawnTs('app/cli.ts', ['--port', String(port), '--data-dir', tempDir()]);
    expect(await p.exited).toBe(1);
    const lines = p.stderr().trim().split('\n');
    expect(lines).toEqual([
      `Cannot start: Port ${port} is already in use on 127.0.0.1: stop the other program or choose another port with --port`,
    ]);
    blocker.close();
  });

  it('with --port-fallback, listens on another port when the port is taken, and says which', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const { port } = blocker.address() as net.AddressInfo;
    const p = IpcServe.start(['--port', String(port), '--port-fallback', '--data-dir', tempDir()]);
    const ready = await p.next('ready');
    expect(ready.port).not.toBe(port);
    expect(ready.portFallback).toEqual({
      requestedPort: port,
      reason: 'in-use',
      message: `Port ${port} is in use; listening on port ${ready.port} instead`,
    });
    expect(p.stdout()).toContain(`Note:        Port ${port} is in use; listening on port ${ready.port} instead`);
    p.send({ v: 1, type: 'shutdown', stopServers: false });
    expect(await p.exited).toBe(0);
    blocker.close();
  });

  it('tells its parent why it could not start', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const { port } = blocker.address() as net.AddressInfo;
    const p = IpcServe.start(['--port', String(port), '--data-dir', tempDir()]);
    expect(await p.next('start-failed')).toEqual({
      v: 1,
      type: 'start-failed',
      code: 'port-in-use',
      message: `Port ${port} is already in use on 127.0.0.1: stop the other program or choose another port with --port`,
    });
    expect(await p.exited).toBe(1);
    blocker.close();
  });

  it('after being killed mid-job, restarts with the job FAILED and announced, and what it confirmed still stored', async () => {
    const dataDir = tempDir();
    const first = spawnTs('test/fixtures/serve-with-slow-job.ts', [dataDir, String(await freePort())]);
    const url1 = await listeningUrl(first);
    const created = await json<Instance>(
      `${url1}/api/v1/instances`,
      post({ name: 'Survivor', settings: { sessionName: 'Kept' } }),
    );
    const ws1 = await TestWsClient.connect(`${url1.replace('http', 'ws')}/ws`);
    const { job } = await json<{ job: Job }>(`${url1}/api/v1/jobs`, post({ type: 'DIAGNOSTICS' }));
    await ws1.waitFor('job:progress', (d) => d.jobId === job.id && d.percent === 10);
    first.child.kill('SIGKILL');
    await first.exited;

    const second = spawnTs('app/cli.ts', ['--port', String(await freePort()), '--data-dir', dataDir]);
    const url2 = await listeningUrl(second);
    const ws2 = await TestWsClient.connect(`${url2.replace('http', 'ws')}/ws`);
    const failed = await ws2.waitFor('job:failed', (d) => d.jobId === job.id);
    expect(failed.error.code).toBe('interrupted');
    const stored = await json<Job>(`${url2}/api/v1/jobs/${job.id}`);
    expect(stored.status).toBe('FAILED');
    expect(stored.runs?.[0]?.error?.message).toMatch(/stopped while this job was running/);
    const instance = await json<Instance>(`${url2}/api/v1/instances/${created.id}`);
    expect(instance.settings.sessionName).toBe('Kept');
    second.child.kill('SIGKILL'); // (TerminateProcess on Windows) the lock it leaves is taken over below
    await second.exited;
    const third = IpcServe.start(['--port', String(await freePort()), '--data-dir', dataDir]);
    await third.next('ready');
    third.send({ v: 1, type: 'shutdown', stopServers: false });
    expect(await third.exited).toBe(0);
  }, 120_000); // three manager starts through the TypeScript loader, slow on a loaded machine

  it('refuses a second manager on the same data directory', async () => {
    const dataDir = tempDir();
    const a = IpcServe.start(['--port', String(await freePort()), '--data-dir', dataDir]);
    await a.next('ready');
    const b = spawnTs('app/cli.ts', ['--port', String(await freePort()), '--data-dir', dataDir]);
    expect(await b.exited).toBe(1);
    expect(b.stderr().trim().split('\n')).toEqual([
      `Cannot start: Another manager (pid ${a.child.pid}) is already using ${dataDir}; stop it or choose another --data-dir`,
    ]);
    a.send({ v: 1, type: 'shutdown', stopServers: false });
    await a.exited;
  });
  it('refuses an unusable data directory in one line naming the cause, over its process channel too', async () => {
    const file = path.join(tempDir(), 'passwd');
    fs.writeFileSync(file, 'root:x:0:0:root:/root:/bin/bash\n');
    const p = IpcServe.start(['--port', String(await freePort()), '--data-dir', path.join(file, 'x')]);
    expect(await p.next('start-failed')).toMatchObject({ code: 'filesystem-error' });
    expect(await p.exited).toBe(1);
    expect(p.stderr().trim().split('\n')).toEqual([
      `Cannot start: the data directory ${path.join(file, 'x')} cannot be created: ${file} is a file`,
    ]);
  });

  it.runIf(process.platform !== 'win32' && process.getuid?.() !== 0)(
    'refuses a read-only data directory in one line (as a non-root user: root may write anywhere)',
    async () => {
      const dataDir = tempDir();
      fs.chmodSync(dataDir, 0o555);
      const p = spawnTs('app/cli.ts', ['--port', String(await freePort()), '--data-dir', dataDir]);
      expect(await p.exited).toBe(1);
      fs.chmodSync(dataDir, 0o755);
      expect(p.stderr().trim().split('\n')).toEqual([`Cannot start: the data directory ${dataDir} is not writable`]);
    },
  );

  it.each([
    ['an empty manager.db', (file: string) => fs.writeFileSync(file, ''), 'the file is empty'],
    [
      'a manager.db that is not SQLite',
      (file: string) => fs.writeFileSync(file, 'not a database\n'.repeat(100)),
      'not an SQLite database',
    ],
    [
      'the SQLite database of another program',
      (file: string) => new Database(file).exec('CREATE TABLE cookies (host TEXT, value TEXT)').close(),
      'an SQLite database of another program, with tables cookies',
    ],
  ])('refuses %s in one line and leaves the file untouched', async (_what, make, why) => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'manager.db');
    make(file);
    const before = fs.readFileSync(file);
    const p = spawnTs('app/cli.ts', ['--port', String(await freePort()), '--data-dir', dataDir]);
    expect(await p.exited).toBe(1);
    expect(p.stderr().trim().split('\n')).toEqual([
      `Cannot start: ${file} is not an ARK ASA Server Manager database (${why}); move it away or choose another --data-dir`,
    ]);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });
});

import net from 'node:net';
import type { Instance, Job } from '@ark-asa/contracts';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers/harness.ts';
import { freePort, listeningUrl, spawnTs } from './helpers/processes.ts';
import { TestWsClient } from './helpers/ws-client.ts';

const json = async <T>(url: string, init?: RequestInit) => (await (await fetch(url, init)).json()) as T;
const post = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('npm run serve (the headless process)', () => {
  it('says where it listens and shuts down cleanly on SIGTERM, announcing the agent offline', async () => {
    const dataDir = tempDir();
    const p = spawnTs('app/cli.ts', ['--host', '127.0.0.1', '--port', String(await freePort()), '--data-dir', dataDir]);
    const url = await listeningUrl(p);
    expect(p.stdout()).toContain(`${url.replace('http', 'ws')}/ws`);
    const ws = await TestWsClient.connect(`${url.replace('http', 'ws')}/ws`);
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    await ws.waitFor('agent:offline');
    for (let i = 0; i < 50 && !ws.closed; i += 1) await new Promise((r) => setTimeout(r, 20));
    expect(ws.closed).toBe(true);
  });

  it('reports a port in use in one line naming the port', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const { port } = blocker.address() as net.AddressInfo;
    const p = spawnTs('app/cli.ts', ['--port', String(port), '--data-dir', tempDir()]);
    expect(await p.exited).toBe(1);
    const lines = p.stderr().trim().split('\n');
    expect(lines).toEqual([`Cannot start: Port ${port} is already in use on 127.0.0.1: stop the other program or choose another port with --port`]);
    blocker.close();
  });

  it('after being killed mid-job, restarts with the job FAILED and announced, and what it confirmed still stored', async () => {
    const dataDir = tempDir();
    const first = spawnTs('test/fixtures/serve-with-slow-job.ts', [dataDir, String(await freePort())]);
    const url1 = await listeningUrl(first);
    const created = await json<Instance>(`${url1}/api/v1/instances`, post({ name: 'Survivor', settings: { sessionName: 'Kept' } }));
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
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('refuses a second manager on the same data directory', async () => {
    const dataDir = tempDir();
    const a = spawnTs('app/cli.ts', ['--port', String(await freePort()), '--data-dir', dataDir]);
    await listeningUrl(a);
    const b = spawnTs('app/cli.ts', ['--port', String(await freePort()), '--data-dir', dataDir]);
    expect(await b.exited).toBe(1);
    expect(b.stderr()).toMatch(/Another manager \(pid \d+\) is already using/);
    a.child.kill('SIGTERM');
    await a.exited;
  });
});

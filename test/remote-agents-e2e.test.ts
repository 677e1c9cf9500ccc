import { createHash } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Agent, CreatedAgent } from '@ark-asa/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from './helpers/harness.ts';
import { freePort, listeningUrl, spawnTs, type Spawned } from './helpers/processes.ts';
import { eventAfter, httpsJson, selfSignedCert, startAgent, waitUntil } from './helpers/remote-agents.ts';
import { TestWsClient } from './helpers/ws-client.ts';
import { channelHandshake } from './helpers/remote-servers.ts';

const started: Spawned[] = [];
const spawned = (p: Spawned) => (started.push(p), p);

afterEach(async (ctx) => {
  // A step that timed out names only the event it waited for: what each agent logged says why.
  if (ctx.task.result?.state === 'fail') {
    for (const [i, p] of started.entries())
      console.error(
        `agent process ${i + 1} (exit ${p.child.exitCode ?? p.child.signalCode ?? 'none yet'}):\n${(p.stdout() + p.stderr()).slice(-4000)}`,
      );
  }
  for (const p of started.splice(0)) {
    if (p.child.exitCode === null && p.child.signalCode === null) {
      p.child.kill('SIGCONT');
      p.child.kill('SIGKILL');
      await p.exited;
    }
  }
});

async function api<T>(
  base: string,
  method: string,
  route: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${base}${route}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

async function serve(port: number, dataDir: string): Promise<{ p: Spawned; url: string }> {
  const p = spawned(spawnTs('app/cli.ts', ['--port', String(port), '--data-dir', dataDir]));
  return { p, url: await listeningUrl(p, 120_000) };
}

const remoteAgents = async (url: string) =>
  (await api<{ items: Agent[] }>(url, 'GET', '/api/v1/agents')).body.items.filter((a) => a.kind === 'remote');

describe('remote agents (real control plane and agent processes)', () => {
  it('register, heartbeat, go offline when silenced or killed, come back, survive a control-plane restart, and are revoked', async () => {
    const dataDir = tempDir();
    const port = await freePort();
    const plane = await serve(port, dataDir);
    const url = plane.url;
    expect((await api(url, 'PATCH', '/api/v1/settings', { heartbeatIntervalSec: 2 })).status).toBe(200);
    let ws = await TestWsClient.connect(`${url.replace('http', 'ws')}/ws`);

    const a = await api<CreatedAgent>(url, 'POST', '/api/v1/agents', { name: 'Alpha' });
    const b = await api<CreatedAgent>(url, 'POST', '/api/v1/agents', { name: 'Bravo' });
    expect(a.status).toBe(201);
    expect(a.body.agent).toMatchObject({ kind: 'remote', status: 'OFFLINE', name: 'Alpha', revokedAt: null });
    const [alpha, bravo] = [a.body.agent.id, b.body.agent.id];
    const db = new Database(path.join(dataDir, 'manager.db'), { readonly: true });
    const stored = db.prepare('SELECT token_hash FROM agents WHERE id = ?').pluck().get(alpha);
    db.close();
    // Only the hash is kept: the token itself is nowhere in the database.
    expect(stored).toBe(createHash('sha256').update(a.body.token).digest('hex'));

    const dirA = tempDir('ark-agent-a-');
    const dirB = tempDir('ark-agent-b-');
    const agentA = spawned(startAgent(url, a.body.token, dirA, ['--name', 'Alpha box']));
    const agentB = spawned(startAgent(url, b.body.token, dirB));
    const registered = await ws.waitFor('agent:registered', (d) => d.agentId === alpha, 120_000);
    expect(registered.agent).toMatchObject({
      name: 'Alpha box',
      status: 'ONLINE',
      kind: 'remote',
      settings: { dataRoot: dirA },
    });
    await ws.waitFor('agent:registered', (d) => d.agentId === bravo, 120_000);
    const beat = await ws.waitFor('agent:heartbeat', (d) => d.agentId === bravo, 120_000);
    expect(beat.metrics.cpuCount).toBeGreaterThan(0);

    // Silenced (SIGSTOP): the socket stays open, the heartbeats stop, the watchdog declares it offline.
    let mark = ws.events.length;
    agentA.child.kill('SIGSTOP');
    const silent = await eventAfter(ws, mark, 'agent:offline', (d) => d.agentId === alpha);
    expect(silent.reason).toMatch(/No heartbeat for more than 6 s/);
    mark = ws.events.length;
    agentA.child.kill('SIGCONT');
    await eventAfter(ws, mark, 'agent:registered', (d) => d.agentId === alpha);

    // Killed: the connection drops, then a restart with the same data dir is the same host again.
    mark = ws.events.length;
    agentB.child.kill('SIGKILL');
    await eventAfter(ws, mark, 'agent:offline', (d) => d.agentId === bravo);
    mark = ws.events.length;
    spawned(startAgent(url, b.body.token, dirB));
    await eventAfter(ws, mark, 'agent:registered', (d) => d.agentId === bravo);
    expect((await remoteAgents(url)).map((x) => [x.id, x.status])).toEqual([
      [alpha, 'ONLINE'],
      [bravo, 'ONLINE'],
    ]);

    // The control plane restarts on the same port: both agents come back by themselves.
    ws.close();
    plane.p.child.kill('SIGTERM');
    expect(await plane.p.exited).toBe(0);
    await serve(port, dataDir);
    ws = await TestWsClient.connect(`${url.replace('http', 'ws')}/ws`);
    await ws.waitFor('agent:registered', (d) => d.agentId === alpha, 120_000);
    await ws.waitFor('agent:registered', (d) => d.agentId === bravo, 120_000);
    expect(await remoteAgents(url)).toHaveLength(2);

    // Revoked: disconnected at once, the agent gives up, and its token is refused from then on.
    mark = ws.events.length;
    const revoked = await api<Agent>(url, 'DELETE', `/api/v1/agents/${alpha}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ status: 'OFFLINE', revokedAt: expect.any(String) });
    expect((await eventAfter(ws, mark, 'agent:offline', (d) => d.agentId === alpha)).reason).toMatch(/revoked/);
    expect(await agentA.exited).toBe(3);
    expect(agentA.stderr()).toMatch(/revoked/);
    expect(await channelHandshake(url, a.body.token)).toBe(403);

    // Wrong tokens: 401, then 429 once the address has used its guesses; the valid agent is unaffected.
    const statuses: number[] = [];
    for (let i = 0; i < 25; i += 1) statuses.push(await channelHandshake(url, `wrong-${i}`));
    expect(statuses[0]).toBe(401);
    expect(statuses.at(-1)).toBe(429);
    mark = ws.events.length;
    await eventAfter(ws, mark, 'agent:heartbeat', (d) => d.agentId === bravo);
    expect(ws.of('agent:offline').filter((d) => d.agentId === bravo)).toEqual([]);
    ws.close();
  }, 480_000);

  it('serves HTTPS/WSS with --tls-cert/--tls-key: an agent trusting it with --ca connects, one without is refused', async () => {
    const dir = tempDir();
    const { cert, key } = selfSignedCert(dir);
    const p = spawned(
      spawnTs('app/cli.ts', [
        '--port',
        String(await freePort()),
        '--data-dir',
        dir,
        '--tls-cert',
        cert,
        '--tls-key',
        key,
      ]),
    );
    const url = await waitUntil('https listening line', () => /listening on (https:\/\/\S+)/.exec(p.stdout())?.[1]);
    const trusted = await httpsJson<CreatedAgent>(`${url}/api/v1/agents`, 'POST', cert, { name: 'Trusted' });
    const untrusted = await httpsJson<CreatedAgent>(`${url}/api/v1/agents`, 'POST', cert, { name: 'Untrusted' });
    expect(trusted.status).toBe(201);

    const withCa = spawned(startAgent(url, trusted.body.token, tempDir(), ['--ca', cert]));
    const noCa = spawned(startAgent(url, untrusted.body.token, tempDir()));
    const online = await waitUntil('the agent with --ca online', async () => {
      const list = await httpsJson<{ items: Agent[] }>(`${url}/api/v1/agents`, 'GET', cert);
      return list.body.items.find((x) => x.id === trusted.body.agent.id && x.status === 'ONLINE');
    }).catch((err: Error) => {
      // Seen once under heavy load: say what the agent printed, so the cause can be read.
      throw new Error(`${err.message}; agent output: ${withCa.stdout()} ${withCa.stderr()}`);
    });
    expect(online.hostname).not.toBe('');
    await waitUntil('the certificate error', () => /certificate/i.test(noCa.stdout()));
    const list = await httpsJson<{ items: Agent[] }>(`${url}/api/v1/agents`, 'GET', cert);
    expect(list.body.items.find((x) => x.id === untrusted.body.agent.id)).toMatchObject({
      status: 'OFFLINE',
      hostname: '',
    });
  }, 240_000);
});

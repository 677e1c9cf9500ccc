import type { Agent, CreatedAgent } from '@ark-asa/contracts';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, tempDir } from './helpers/harness.ts';
import type { Spawned } from './helpers/processes.ts';
import { startAgent } from './helpers/remote-agents.ts';
import type { TestWsClient } from './helpers/ws-client.ts';

/**
 * Two races of the agent channel found by running the remote e2e suites on a loaded machine:
 * a heartbeat interval lowered while hosts are connected, and a heartbeat that crosses a revocation.
 */
let h: Harness;
let events: TestWsClient;
let agent: Spawned | undefined;
const INTERVAL_SEC = 4;

beforeAll(async () => {
  h = await Harness.start({ dataDir: tempDir('ark-races-') });
  // The manager's setting (not a fixed interval of the harness), so that it can be changed later.
  expect((await h.api('PATCH', '/api/v1/settings', { heartbeatIntervalSec: INTERVAL_SEC })).status).toBe(200);
  events = await h.ws();
});

afterAll(async () => {
  agent?.child.kill('SIGKILL');
  await agent?.exited;
  await h.stop();
});

const metrics = {
  cpuPercent: 1,
  cpuCount: 2,
  memoryTotalBytes: 1e9,
  memoryUsedBytes: 1e8,
  diskFreeBytes: 1e9,
  diskTotalBytes: 2e9,
  uptimeSec: 10,
};
const now = () => new Date().toISOString();
const about = (agentId: string) => (e: { event: string; data: unknown }) =>
  e.event.startsWith('agent:') && (e.data as { agentId?: string }).agentId === agentId;

describe('the agent channel under races', { timeout: 90_000 }, () => {
  it('keeps a connected host online when the heartbeat interval is lowered', async () => {
    const { body } = await h.api<CreatedAgent>('POST', '/api/v1/agents', { name: 'Basement' });
    agent = startAgent(h.url, body.token, tempDir('ark-agent-'));
    await events.waitFor('agent:heartbeat', (d) => d.agentId === body.agent.id, 60_000);
    // Just after a beat: the next one was due a whole old interval later, more than three new ones.
    const mark = events.events.length;
    expect((await h.api('PATCH', '/api/v1/settings', { heartbeatIntervalSec: 1 })).status).toBe(200);
    await new Promise((r) => setTimeout(r, (INTERVAL_SEC + 2) * 1000));
    const seen = events.events.slice(mark).filter(about(body.agent.id));
    expect(seen.filter((e) => e.event !== 'agent:heartbeat')).toEqual([]);
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect((await h.api<Agent>('GET', `/api/v1/agents/${body.agent.id}`)).body.status).toBe('ONLINE');
  });

  it('does not bring a revoked host back for a heartbeat that crossed the revocation', async () => {
    const { body } = await h.api<CreatedAgent>('POST', '/api/v1/agents', { name: 'Attic' });
    const ws = new WebSocket(`${h.url.replace('http', 'ws')}/agent-channel`, {
      headers: { authorization: `Bearer ${body.token}` },
    });
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    const welcomed = new Promise<void>((resolve) =>
      ws.on('message', (raw: Buffer) => {
        const type = (JSON.parse(raw.toString()) as { type: string }).type;
        if (type === 'welcome') resolve();
        // This host's heartbeat timer fires as the refusal reaches it, and it goes on beating.
        if (type === 'refused')
          for (let i = 0; i < 3; i += 1)
            ws.send(JSON.stringify({ v: 1, type: 'heartbeat', metrics, instances: [], timestamp: now() }));
      }),
    );
    await new Promise((r) => ws.once('open', r));
    const hello = { v: 1, type: 'hello', name: null, hostname: 'raw', platform: 'linux', version: '0.1.0' };
    ws.send(JSON.stringify({ ...hello, startedAt: now(), defaults: {}, instances: [] }));
    await welcomed;
    await events.waitFor('agent:registered', (d) => d.agentId === body.agent.id);
    const mark = events.events.length;
    expect((await h.api<Agent>('DELETE', `/api/v1/agents/${body.agent.id}`)).body.status).toBe('OFFLINE');
    const statuses = new Set<string>();
    for (let i = 0; i < 20; i += 1) {
      statuses.add((await h.api<Agent>('GET', `/api/v1/agents/${body.agent.id}`)).body.status);
      await new Promise((r) => setTimeout(r, 25));
    }
    expect([...statuses]).toEqual(['OFFLINE']);
    await closed;
    const after = events.events.slice(mark).filter(about(body.agent.id));
    expect(after.map((e) => e.event)).toEqual(['agent:offline']);
  });
});

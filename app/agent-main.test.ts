import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import {
  AGENT_CHANNEL_PATH,
  AgentMessage,
  type AgentHttpResponse,
  type AgentResponse,
  type CreatedAgent,
  type ControlPlaneMessage,
  type Instance,
} from '@ark-asa/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { Harness, tempDir } from '../test/helpers/harness.ts';
import { waitUntil } from '../test/helpers/remote-agents.ts';
import { AgentExit, HOST_SUBDIR, runAgent } from './agent-main.ts';
import { rawText } from './agents/ws-raw-text.ts';

const TOKEN = 'agent-token-for-this-test';
/** A control-plane message without its version (distributed over the union). */
type Unversioned<M> = M extends unknown ? Omit<M, 'v'> : never;
const AGENT_ID = crypto.randomUUID();

/** A scripted control plane: accepts the agent's channel, records what it sends, sends what the test says. */
class FakeControlPlane {
  readonly received: AgentMessage[] = [];
  private socket: WebSocket | null = null;
  private constructor(
    private readonly wss: WebSocketServer,
    readonly url: string,
  ) {
    wss.on('connection', (ws, req) => {
      if (req.headers.authorization !== `Bearer ${TOKEN}`) return ws.close(4001);
      this.socket = ws;
      ws.on('message', (raw) => this.received.push(AgentMessage.parse(JSON.parse(rawText(raw)))));
    });
  }

  static async start(): Promise<FakeControlPlane> {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, path: AGENT_CHANNEL_PATH });
    await new Promise((resolve) => wss.once('listening', resolve));
    return new FakeControlPlane(wss, `http://127.0.0.1:${(wss.address() as AddressInfo).port}`);
  }

  send(message: Unversioned<ControlPlaneMessage>): void {
    this.socket?.send(JSON.stringify({ v: 1, ...message }));
  }

  welcome(settings = { dataRoot: null, steamcmdPath: null }): void {
    const serverTime = new Date().toISOString();
    this.send({ type: 'welcome', agentId: AGENT_ID, name: 'Fake', heartbeatIntervalSec: 1, settings, serverTime });
  }

  /** One `http` request; resolves with its response. */
  async http(id: string, params: unknown): Promise<AgentResponse> {
    this.send({ type: 'request', id, method: 'http', params });
    return waitUntil(`response ${id}`, () =>
      this.received.find((m): m is AgentResponse => m.type === 'response' && m.id === id),
    );
  }

  indexOf(predicate: (m: AgentMessage) => boolean, from = 0): number {
    const i = this.received.slice(from).findIndex(predicate);
    return i < 0 ? -1 : i + from;
  }

  async close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    await new Promise((resolve) => this.wss.close(resolve));
  }
}

const decode = (body: string): unknown => JSON.parse(Buffer.from(body, 'base64').toString('utf8'));
const isBus = (event: string) => (m: AgentMessage) => m.type === 'event' && m.kind === 'bus' && m.event === event;
const isSnapshot = (m: AgentMessage) => m.type === 'event' && m.kind === 'snapshot';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function startAgent(cp: FakeControlPlane, dataDir: string): { exited: Promise<number>; stop: () => void } {
  const controller = new AbortController();
  const argv = ['--control-plane', cp.url, '--token', TOKEN, '--data-dir', dataDir, '--log-level', 'warn'];
  const exited = runAgent(argv, { signal: controller.signal, handleSignals: false });
  cleanups.push(() => (controller.abort(), exited));
  return { exited, stop: () => controller.abort() };
}

describe('the agent with its embedded manager (runAgent against a scripted control plane)', () => {
  it('answers agent-starting until its manager is up, then snapshot first, events before answers, settings applied', async () => {
    const cp = await FakeControlPlane.start();
    cleanups.push(() => cp.close());
    const dataDir = tempDir('ark-agent-main-');
    const agent = startAgent(cp, dataDir);
    const hello = await waitUntil('hello', () => cp.received.find((m) => m.type === 'hello'));
    expect(hello).toMatchObject({ instances: [], defaults: { dataRoot: dataDir } });

    // First welcome: the manager starts now, a request in the same breath finds it still starting.
    cp.welcome();
    const early = await cp.http('early', { method: 'GET', path: '/api/v1/health' });
    expect(early).toMatchObject({ ok: false, error: { code: 'agent-starting' } });
    const snapshotAt = await waitUntil('snapshot', () =>
      cp.indexOf(isSnapshot) >= 0 ? cp.indexOf(isSnapshot) : false,
    );
    expect(cp.received.slice(0, snapshotAt).some((m) => m.type === 'event')).toBe(false);

    const created = await cp.http('create', {
      method: 'POST',
      path: '/api/v1/instances',
      headers: { 'content-type': 'application/json' },
      body: Buffer.from(JSON.stringify({ name: 'Remote', settings: { map: 'TheIsland_WP' } })).toString('base64'),
    });
    if (!created.ok) throw new Error(created.error.message);
    const result = created.result as { status: number; body: string };
    expect(result.status).toBe(201);
    const instance = decode(result.body) as Instance;
    expect(instance.agentId).toBe(AGENT_ID);
    // The event travels before the answer on the one socket: the control plane's mirror knows it first.
    const eventAt = cp.indexOf(isBus('instance:created'));
    expect(eventAt).toBeGreaterThan(snapshotAt);
    expect(eventAt).toBeLessThan(cp.indexOf((m) => m.type === 'response' && m.id === 'create'));
    expect(cp.received.some((m) => m.type === 'event' && m.kind === 'bus' && m.event.startsWith('agent:'))).toBe(false);

    const outside = await cp.http('outside', { method: 'GET', path: '/ws' });
    expect(outside).toMatchObject({ ok: false, error: { code: 'validation-failed' } });

    // configure: the embedded manager takes the data root and the interval.
    const dataRoot = path.join(tempDir('ark-agent-root-'), 'servers');
    cp.send({ type: 'configure', heartbeatIntervalSec: 2, settings: { dataRoot, steamcmdPath: null } });
    const settings = await waitUntil('settings applied', async () => {
      const res = await cp.http(`settings-${Date.now()}`, { method: 'GET', path: '/api/v1/settings' });
      const body = res.ok ? (decode((res.result as { body: string }).body) as { dataRoot: string }) : null;
      return body?.dataRoot === dataRoot ? body : undefined;
    });
    expect(settings).toMatchObject({ dataRoot, heartbeatIntervalSec: 2 });
    await waitUntil('a heartbeat', () => cp.received.find((m) => m.type === 'heartbeat'));

    agent.stop();
    expect(await agent.exited).toBe(AgentExit.STOPPED);
    expect(fs.existsSync(path.join(dataDir, HOST_SUBDIR, 'manager.db'))).toBe(true);
  }, 180_000);

  it('after a restart, starts its manager before dialling: hello lists the servers, the snapshot holds them', async () => {
    const cp = await FakeControlPlane.start();
    cleanups.push(() => cp.close());
    const dataDir = tempDir('ark-agent-main-');
    const first = startAgent(cp, dataDir);
    await waitUntil('hello', () => cp.received.find((m) => m.type === 'hello'));
    cp.welcome();
    await waitUntil('snapshot', () => cp.received.find(isSnapshot));
    const created = await cp.http('create', {
      method: 'POST',
      path: '/api/v1/instances',
      headers: { 'content-type': 'application/json' },
      body: Buffer.from(JSON.stringify({ name: 'Kept', settings: {} })).toString('base64'),
    });
    const id = (decode((created as { result: { body: string } }).result.body) as Instance).id;
    first.stop();
    expect(await first.exited).toBe(0);

    const mark = cp.received.length;
    startAgent(cp, dataDir);
    const hello = await waitUntil('second hello', () => cp.received.slice(mark).find((m) => m.type === 'hello'));
    expect(hello).toMatchObject({ instances: [{ instanceId: id, status: 'NOT_INSTALLED', pid: null }] });
    cp.welcome();
    const ready = await cp.http('ready', { method: 'GET', path: '/api/v1/health' });
    expect(ready.ok).toBe(true);
    const snapshot = await waitUntil('second snapshot', () => cp.received.slice(mark).find(isSnapshot));
    expect(snapshot).toMatchObject({ instances: [expect.objectContaining({ id, agentId: AGENT_ID })] });
  }, 180_000);

  it('answers the real control plane: an http request through its registry reaches the embedded manager', async () => {
    const h = await Harness.start();
    cleanups.push(() => h.stop());
    const { agent, token } = (await h.api<CreatedAgent>('POST', '/api/v1/agents', { name: 'Real' })).body;
    const controller = new AbortController();
    const argv = [
      '--control-plane',
      h.url,
      '--token',
      token,
      '--data-dir',
      tempDir('ark-agent-main-'),
      '--log-level',
      'warn',
    ];
    const exited = runAgent(argv, { signal: controller.signal, handleSignals: false });
    cleanups.push(() => (controller.abort(), exited));
    const registry = h.plane.services.remoteAgents.registry;
    const health = await waitUntil('the host answering', () =>
      registry
        .request(agent.id, 'http', { method: 'GET', path: '/api/v1/health' }, { timeoutMs: 10_000 })
        .then((r) => r as AgentHttpResponse)
        .catch(() => undefined),
    );
    expect(health.status).toBe(200);
    expect(decode(health.body)).toMatchObject({ status: 'ok' });
    controller.abort();
    expect(await exited).toBe(AgentExit.STOPPED);
  }, 180_000);
});

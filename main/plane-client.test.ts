/**
 * The shell's REST and /ws client against a real HTTP and WebSocket server that plays the control
 * plane: pages, bearer token, error envelope, running count from events, reconnect and resync.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import type { InstanceStatus } from '@ark-asa/contracts';
import { PlaneApi, PlaneApiError } from './plane-api.ts';
import { PlaneEvents } from './plane-events.ts';
import { memoryLogger } from './testing/fake-electron.ts';

interface Fake {
  url: string;
  requests: { method: string; url: string; auth: string | undefined; body: string }[];
  sockets: WebSocket[];
  wsAuth: (string | undefined)[];
  instances: { id: string; status: InstanceStatus }[];
  close(): Promise<void>;
}

const servers: Fake[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function fakePlane(): Promise<Fake> {
  const fake = { requests: [], sockets: [], wsAuth: [], instances: [] } as unknown as Fake;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      fake.requests.push({ method: req.method!, url: req.url!, auth: req.headers.authorization, body });
      const url = new URL(req.url!, 'http://x');
      res.setHeader('content-type', 'application/json');
      if (url.pathname === '/api/v1/instances') {
        const limit = Number(url.searchParams.get('limit'));
        const start = Number(url.searchParams.get('cursor') ?? 0);
        const items = fake.instances.slice(start, start + limit);
        const next = start + limit < fake.instances.length ? String(start + limit) : null;
        return res.end(JSON.stringify({ items, nextCursor: next }));
      }
      if (url.pathname.endsWith('/stop')) {
        res.statusCode = 409;
        return res.end(JSON.stringify({ error: { code: 'invalid-state', message: 'The server is already stopping' } }));
      }
      res.statusCode = 404;
      res.end(JSON.stringify({ error: { code: 'route-not-found', message: 'Not found' } }));
    });
  });
  const wss = new WebSocketServer({ server, path: '/ws' });
  wss.on('connection', (socket, req) => {
    fake.sockets.push(socket);
    fake.wsAuth.push(req.headers.authorization);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = async () => {
    for (const c of wss.clients) c.terminate();
    await new Promise((r) => wss.close(r));
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  };
  servers.push(fake);
  return fake;
}

async function waitFor<T>(check: () => T | undefined | false, ms = 5000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

function clientOf(fake: Fake, token: string | null = null) {
  const target = { url: () => fake.url, wsUrl: () => `${fake.url.replace('http', 'ws')}/ws`, token: () => token };
  const api = new PlaneApi(target);
  const events = new PlaneEvents({ target, instances: () => api.instances(), logger: memoryLogger(), retryMs: 20 });
  return { api, events };
}

// Events are checked against the contracts, whose ids are UUIDs.
const A = '6f1c2a4e-1b7d-4c1e-9a52-2f0d7c1e8a01';
const B = '6f1c2a4e-1b7d-4c1e-9a52-2f0d7c1e8a02';

const statusEvent = (instanceId: string, status: InstanceStatus) =>
  JSON.stringify({
    event: 'instance:status_changed',
    data: { instanceId, status, changedAt: new Date().toISOString() },
  });

describe('REST', () => {
  it('reads every page of instances and keeps the live ones, with the token as a bearer header', async () => {
    const fake = await fakePlane();
    for (let i = 0; i < 450; i += 1) fake.instances.push({ id: `i${i}`, status: 'STOPPED' });
    for (const i of [3, 250, 449]) fake.instances[i]!.status = 'RUNNING';
    fake.instances[10]!.status = 'STOPPING';
    const { api } = clientOf(fake, 'correct-horse-battery-staple');
    expect(await api.liveInstanceIds()).toEqual(['i3', 'i10', 'i250', 'i449']);
    expect(fake.requests.map((r) => r.url)).toEqual([
      '/api/v1/instances?limit=200',
      '/api/v1/instances?limit=200&cursor=200',
      '/api/v1/instances?limit=200&cursor=400',
    ]);
    expect(new Set(fake.requests.map((r) => r.auth))).toEqual(new Set(['Bearer correct-horse-battery-staple']));
  });

  it('turns the error envelope into an error with its code and message', async () => {
    const fake = await fakePlane();
    const { api } = clientOf(fake);
    const err = await api.stopInstance('a').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlaneApiError);
    expect(err).toMatchObject({ status: 409, code: 'invalid-state', message: 'The server is already stopping' });
    expect(fake.requests[0]).toMatchObject({
      method: 'POST',
      url: '/api/v1/instances/a/stop',
      body: '{}',
      auth: undefined,
    });
  });
});

describe('/ws', () => {
  it('counts running servers from the list and then from events', async () => {
    const fake = await fakePlane();
    fake.instances.push({ id: A, status: 'RUNNING' }, { id: B, status: 'STOPPED' });
    const { events } = clientOf(fake, 'tok-tok-tok-tok-tok');
    const counts: number[] = [];
    events.onRunningChanged((n) => counts.push(n));
    events.connect();
    await waitFor(() => counts.length > 0);
    expect(events.running()).toBe(1);
    expect(fake.wsAuth).toEqual(['Bearer tok-tok-tok-tok-tok']);
    fake.sockets[0]!.send(statusEvent(B, 'STARTING'));
    await waitFor(() => events.running() === 2);
    fake.sockets[0]!.send(
      JSON.stringify({ event: 'instance:deleted', data: { instanceId: A, deletedAt: new Date().toISOString() } }),
    );
    fake.sockets[0]!.send(JSON.stringify({ event: 'some:future_event', data: {} }));
    fake.sockets[0]!.send('not json');
    await waitFor(() => events.running() === 1);
    events.close();
  });

  it('reconnects when dropped and re-reads the list, since missed events are not replayed', async () => {
    const fake = await fakePlane();
    fake.instances.push({ id: 'a', status: 'RUNNING' });
    const { events } = clientOf(fake);
    events.connect();
    await waitFor(() => events.running() === 1);
    fake.instances[0]!.status = 'STOPPED';
    fake.sockets[0]!.terminate();
    await waitFor(() => fake.sockets.length === 2);
    await waitFor(() => events.running() === 0);
    events.close();
  });
});

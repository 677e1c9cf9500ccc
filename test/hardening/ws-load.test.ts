import { randomBytes } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import { Instance } from '@ark-asa/contracts';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness } from '../helpers/harness.ts';
import { TestWsClient } from '../helpers/ws-client.ts';
import { pool, send } from './fuzz-inputs.ts';
import { Tally } from './tally.ts';

/**
 * Many /ws clients while REST is busy, plus one client that never reads. The hub must keep every
 * reader up to date, drop the stalled one (not wait for it), refuse clients past the per-address
 * cap with 429, and REST must keep answering. All on 127.0.0.1; bounded to a few hundred clients.
 */
const CLIENTS = 300;
const REQUESTS = 1000;
let h: Harness;
let agent: http.Agent;
const counters: Counter[] = [];
const sockets: net.Socket[] = [];

/** A light /ws client that only counts instance:updated events, per instance. */
class Counter {
  private readonly updates = new Map<string, number>();
  closed = false;
  private constructor(readonly ws: WebSocket) {}

  updatesOf(instanceId: string): number {
    return this.updates.get(instanceId) ?? 0;
  }

  static connect(url: string): Promise<Counter> {
    const c = new Counter(new WebSocket(url));
    c.ws.on('message', (raw: Buffer) => {
      const msg = JSON.parse(raw.toString('utf8')) as { event: string; data: { instanceId?: string } };
      const id = msg.data.instanceId;
      if (msg.event === 'instance:updated' && id) c.updates.set(id, c.updatesOf(id) + 1);
    });
    c.ws.on('close', () => (c.closed = true));
    return new Promise((resolve, reject) => {
      c.ws.once('open', () => resolve(c));
      c.ws.once('error', reject);
    });
  }
}

/** Completes the /ws handshake by hand, then stops reading: the socket's buffers fill up. */
function stalledClient(url: string): Promise<net.Socket> {
  const { port } = new URL(url);
  const socket = net.connect(Number(port), '127.0.0.1');
  sockets.push(socket);
  socket.write(
    'GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n' +
      `Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n\r\n`,
  );
  return new Promise((resolve, reject) => {
    socket.once('data', (chunk: Buffer) => {
      socket.pause();
      if (chunk.toString('latin1').startsWith('HTTP/1.1 101')) resolve(socket);
      else reject(new Error(`stalled client refused: ${chunk.toString('latin1').split('\r\n')[0]}`));
    });
    socket.once('error', reject);
  });
}

/** 101, or the refusal's HTTP status. */
async function connectStatus(url: string): Promise<number> {
  try {
    (await TestWsClient.connect(url)).close();
    return 101;
  } catch (err) {
    return Number(/HTTP (\d+)/.exec(String(err))?.[1] ?? 0);
  }
}

async function until(check: () => boolean, timeoutMs = 30_000): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  return check();
}

const create = async (name: string, settings: object) =>
  Instance.parse((await h.api('POST', '/api/v1/instances', { name, settings })).body);

beforeAll(async () => {
  h = await Harness.start();
  agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
});
afterAll(async () => {
  for (const c of counters) c.ws.terminate();
  for (const s of sockets) s.destroy();
  agent.destroy();
  await h.stop();
});

describe('many /ws clients under REST load', () => {
  it('delivers every event to 300 readers while 1,000 REST requests run, and caps each address', async () => {
    const tally = new Tally(`${CLIENTS} /ws clients, ${REQUESTS} REST requests`);
    const patched = await h.api('PATCH', '/api/v1/settings', {
      wsMaxClients: 400,
      wsMaxClientsPerAddress: CLIENTS + 1,
    });
    expect(patched.status).toBe(200);
    const inst = await create('Load', { gamePort: 7901, rconPort: 27901 });
    for (let i = 0; i < CLIENTS; i += 50) {
      counters.push(...(await Promise.all(Array.from({ length: 50 }, () => Counter.connect(h.plane.wsUrl)))));
    }
    await stalledClient(h.plane.wsUrl);
    tally.add(
      'client past the per-address cap gets 429',
      (await connectStatus(h.plane.wsUrl)) === 429 ? null : 'not 429',
    );
    const base = new URL(h.url);
    const reads = ['/api/v1/instances', '/api/v1/health', `/api/v1/instances/${inst.id}`, '/api/v1/settings'];
    const requests = Array.from({ length: REQUESTS }, (_, i) =>
      i % 10 === 0
        ? {
            method: 'PATCH',
            path: `/api/v1/instances/${inst.id}`,
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ name: `Load ${i}` }),
          }
        : { method: 'GET', path: reads[i % reads.length]! },
    );
    const answers = await pool(
      requests.map((r) => () => send(base, agent, r, null)),
      16,
    );
    answers.forEach((res, i) =>
      tally.add(`REST ${requests[i]!.method}`, res.status === 200 ? null : `answered ${res.status}`),
    );
    const patches = REQUESTS / 10;
    const allDelivered = await until(() => counters.every((c) => c.updatesOf(inst.id) >= patches));
    counters.forEach((c) =>
      tally.add(
        'reader got every instance:updated',
        allDelivered && c.updatesOf(inst.id) === patches && !c.closed
          ? null
          : `${c.updatesOf(inst.id)}/${patches}, closed ${c.closed}`,
      ),
    );
    tally.print();
    expect(tally.failures()).toEqual([]);
  });

  it('drops the client that stopped reading, keeps the others whole, and REST stays healthy', async () => {
    const tally = new Tally('stalled /ws reader among 5 readers');
    for (const c of counters.splice(5)) c.ws.close();
    const readers = counters;
    // The 5 readers and the stalled one fill the cap: a seventh is refused until the hub drops the stalled one.
    expect((await h.api('PATCH', '/api/v1/settings', { wsMaxClientsPerAddress: 6 })).status).toBe(200);
    expect(await until(() => readers.length === 5)).toBe(true);
    // ~25 kB per event (within what a command line holds), so a few hundred fill the socket buffers.
    const bulky = Array.from({ length: 100 }, (_, i) => `Bulk${i}=${'v'.repeat(240)}`);
    const inst = await create('Bulky', { gamePort: 7903, rconPort: 27903, extraQueryArgs: bulky });
    let sent = 0;
    let dropped = false;
    while (!dropped && sent < 2000) {
      for (let i = 0; i < 100; i += 1, sent += 1) {
        const res = await h.api('PATCH', `/api/v1/instances/${inst.id}`, { name: `Bulky ${sent}` });
        tally.add('REST PATCH while a reader stalls', res.status === 200 ? null : `answered ${res.status}`);
      }
      dropped = (await connectStatus(h.plane.wsUrl)) === 101;
    }
    tally.add('stalled reader dropped (its slot is free again)', dropped ? null : `not dropped after ${sent} events`);
    tally.add('REST GET after the drop', (await h.api('GET', '/api/v1/instances')).status === 200 ? null : 'not 200');
    await until(() => readers.every((c) => c.updatesOf(inst.id) >= sent), 30_000);
    readers.forEach((c) => {
      const got = c.updatesOf(inst.id);
      tally.add(
        'reader got every event meanwhile',
        got === sent && !c.closed ? null : `${got}/${sent}, closed ${c.closed}`,
      );
    });
    tally.print();
    expect(tally.failures()).toEqual([]);
  });
});

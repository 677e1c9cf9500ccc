import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { ALL_WS_EVENT_NAMES, type WSEventName } from '@ark-asa/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleEvents } from '../../test/helpers/sample-events.ts';
import { TestWsClient } from '../../test/helpers/ws-client.ts';
import { EventBus } from '../events/event-bus.ts';
import { createLogger } from '../logger.ts';
import { WsHub, type WsHubOptions } from './ws-hub.ts';

let server: http.Server;
let hub: WsHub;
let bus: EventBus;
let url: string;
const clients: TestWsClient[] = [];

async function setup(opts: Partial<WsHubOptions> = {}) {
  bus = new EventBus(createLogger({ silent: true }), true);
  hub = new WsHub({ logger: createLogger({ silent: true }), ...opts });
  hub.attach(bus);
  server = http.createServer((_req, res) => res.end());
  server.on('upgrade', (req, socket, head) => hub.accept(req, socket, head));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/ws`;
}

async function connect(n: number): Promise<TestWsClient[]> {
  const made = await Promise.all(Array.from({ length: n }, () => TestWsClient.connect(url)));
  clients.push(...made);
  return made;
}

/** A client that completes the handshake and then never reads another byte. */
async function stalledClient(): Promise<net.Socket> {
  const { port } = server.address() as AddressInfo;
  const socket = net.connect(port, '127.0.0.1');
  await new Promise((r) => socket.once('connect', r));
  socket.write(
    'GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
  );
  await new Promise((r) => socket.once('data', r));
  socket.pause();
  return socket;
}

const until = async (cond: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await hub.close();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describe('WsHub', () => {
  it('delivers each of the 14 events to every client as { event, data } with a payload its schema accepts', async () => {
    await setup();
    const many = await connect(3);
    const samples = sampleEvents();
    for (const name of ALL_WS_EVENT_NAMES) bus.publish(name, samples[name]);
    await until(() => many.every((c) => c.events.length === ALL_WS_EVENT_NAMES.length));
    for (const c of many) {
      expect(c.invalid).toEqual([]);
      expect(c.events.map((e) => e.event)).toEqual(ALL_WS_EVENT_NAMES);
      expect(c.events.map((e) => e.data)).toEqual(ALL_WS_EVENT_NAMES.map((n: WSEventName) => samples[n]));
    }
  });

  it('ignores whatever a client sends and keeps sending it events', async () => {
    await setup();
    const [chatty, quiet] = await connect(2);
    chatty!.ws.send('not json {');
    chatty!.ws.send(JSON.stringify({ event: 'job:cancel', data: {} }));
    chatty!.ws.send(Buffer.from([0, 1, 2, 255]));
    chatty!.ws.send('x'.repeat(50_000));
    await new Promise((r) => setTimeout(r, 50));
    bus.publish('agent:offline', { agentId: crypto.randomUUID(), reason: 'test', timestamp: new Date().toISOString() });
    await chatty!.waitFor('agent:offline');
    await quiet!.waitFor('agent:offline');
    expect(chatty!.closed).toBe(false);
    expect(hub.clientCount).toBe(2);
  });

  it('drops a client that stops reading while the others receive everything', async () => {
    await setup({ maxBufferedBytes: 256 * 1024 });
    const [healthy] = await connect(1);
    const stalled = await stalledClient();
    let stalledClosed = false;
    stalled.on('close', () => (stalledClosed = true));
    await until(() => hub.clientCount === 2);
    const message = 'x'.repeat(2000);
    let sent = 0;
    // Publish in bursts and yield, as real events arrive, until the stalled reader is dropped.
    while (hub.clientCount === 2 && sent < 50_000) {
      for (let i = 0; i < 100; i += 1, sent += 1) {
        bus.publish('system:error', {
          code: 'test',
          message: `${sent} ${message}`,
          subjectId: null,
          timestamp: new Date().toISOString(),
        });
      }
      await new Promise((r) => setImmediate(r));
    }
    expect(hub.clientCount).toBe(1);
    // The server ended the connection; a paused socket only notices once it reads again.
    stalled.resume();
    await until(() => stalledClosed);
    await until(() => healthy!.events.length === sent);
    expect(healthy!.closed).toBe(false);
  });

  it('sends a burst published in one turn to every client whole and in order, one frame per event', async () => {
    await setup();
    const readers = await connect(2);
    const instanceId = crypto.randomUUID();
    const timestamp = new Date().toISOString();
    // A 1 MiB chunk of a flooding server log: thousands of lines published without a yield, while
    // the hub corks each socket for the turn and flushes it every 64 KiB.
    const lines = 5000;
    for (let seq = 1; seq <= lines; seq += 1) {
      const message = `LogNet: line ${seq} ${'x'.repeat(seq % 300)}`;
      bus.publish('instance:log', { instanceId, seq, level: 'INFO', source: 'server', message, timestamp });
    }
    await until(() => readers.every((c) => c.events.length === lines));
    for (const c of readers) {
      expect(c.invalid).toEqual([]);
      const seqs = c.events.map((e) => (e.data as { seq: number }).seq);
      expect(seqs).toEqual(Array.from({ length: lines }, (_, i) => i + 1));
      expect(c.closed).toBe(false);
    }
    expect(hub.clientCount).toBe(2);
  });

  it('refuses clients past the per-address cap with 429 and past the total cap with 503, reading live limits', async () => {
    const limits = { maxClients: 10, maxClientsPerAddress: 2 };
    await setup({ limits: () => limits });
    await connect(2);
    await expect(TestWsClient.connect(url)).rejects.toThrow(/HTTP 429/);
    limits.maxClientsPerAddress = 5;
    limits.maxClients = 3;
    await connect(1);
    await expect(TestWsClient.connect(url)).rejects.toThrow(/HTTP 503/);
    expect(hub.clientCount).toBe(3);
  });

  it('sends its own keep-alive to idle clients, outside the 14 events', async () => {
    await setup({ keepAliveMs: 30 });
    const [idle] = await connect(1);
    await until(() => idle!.keepAlives >= 2);
    expect(idle!.events).toEqual([]);
    expect(idle!.invalid).toEqual([]);
  });

  it('terminates a peer that stops answering pings', async () => {
    await setup({ pingIntervalMs: 50 });
    await connect(1);
    const stalled = await stalledClient();
    await until(() => hub.clientCount === 2);
    await until(() => hub.clientCount === 1, 5000);
    stalled.destroy();
  });
});

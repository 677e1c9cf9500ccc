import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WSEvent } from '@ark-asa/contracts';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { EventBus } from '../events/event-bus.ts';
import type { Logger } from '../logger.ts';

export interface WsHubOptions {
  logger: Logger;
  /** A client whose unsent bytes pass this bound has stopped reading and is dropped. */
  maxBufferedBytes?: number;
  /** Ping period; a peer that has not answered the previous ping by the next one is terminated. */
  pingIntervalMs?: number;
  maxClients?: number;
}

interface Client {
  ws: WebSocket;
  alive: boolean;
  address: string;
  ignoredMessages: number;
}

export const WS_PATH = '/ws';

function rawText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}
const DEFAULT_MAX_BUFFERED = 4 * 1024 * 1024;

/**
 * The /ws event stream (WEBSOCKET_PROTOCOL.md): every client receives every event as
 * `{ "event", "data" }`. Each event is serialised once into a Buffer that all sockets share, and a
 * socket that cannot keep up is terminated instead of being waited for, so one stalled reader never
 * slows the others or the publisher (it reconnects and re-reads state over REST).
 */
export class WsHub {
  private readonly wss: WebSocketServer;
  private readonly clients = new Set<Client>();
  private readonly maxBuffered: number;
  private readonly maxClients: number;
  private readonly pingTimer: NodeJS.Timeout;
  private readonly logger: Logger;
  private firstClientWaiters: (() => void)[] = [];

  constructor(opts: WsHubOptions) {
    this.logger = opts.logger.child({ component: 'ws-hub' });
    this.maxBuffered = opts.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED;
    this.maxClients = opts.maxClients ?? 200;
    // Clients only ever send noise (the protocol is push-only); keep what we accept small.
    this.wss = new WebSocketServer({ noServer: true, clientTracking: false, perMessageDeflate: false, maxPayload: 1024 * 1024 });
    this.pingTimer = setInterval(() => this.checkAlive(), opts.pingIntervalMs ?? 30_000);
    this.pingTimer.unref();
  }

  get clientCount(): number {
    return this.clients.size;
  }

  /** Forward every bus event to the clients; returns the unsubscribe function. */
  attach(bus: EventBus): () => void {
    return bus.subscribe((event) => this.broadcast(event));
  }

  broadcast(event: WSEvent): void {
    if (this.clients.size === 0) return;
    this.broadcastRaw(Buffer.from(JSON.stringify(event)));
  }

  /** Sends one already-serialised frame to every client (text frame, shared buffer). */
  broadcastRaw(frame: Buffer): void {
    for (const client of this.clients) {
      const { ws } = client;
      if (ws.readyState !== WebSocket.OPEN) continue;
      if (ws.bufferedAmount > this.maxBuffered) {
        this.drop(client, `it stopped reading (${ws.bufferedAmount} bytes unsent)`);
        continue;
      }
      ws.send(frame, { binary: false });
    }
  }

  /** Completes a WebSocket upgrade that the HTTP layer has already authorised. */
  accept(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (this.clients.size >= this.maxClients) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.register(ws, req.socket.remoteAddress ?? 'unknown'));
  }

  /** Resolves when at least one client is connected (immediately if one already is). */
  whenClientConnected(): Promise<void> {
    if (this.clients.size > 0) return Promise.resolve();
    return new Promise((resolve) => this.firstClientWaiters.push(resolve));
  }

  async close(): Promise<void> {
    clearInterval(this.pingTimer);
    const closing = [...this.clients].map(
      ({ ws }) =>
        new Promise<void>((resolve) => {
          ws.once('close', () => resolve());
          ws.close(1001, 'server shutting down');
          // A peer that does not answer the close handshake is not waited for.
          setTimeout(() => {
            ws.terminate();
            resolve();
          }, 1000).unref();
        }),
    );
    await Promise.all(closing);
    this.clients.clear();
    this.wss.close();
  }

  private register(ws: WebSocket, address: string): void {
    const client: Client = { ws, alive: true, address, ignoredMessages: 0 };
    this.clients.add(client);
    ws.on('pong', () => (client.alive = true));
    ws.on('message', (data, isBinary) => this.ignore(client, isBinary ? '(binary)' : rawText(data).slice(0, 80)));
    ws.on('error', (err) => this.logger.debug({ err, address }, 'client socket error'));
    ws.on('close', () => this.clients.delete(client));
    this.logger.debug({ address, clients: this.clients.size }, 'client connected');
    const waiters = this.firstClientWaiters;
    this.firstClientWaiters = [];
    for (const resolve of waiters) resolve();
  }

  /** The stream is push-only: whatever a client sends is ignored; the first few are logged. */
  private ignore(client: Client, preview: string): void {
    client.ignoredMessages += 1;
    if (client.ignoredMessages <= 3 || client.ignoredMessages % 1000 === 0) {
      this.logger.warn(
        { address: client.address, count: client.ignoredMessages, preview },
        'ignored a message from a /ws client (the event stream is push-only)',
      );
    }
  }

  private drop(client: Client, why: string): void {
    this.logger.warn({ address: client.address }, `dropped a /ws client: ${why}`);
    this.clients.delete(client);
    client.ws.terminate();
  }

  private checkAlive(): void {
    for (const client of this.clients) {
      if (!client.alive) {
        this.drop(client, 'it did not answer the last ping');
        continue;
      }
      client.alive = false;
      client.ws.ping();
    }
  }
}

import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { HUB_KEEPALIVE, type HubKeepAlive, type WSEvent } from '@ark-asa/contracts';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { EventBus } from '../events/event-bus.ts';
import type { Logger } from '../logger.ts';

export interface WsHubOptions {
  logger: Logger;
  /** A client whose unsent bytes pass this bound has stopped reading and is dropped. */
  maxBufferedBytes?: number;
  /** Ping period; a peer that has not answered the previous ping by the next one is terminated. */
  pingIntervalMs?: number;
  /** Period of the application-level keep-alive message (browsers cannot see pings). */
  keepAliveMs?: number;
  maxClients?: number;
  /** Defaults to `maxClients` (no separate cap) when neither this nor `limits` is given. */
  maxClientsPerAddress?: number;
  /** Live limits (the wsMaxClients settings), read at each upgrade; they win over the fixed ones. */
  limits?: () => WsLimits;
}

export interface WsLimits {
  maxClients: number;
  maxClientsPerAddress: number;
}

interface Client {
  ws: WebSocket;
  /** The upgraded TCP socket under `ws`: corked while a burst of events is being sent. */
  socket: Duplex;
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
/** Bytes of frames a corked socket holds before they are written: a few hundred log lines. */
const CORK_MAX_BYTES = 64 * 1024;
/** A UI presumes the stream dead after 60 s of silence: three keep-alives fit in that. */
export const DEFAULT_KEEPALIVE_MS = 20_000;

const refusal = (status: string) => `HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`;

/**
 * The /ws event stream (docs/event-protocol.md): every client receives every event as
 * `{ "event", "data" }`. Each event is serialised once into a Buffer that all sockets share, and a
 * socket that cannot keep up is terminated instead of being waited for, so one stalled reader never
 * slows the others or the publisher (it reconnects and re-reads state over REST).
 */
export class WsHub {
  private readonly wss: WebSocketServer;
  private readonly clients = new Set<Client>();
  private readonly maxBuffered: number;
  private readonly limits: () => WsLimits;
  private readonly pingTimer: NodeJS.Timeout;
  private readonly keepAliveTimer: NodeJS.Timeout;
  private readonly keepAliveMs: number;
  private readonly logger: Logger;
  private firstClientWaiters: (() => void)[] = [];
  /** Sockets corked in this turn of the event loop (→ bytes held), uncorked together at its end. */
  private readonly corked = new Map<Duplex, number>();
  private readonly uncorkAll = () => {
    // Emptied first: a send made while flushing starts a new turn's cork instead of being forgotten.
    const sockets = [...this.corked.keys()];
    this.corked.clear();
    for (const socket of sockets) socket.uncork();
  };

  constructor(opts: WsHubOptions) {
    this.logger = opts.logger.child({ component: 'ws-hub' });
    this.maxBuffered = opts.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED;
    const fixed: WsLimits = {
      maxClients: opts.maxClients ?? 200,
      maxClientsPerAddress: opts.maxClientsPerAddress ?? opts.maxClients ?? 200,
    };
    this.limits = opts.limits ?? (() => fixed);
    this.keepAliveMs = opts.keepAliveMs ?? DEFAULT_KEEPALIVE_MS;
    // Clients only ever send noise (the protocol is push-only); keep what we accept small.
    this.wss = new WebSocketServer({
      noServer: true,
      clientTracking: false,
      perMessageDeflate: false,
      maxPayload: 1024 * 1024,
    });
    this.pingTimer = setInterval(() => this.checkAlive(), opts.pingIntervalMs ?? 30_000);
    this.pingTimer.unref();
    this.keepAliveTimer = setInterval(() => this.keepAlive(), this.keepAliveMs);
    this.keepAliveTimer.unref();
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

  /**
   * Sends one already-serialised frame to every client (text frame, shared buffer). Events published
   * in one synchronous burst (a chunk of a flooding server log: thousands of instance:log lines) go
   * out in one write per client: each socket is corked at its first frame of the turn and uncorked
   * on the next tick, instead of one write syscall per frame and client, which cost more than the
   * store. The frames and their order are unchanged. Corked bytes count in `bufferedAmount`, so a
   * client that stops reading is still dropped past the bound; a socket holds at most CORK_MAX_BYTES
   * before it is flushed, so a long burst cannot push a reading client over the bound either.
   */
  broadcastRaw(frame: Buffer): void {
    for (const client of this.clients) {
      const { ws } = client;
      if (ws.readyState !== WebSocket.OPEN) continue;
      if (ws.bufferedAmount > this.maxBuffered) {
        this.drop(client, `it stopped reading (${ws.bufferedAmount} bytes unsent)`);
        continue;
      }
      this.cork(client.socket, frame.length);
      ws.send(frame, { binary: false });
    }
  }

  private cork(socket: Duplex, bytes: number): void {
    const held = this.corked.get(socket);
    if (held === undefined) {
      if (this.corked.size === 0) process.nextTick(this.uncorkAll);
      socket.cork();
      this.corked.set(socket, bytes);
    } else if (held + bytes > CORK_MAX_BYTES) {
      // Flush what is held (one write) and keep corking the rest of the burst.
      socket.uncork();
      socket.cork();
      this.corked.set(socket, bytes);
    } else {
      this.corked.set(socket, held + bytes);
    }
  }

  /** Completes a WebSocket upgrade that the HTTP layer has already authorised. */
  accept(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const address = req.socket.remoteAddress ?? 'unknown';
    const limits = this.limits();
    if (this.clients.size >= limits.maxClients) {
      socket.end(refusal('503 Service Unavailable'));
      return;
    }
    if (this.countFrom(address) >= limits.maxClientsPerAddress) {
      this.logger.warn(
        { address, limit: limits.maxClientsPerAddress },
        'refused a /ws client: too many from one address',
      );
      socket.end(refusal('429 Too Many Requests'));
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.register(ws, socket, address));
  }

  /** Resolves when at least one client is connected (immediately if one already is). */
  whenClientConnected(): Promise<void> {
    if (this.clients.size > 0) return Promise.resolve();
    return new Promise((resolve) => this.firstClientWaiters.push(resolve));
  }

  async close(): Promise<void> {
    clearInterval(this.pingTimer);
    clearInterval(this.keepAliveTimer);
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

  private register(ws: WebSocket, socket: Duplex, address: string): void {
    const client: Client = { ws, socket, alive: true, address, ignoredMessages: 0 };
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

  private countFrom(address: string): number {
    let n = 0;
    for (const client of this.clients) if (client.address === address) n += 1;
    return n;
  }

  /** Not one of the 14 events and not on the bus: the hub's own "still here" (docs/event-protocol-keepalive.md). */
  private keepAlive(): void {
    if (this.clients.size === 0) return;
    const message: HubKeepAlive = {
      event: HUB_KEEPALIVE,
      data: { sentAt: new Date().toISOString(), intervalMs: this.keepAliveMs },
    };
    this.broadcastRaw(Buffer.from(JSON.stringify(message)));
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

import type { IncomingMessage } from 'node:http';
import { AGENT_CHANNEL_MAX_PAYLOAD } from '@ark-asa/contracts';
import WebSocket from 'ws';
import type { Logger } from '../../logger.ts';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.ts';
import type { SessionEnd } from './agent-session.ts';

export interface DialerDeps {
  /** ws:// or wss:// URL of the control plane's agent channel. */
  url: string;
  token: string;
  /** Extra trusted CA certificates (`--ca`, for a self-signed control plane). */
  ca?: Buffer;
  logger: Logger;
  backoff?: BackoffOptions;
  /** Runs the protocol on an open socket; resolves when the socket closed. */
  session: (ws: WebSocket) => Promise<SessionEnd>;
}

/** Statuses that no retry can cure: the token is unknown or revoked. */
const FATAL_STATUSES = new Set([401, 403]);

/**
 * Dials the control plane and keeps dialling: exponential backoff with jitter between attempts,
 * reset once a connection was welcomed. Ends (resolves `run()` with the reason) only on a refusal
 * that retrying cannot cure, or on `stop()`.
 */
export class ChannelDialer {
  private stopped = false;
  private current: WebSocket | null = null;
  private wake: (() => void) | null = null;

  constructor(private readonly deps: DialerDeps) {}

  /** Resolves with the fatal reason, or null after `stop()`. */
  async run(): Promise<string | null> {
    let attempt = 0;
    while (!this.stopped) {
      const end = await this.connectOnce();
      if (end.fatal) return end.fatal;
      if (this.stopped) break;
      if (end.welcomed) attempt = 0;
      const delay = backoffDelay(attempt, this.deps.backoff ?? DEFAULT_BACKOFF);
      attempt += 1;
      this.deps.logger.info({ retryInMs: delay }, 'reconnecting to the control plane');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    return null;
  }

  /** Closes the connection (1000, normal) and stops dialling. */
  stop(): void {
    this.stopped = true;
    this.current?.close(1000, 'agent stopping');
    this.wake?.();
  }

  private connectOnce(): Promise<SessionEnd> {
    const ws = new WebSocket(this.deps.url, {
      headers: { authorization: `Bearer ${this.deps.token}` },
      ca: this.deps.ca,
      maxPayload: AGENT_CHANNEL_MAX_PAYLOAD,
      perMessageDeflate: false,
      handshakeTimeout: 15_000,
      // Never follow a redirect: the token goes to the address the user gave, nowhere else.
      followRedirects: false,
    });
    this.current = ws;
    return new Promise((resolve) => {
      let settled = false;
      let refusing = false;
      const settle = (end: SessionEnd) => {
        if (!settled) resolve(end);
        settled = true;
      };
      ws.once('open', () => void this.deps.session(ws).then(settle));
      ws.once('unexpected-response', (_req, res) => {
        refusing = true;
        void this.refused(ws, res).then(settle);
      });
      ws.on('error', (err) => this.deps.logger.error({ err: err.message }, 'cannot reach the control plane'));
      ws.once('close', () => {
        // Without `open` the session never ran: a network or TLS failure, retried.
        if (!refusing && ws.listenerCount('open') > 0) settle({ welcomed: false, fatal: null });
      });
    });
  }

  /** The handshake was answered with an HTTP status instead of 101. */
  private async refused(ws: WebSocket, res: IncomingMessage): Promise<SessionEnd> {
    let body = '';
    for await (const chunk of res) {
      body += String(chunk);
      if (body.length > 4096) break;
    }
    ws.terminate();
    let message = body;
    try {
      message = (JSON.parse(body) as { error: { message: string } }).error.message;
    } catch {
      // Not our envelope (a proxy in between): the raw text says enough.
    }
    const status = res.statusCode ?? 0;
    const text = `The control plane answered ${status}: ${message || res.statusMessage || 'refused'}`;
    if (FATAL_STATUSES.has(status)) return { welcomed: false, fatal: text };
    this.deps.logger.warn(text);
    return { welcomed: false, fatal: null };
  }
}

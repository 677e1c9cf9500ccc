import http, { type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { AGENT_CHANNEL_MAX_PAYLOAD, ErrorCode } from '@ark-asa/contracts';
import { WebSocketServer } from 'ws';
import type { Logger } from '../../logger.ts';
import type { RemoteAgentBook } from './remote-agent-book.ts';
import type { RemoteAgentRegistry } from './remote-agent-registry.ts';

export interface AcceptorDeps {
  book: Pick<RemoteAgentBook, 'ownerOf'>;
  registry: Pick<RemoteAgentRegistry, 'attach'>;
  /** Wrong tokens per address (the REST API's failure bucket); false once exhausted. */
  failures: { take(key: string): boolean };
  logger: Logger;
}

interface Refusal {
  status: number;
  code: string;
  message: string;
}

function bearer(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match ? match[1]! : null;
}

/**
 * The HTTP upgrade of `/agent-channel` (docs/agent-channel.md#authentication): the agent's token in
 * `Authorization: Bearer`, checked in constant time; a correct token always passes, wrong or
 * missing ones are throttled per address; a browser (any `Origin`) is refused outright, since no
 * web page has a reason to open an agent channel. Refusals are an HTTP status with an error
 * envelope, before any WebSocket exists.
 */
export class AgentChannelAcceptor {
  private readonly wss = new WebSocketServer({
    noServer: true,
    maxPayload: AGENT_CHANNEL_MAX_PAYLOAD,
    perMessageDeflate: false,
  });

  constructor(private readonly deps: AcceptorDeps) {}

  /** The `upgrade` handler for the channel's path; never throws (an unauthenticated peer must not stop the manager). */
  readonly handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    try {
      const outcome = this.check(req);
      if ('status' in outcome) return refuse(socket, outcome);
      this.wss.handleUpgrade(req, socket, head, (ws) => this.deps.registry.attach(outcome.agentId, ws, req));
    } catch (err) {
      this.deps.logger.error({ err }, 'an agent channel upgrade failed');
      refuse(socket, { status: 500, code: ErrorCode.INTERNAL, message: 'Internal error' });
    }
  };

  close(): void {
    this.wss.close();
  }

  private check(req: IncomingMessage): Refusal | { agentId: string } {
    if (req.headers.origin !== undefined) {
      return { status: 403, code: ErrorCode.FORBIDDEN, message: 'Browsers may not open the agent channel' };
    }
    const token = bearer(req.headers.authorization);
    const owner = token === null ? null : this.deps.book.ownerOf(token);
    if (owner && !owner.revoked) return { agentId: owner.agentId };
    if (owner?.revoked) {
      return { status: 403, code: 'agent-revoked', message: 'This host was revoked: add it again for a new token' };
    }
    if (!this.deps.failures.take(req.socket.remoteAddress ?? 'unknown')) {
      return {
        status: 429,
        code: ErrorCode.RATE_LIMITED,
        message: 'Too many wrong agent tokens from your address; wait a minute before trying again',
      };
    }
    return token === null
      ? { status: 401, code: ErrorCode.UNAUTHORIZED, message: 'The agent channel needs Authorization: Bearer <token>' }
      : { status: 401, code: ErrorCode.UNAUTHORIZED, message: 'The agent token is wrong' };
  }
}

function refuse(socket: Duplex, r: Refusal): void {
  socket.on('error', () => socket.destroy());
  const body = JSON.stringify({ error: { code: r.code, message: r.message } });
  socket.end(
    `HTTP/1.1 ${r.status} ${http.STATUS_CODES[r.status] ?? ''}\r\nConnection: close\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

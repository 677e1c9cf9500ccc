import type { IncomingMessage } from 'node:http';
import { AgentChannelClose, ErrorCode } from '@ark-asa/contracts';
import type WebSocket from 'ws';
import { AppError } from '../../domain/app-error.ts';
import type { Logger } from '../../logger.ts';
import type { RequestOptions } from './pending-requests.ts';
import type { AgentConfig, RemoteAgentBook } from './remote-agent-book.ts';
import { RemoteAgentConnection } from './remote-agent-connection.ts';

export interface RegistryDeps {
  book: RemoteAgentBook;
  logger: Logger;
  heartbeatIntervalSec: () => number;
  helloTimeoutMs?: number;
}

/**
 * The live channels of the remote agents, one per agent. A second connection with the same token
 * replaces the first (docs/agent-channel.md#one-connection-per-agent): after a network change the
 * old TCP connection can linger half-open for minutes, and refusing the new one would keep the host
 * offline all that time.
 */
export class RemoteAgentRegistry {
  private readonly live = new Map<string, RemoteAgentConnection>();
  private closing = false;

  constructor(private readonly deps: RegistryDeps) {}

  attach(agentId: string, ws: WebSocket, req: IncomingMessage): void {
    if (this.closing) {
      ws.close(AgentChannelClose.GOING_AWAY, 'shutting down');
      return;
    }
    const previous = this.live.get(agentId);
    const connection = new RemoteAgentConnection(agentId, ws, req.socket.remoteAddress ?? 'unknown', {
      ...this.deps,
      onClosed: (c) => {
        if (this.live.get(agentId) === c) this.live.delete(agentId);
      },
    });
    this.live.set(agentId, connection);
    previous?.replace();
    connection.start();
  }

  isConnected(agentId: string): boolean {
    return this.live.get(agentId)?.live ?? false;
  }

  connectedIds(): string[] {
    return [...this.live.values()].filter((c) => c.live).map((c) => c.agentId);
  }

  /** A command for the agent; fails at once, naming the host, when it is not connected. */
  request(agentId: string, method: string, params: unknown, opts?: RequestOptions): Promise<unknown> {
    const connection = this.live.get(agentId);
    if (!connection?.live) {
      return Promise.reject(
        new AppError(ErrorCode.AGENT_OFFLINE, `Host "${this.deps.book.nameOf(agentId)}" is offline`),
      );
    }
    return connection.request(method, params, opts);
  }

  configure(agentId: string, config: AgentConfig): void {
    this.live.get(agentId)?.configure(config);
  }

  /** Revocation: the channel goes at once; the token is refused from now on by the book. */
  revoke(agentId: string): void {
    this.live.get(agentId)?.refuse('revoked', 'This host was revoked on the control plane', AgentChannelClose.REVOKED);
  }

  /** Control plane shutdown: every agent is told to come back later (close 1001) and announced offline. */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(
      [...this.live.values()].map((c) => c.close(AgentChannelClose.GOING_AWAY, 'The control plane is shutting down')),
    );
  }
}

import {
  AGENT_CHANNEL_VERSION,
  AgentChannelClose,
  AgentMessage,
  ErrorCode,
  type AgentHello,
  type ControlPlaneMessage,
  type RefusalCode,
} from '@ark-asa/contracts';
import type WebSocket from 'ws';
import { AppError } from '../../domain/app-error.ts';
import type { Logger } from '../../logger.ts';
import { SilenceWatchdog } from '../silence-watchdog.ts';
import { rawText } from '../ws-raw-text.ts';
import { PendingRequests, type RequestOptions } from './pending-requests.ts';
import type { AgentConfig, RemoteAgentBook } from './remote-agent-book.ts';

export interface ConnectionDeps {
  book: RemoteAgentBook;
  logger: Logger;
  heartbeatIntervalSec: () => number;
  /** How long an authenticated connection may stay silent before its `hello` (default 10 s). */
  helloTimeoutMs?: number;
  onClosed: (connection: RemoteAgentConnection) => void;
}

/**
 * One agent's live channel on the control plane: `hello` → `welcome`, heartbeats under a watchdog
 * (three intervals), requests with correlation ids. Messages are checked against the contracts;
 * anything else is logged and dropped, never trusted.
 */
export class RemoteAgentConnection {
  private registered = false;
  private superseded = false;
  /** The heartbeat interval the agent was last told (welcome, configure). */
  private toldIntervalSec = 0;
  private closeReason = 'The connection to the host was lost';
  private readonly watchdog = new SilenceWatchdog();
  private readonly pending = new PendingRequests();
  private readonly logger: Logger;
  readonly closed: Promise<void>;

  constructor(
    readonly agentId: string,
    private readonly ws: WebSocket,
    readonly address: string,
    private readonly deps: ConnectionDeps,
  ) {
    this.logger = deps.logger.child({ component: 'agent-channel', agentId, address });
    this.closed = new Promise((resolve) => ws.once('close', () => resolve()));
  }

  start(): void {
    this.arm(this.deps.helloTimeoutMs ?? 10_000, 'No hello from the host in time');
    this.ws.on('message', (raw, isBinary) => this.onRaw(raw, isBinary));
    this.ws.on('error', (err) => this.logger.warn({ err }, 'agent channel error'));
    this.ws.on('close', () => this.onClose());
  }

  /** True once the agent said hello and is registered. */
  get live(): boolean {
    return this.registered && this.ws.readyState === this.ws.OPEN;
  }

  request(method: string, params: unknown, opts: RequestOptions = {}): Promise<unknown> {
    if (!this.live) return Promise.reject(this.offlineError());
    const { id, result } = this.pending.open(opts, () => {
      this.sendCancel(id);
      return new AppError(ErrorCode.AGENT_OFFLINE, `Host "${this.name()}" did not answer ${method} in time`);
    });
    this.send({ v: AGENT_CHANNEL_VERSION, type: 'request', id, method, params, timeoutMs: opts.timeoutMs });
    return result;
  }

  configure(config: AgentConfig): void {
    if (!this.live) return;
    const heartbeatIntervalSec = this.deps.heartbeatIntervalSec();
    this.send({ v: AGENT_CHANNEL_VERSION, type: 'configure', heartbeatIntervalSec, settings: config.settings });
    // An agent that keeps the beat already scheduled (older versions did) sends it on the interval it
    // was told before: until its next heartbeat, the longer of the two applies.
    this.arm(Math.max(this.toldIntervalSec, heartbeatIntervalSec) * 3000, this.silenceReason());
    this.toldIntervalSec = heartbeatIntervalSec;
  }

  /** A newer connection of the same agent takes over: this one goes without announcing the agent offline. */
  replace(): void {
    this.superseded = true;
    this.refuse('replaced', 'Another connection with this agent token took over', AgentChannelClose.REPLACED);
  }

  /** Refuses and closes; a peer that does not answer the close (and goes on sending) is cut after a second. */
  refuse(code: RefusalCode, message: string, closeCode: number = AgentChannelClose.REFUSED): void {
    this.closeReason = message;
    this.send({ v: AGENT_CHANNEL_VERSION, type: 'refused', code, message });
    this.closeWithin(closeCode, code);
  }

  /** Closes with `code`; resolves once closed (a peer that does not answer the close is cut after a second). */
  async close(code: number, reason: string): Promise<void> {
    this.closeReason = reason;
    this.closeWithin(code, reason.slice(0, 100));
    await this.closed;
  }

  /** Starts the close handshake; a peer that does not answer it within a second is cut. */
  private closeWithin(code: number, reason: string): void {
    this.ws.close(code, reason);
    // Replaces the heartbeat watch: nothing from a closing peer re-arms it (onMessage ignores it).
    this.watchdog.arm(1000, () => this.ws.terminate());
  }

  private onRaw(raw: WebSocket.RawData, isBinary: boolean): void {
    let json: unknown;
    try {
      json = isBinary ? undefined : JSON.parse(rawText(raw));
    } catch {
      json = undefined;
    }
    const parsed = AgentMessage.safeParse(json);
    if (parsed.success) return this.onMessage(parsed.data);
    const version = (json as { v?: unknown; type?: unknown } | undefined)?.v;
    const type = (json as { type?: unknown } | undefined)?.type;
    if (type === 'hello' && version !== AGENT_CHANNEL_VERSION) {
      this.refuse(
        'unsupported-version',
        `This control plane speaks agent channel version ${AGENT_CHANNEL_VERSION}, not ${String(version)}: run the same manager version on both machines`,
      );
      return;
    }
    this.logger.warn({ type: typeof type === 'string' ? type.slice(0, 40) : null }, 'dropped an invalid agent message');
  }

  private onMessage(message: AgentMessage): void {
    switch (message.type) {
      case 'hello':
        return this.onHello(message);
      case 'heartbeat':
        // Not once refused or closing: a beat sent as the revocation crossed it would bring the host back.
        if (!this.live) return;
        this.deps.book.heartbeat(this.agentId, message);
        this.arm(this.deps.heartbeatIntervalSec() * 3000, this.silenceReason());
        return;
      case 'response':
        if (!this.pending.settle(message)) this.logger.debug({ id: message.id }, 'response to no pending request');
        return;
      case 'progress':
        return this.pending.progress(message);
      case 'event':
        if (this.live) this.deps.book.serverEvent(this.agentId, message);
        return;
    }
  }

  private onHello(hello: AgentHello): void {
    if (this.registered) return this.refuse('protocol-error', 'hello was sent twice on one connection');
    let config: AgentConfig;
    try {
      config = this.deps.book.connected(this.agentId, hello);
    } catch (err) {
      this.logger.error({ err }, 'registering the agent failed');
      return this.refuse('protocol-error', `The control plane could not register this host: ${(err as Error).message}`);
    }
    this.registered = true;
    const heartbeatIntervalSec = this.deps.heartbeatIntervalSec();
    this.toldIntervalSec = heartbeatIntervalSec;
    this.send({
      v: AGENT_CHANNEL_VERSION,
      type: 'welcome',
      agentId: this.agentId,
      name: config.name,
      heartbeatIntervalSec,
      settings: config.settings,
      serverTime: new Date().toISOString(),
    });
    this.arm(heartbeatIntervalSec * 3000, this.silenceReason());
  }

  private onClose(): void {
    this.watchdog.disarm();
    this.pending.failAll(this.offlineError());
    this.deps.onClosed(this);
    if (this.registered && !this.superseded) this.deps.book.disconnected(this.agentId, this.closeReason);
    this.logger.info({ reason: this.closeReason, superseded: this.superseded }, 'agent channel closed');
  }

  /** One watchdog for both waits: the hello after connecting, then each heartbeat. */
  private arm(ms: number, reason: string): void {
    this.watchdog.arm(ms, () => {
      this.closeReason = reason;
      // terminate, not close: a peer that sends nothing will not answer a close handshake either.
      this.ws.terminate();
    });
  }

  private silenceReason(): string {
    return `No heartbeat for more than ${this.deps.heartbeatIntervalSec() * 3} s`;
  }

  private offlineError(): AppError {
    return new AppError(ErrorCode.AGENT_OFFLINE, `Host "${this.name()}" is offline`);
  }

  private name(): string {
    try {
      return this.deps.book.nameOf(this.agentId);
    } catch {
      return this.agentId;
    }
  }

  private send(message: ControlPlaneMessage): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(JSON.stringify(message));
  }

  private sendCancel(id: string): void {
    this.send({ v: AGENT_CHANNEL_VERSION, type: 'cancel', id });
  }
}

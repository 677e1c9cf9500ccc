import {
  AGENT_CHANNEL_VERSION,
  AgentChannelClose,
  ControlPlaneMessage,
  type AgentHeartbeat,
  type AgentHello,
  type AgentMessage,
  type ChannelConfigure,
  type ChannelRequest,
  type ChannelWelcome,
} from '@ark-asa/contracts';
import type WebSocket from 'ws';
import type { Logger } from '../../logger.ts';
import { SilenceWatchdog } from '../silence-watchdog.ts';
import { rawText } from '../ws-raw-text.ts';
import type { AgentStateFile } from './agent-state-file.ts';
import type { ChannelOutput } from './event-forwarder.ts';
import { answerRequest, type RequestHandlers } from './request-handlers.ts';

export interface SessionDeps {
  logger: Logger;
  state: AgentStateFile;
  controlPlane: string;
  hello: () => AgentHello;
  sample: () => Promise<Pick<AgentHeartbeat, 'metrics' | 'instances'>>;
  handlers: RequestHandlers;
  /** How long to wait for `welcome` after `hello` (default 15 s). */
  welcomeTimeoutMs?: number;
  /** Phase 2: the embedded manager's part of a session (snapshot, events, settings). */
  hooks?: SessionHooks;
}

export interface SessionHooks {
  /** The session was welcomed; `out` writes to it until `closed(out)`. */
  welcomed(welcome: ChannelWelcome, out: ChannelOutput): void;
  configured(message: ChannelConfigure): void;
  closed(out: ChannelOutput): void;
}

/** How a connection ended, for the dialer: retry (resetting the backoff once welcomed) or give up. */
export interface SessionEnd {
  welcomed: boolean;
  fatal: string | null;
}

const FATAL_CLOSE_CODES: Record<number, string> = {
  [AgentChannelClose.REVOKED]: 'This host was revoked on the control plane',
  [AgentChannelClose.REPLACED]: 'Another agent with this token connected to the control plane',
};

/**
 * One connection from the agent's side: `hello`, then heartbeats at the interval the control plane
 * gives, answers to its requests. Messages come only from this socket, which the agent dialled
 * itself (it listens on no port), and are checked against the contracts before anything is done.
 */
export class AgentSession {
  private welcomed = false;
  private fatal: string | null = null;
  private intervalSec = 10;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private readonly silence = new SilenceWatchdog();
  private readonly running = new Map<string, AbortController>();
  private readonly out: ChannelOutput = {
    send: (message) => this.send(message),
    bufferedAmount: () => this.ws.bufferedAmount,
    isOpen: () => this.ws.readyState === this.ws.OPEN,
  };
  readonly ended: Promise<SessionEnd>;

  constructor(
    private readonly ws: WebSocket,
    private readonly deps: SessionDeps,
  ) {
    this.ended = new Promise((resolve) =>
      ws.once('close', (code) => {
        this.stopTimers();
        for (const controller of this.running.values()) controller.abort();
        this.deps.hooks?.closed(this.out);
        this.fatal ??= FATAL_CLOSE_CODES[code] ?? null;
        resolve({ welcomed: this.welcomed, fatal: this.fatal });
      }),
    );
    ws.on('message', (raw, isBinary) => this.onRaw(raw, isBinary));
    ws.on('pong', () => this.heard());
    this.send(deps.hello());
    this.watchSilence(deps.welcomeTimeoutMs ?? 15_000);
  }

  private onRaw(raw: WebSocket.RawData, isBinary: boolean): void {
    this.heard();
    let json: unknown;
    try {
      json = isBinary ? null : JSON.parse(rawText(raw));
    } catch {
      json = null;
    }
    const parsed = ControlPlaneMessage.safeParse(json);
    if (!parsed.success) {
      this.deps.logger.warn('ignored a message from the control plane that this agent does not understand');
      return;
    }
    const message = parsed.data;
    switch (message.type) {
      case 'welcome':
        return this.onWelcome(message);
      case 'configure':
        this.setInterval(message.heartbeatIntervalSec);
        this.deps.state.update({ settings: message.settings });
        this.deps.logger.info({ settings: message.settings, heartbeatIntervalSec: this.intervalSec }, 'new settings');
        this.deps.hooks?.configured(message);
        return;
      case 'refused':
        this.fatal = `${message.message} (${message.code})`;
        return;
      case 'request':
        return void this.onRequest(message);
      case 'cancel':
        this.running.get(message.id)?.abort();
        return;
    }
  }

  private onWelcome(welcome: ChannelWelcome): void {
    const known = this.deps.state.get().agentId;
    if (known !== null && known !== welcome.agentId) {
      this.fatal =
        `This data dir belongs to another host (agent ${known}), not to agent ${welcome.agentId}: ` +
        'give this agent a --data-dir of its own';
      this.ws.close(1000, 'wrong data dir');
      return;
    }
    this.deps.state.update({
      agentId: welcome.agentId,
      controlPlane: this.deps.controlPlane,
      settings: welcome.settings,
    });
    this.welcomed = true;
    this.intervalSec = welcome.heartbeatIntervalSec;
    this.deps.logger.info({ agentId: welcome.agentId, name: welcome.name }, 'connected to the control plane');
    this.deps.hooks?.welcomed(welcome, this.out);
    void this.heartbeat();
  }

  /**
   * A new heartbeat interval applies now, not after the beat already waiting with the old delay:
   * the control plane expects the next one within three new intervals, so lowering it from 10 s to
   * 1 s would otherwise have it cut this host off once. One beat goes at once, and the next one a
   * new interval after it. A beat being sampled right now schedules the next one with the new
   * interval by itself.
   */
  private setInterval(sec: number): void {
    const changed = sec !== this.intervalSec;
    this.intervalSec = sec;
    if (!changed || !this.heartbeatTimer) return;
    clearTimeout(this.heartbeatTimer);
    this.heartbeatTimer = setTimeout(() => void this.heartbeat(), 0);
  }

  private async heartbeat(): Promise<void> {
    this.heartbeatTimer = null;
    try {
      const sample = await this.deps.sample();
      this.send({ v: AGENT_CHANNEL_VERSION, type: 'heartbeat', ...sample, timestamp: new Date().toISOString() });
      // A ping per heartbeat: its pong proves the control plane is still there (a half-open TCP
      // connection after a network change would otherwise look alive forever).
      if (this.ws.readyState === this.ws.OPEN) this.ws.ping();
    } catch (err) {
      this.deps.logger.error({ err }, 'heartbeat failed');
    }
    if (this.ws.readyState !== this.ws.OPEN) return;
    this.heartbeatTimer = setTimeout(() => void this.heartbeat(), this.intervalSec * 1000);
  }

  private async onRequest(request: ChannelRequest): Promise<void> {
    const controller = new AbortController();
    this.running.set(request.id, controller);
    try {
      // The control plane gives up after timeoutMs (and sends `cancel`); the agent stops by then too.
      const signal = request.timeoutMs
        ? AbortSignal.any([controller.signal, AbortSignal.timeout(request.timeoutMs)])
        : controller.signal;
      this.send(await answerRequest(this.deps.handlers, request, signal));
    } finally {
      this.running.delete(request.id);
    }
  }

  /** Anything from the control plane (a message, a pong) proves it is alive. */
  private heard(): void {
    if (this.welcomed) this.watchSilence(this.intervalSec * 3000);
  }

  private watchSilence(ms: number): void {
    this.silence.arm(ms, () => {
      this.deps.logger.warn({ silentMs: ms }, 'the control plane went silent; reconnecting');
      this.ws.terminate();
    });
  }

  private stopTimers(): void {
    if (this.heartbeatTimer) clearTimeout(this.heartbeatTimer);
    this.silence.disarm();
  }

  private send(message: AgentMessage): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(JSON.stringify(message));
  }
}

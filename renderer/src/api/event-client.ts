import type { WSEventData, WSEventName } from '@ark-asa/contracts';
import { decodeMessage } from './event-decode.ts';

export type ConnectionState =
  { kind: 'connecting' } | { kind: 'connected' } | { kind: 'reconnecting'; retryAt: number; attempt: number };

type Handler = (data: never) => void;

export interface EventClientOptions {
  url: () => string;
  /** The WebSocket constructor (the browser's; tests pass a fake). */
  WebSocketImpl?: typeof WebSocket;
  /** Reconnect delay after the n-th failure: 1 s, 2 s, 4 s … capped at 30 s (a desktop app keeps trying). */
  maxDelayMs?: number;
  /**
   * With no message for this long the connection is presumed dead (browsers cannot see ping
   * frames). The hub sends `hub:keepalive` every 20 s whatever the heartbeat setting, so only a
   * dead stream stays silent; a slower announced keep-alive stretches it to three of its periods.
   */
  silenceMs?: number;
  now?: () => number;
  log?: Pick<Console, 'warn'>;
}

/**
 * The client side of docs/event-protocol.md: one connection, reconnected with exponential backoff
 * for ever; malformed messages are logged and skipped (event-decode.ts checks what is listened to);
 * after every reconnect `onResync` listeners re-read state over REST, because events are not
 * replayed. Typed `on(name, handler)` subscriptions.
 */
export class EventClient {
  private ws: WebSocket | null = null;
  private attempt = 0;
  private state: ConnectionState = { kind: 'connecting' };
  private readonly handlers = new Map<string, Set<Handler>>();
  private readonly stateListeners = new Set<(s: ConnectionState) => void>();
  private readonly resyncListeners = new Set<() => void>();
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private silenceTimer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  private everConnected = false;
  private announcedKeepAliveMs = 0;
  private lastMessageAt = 0;

  constructor(private readonly opts: EventClientOptions) {}

  connect(): void {
    this.closed = false;
    this.open();
  }

  close(): void {
    this.closed = true;
    this.clearTimers();
    this.ws?.close();
    this.ws = null;
  }

  /** Drops the connection and reconnects at once (e.g. after the access token changed). */
  reconnectNow(): void {
    this.attempt = 0;
    this.ws?.close();
  }

  on<N extends WSEventName>(name: N, handler: (data: WSEventData<N>) => void): () => void {
    const set = this.handlers.get(name) ?? new Set<Handler>();
    const h = handler as Handler;
    set.add(h);
    this.handlers.set(name, set);
    return () => set.delete(h);
  }

  onState(listener: (s: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    listener(this.state);
    return () => this.stateListeners.delete(listener);
  }

  onResync(listener: () => void): () => void {
    this.resyncListeners.add(listener);
    return () => this.resyncListeners.delete(listener);
  }

  get connection(): ConnectionState {
    return this.state;
  }

  private open(): void {
    const Impl = this.opts.WebSocketImpl ?? WebSocket;
    const ws = new Impl(this.opts.url());
    this.ws = ws;
    ws.onopen = () => this.opened(ws);
    ws.onmessage = (msg: MessageEvent) => this.received(msg.data);
    ws.onclose = () => this.lost(ws);
    ws.onerror = () => undefined; // onclose follows and handles it
  }

  private opened(ws: WebSocket): void {
    if (ws !== this.ws) return;
    this.attempt = 0;
    this.setState({ kind: 'connected' });
    this.armSilence();
    if (this.everConnected) for (const l of this.resyncListeners) l();
    this.everConnected = true;
  }

  private received(raw: unknown): void {
    this.armSilence();
    const msg = decodeMessage(raw, (name) => (this.handlers.get(name)?.size ?? 0) > 0);
    if (msg.kind === 'invalid') {
      this.opts.log?.warn(msg.reason, ...(msg.detail === undefined ? [] : [msg.detail]));
    } else if (msg.kind === 'keepalive') {
      this.announcedKeepAliveMs = msg.intervalMs;
      this.armSilence();
    } else if (msg.kind === 'event') {
      for (const handler of this.handlers.get(msg.name) ?? []) handler(msg.data as never);
    }
  }

  private lost(ws: WebSocket): void {
    if (ws !== this.ws || this.closed) return;
    this.ws = null;
    this.clearTimers();
    const delay = Math.min(1000 * 2 ** this.attempt, this.opts.maxDelayMs ?? 30_000);
    this.attempt += 1;
    this.setState({ kind: 'reconnecting', retryAt: this.now() + delay, attempt: this.attempt });
    this.retryTimer = setTimeout(() => this.open(), delay);
  }

  /**
   * Restarts the silence limit. A busy log brings thousands of messages a second, so a message only
   * notes its time; the one timer, when it fires, waits out whatever is left since the last message.
   */
  private armSilence(): void {
    this.lastMessageAt = this.now();
    if (this.silenceTimer) return;
    const ws = this.ws;
    const check = () => {
      const left = this.lastMessageAt + this.silenceMs() - this.now();
      if (left > 0) this.silenceTimer = setTimeout(check, left);
      else {
        this.silenceTimer = null;
        ws?.close();
      }
    };
    this.silenceTimer = setTimeout(check, this.silenceMs());
  }

  private silenceMs(): number {
    return Math.max(this.opts.silenceMs ?? 60_000, 3 * this.announcedKeepAliveMs);
  }

  private clearTimers(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.silenceTimer) clearTimeout(this.silenceTimer);
    this.retryTimer = this.silenceTimer = null;
  }

  private setState(s: ConnectionState): void {
    this.state = s;
    for (const l of this.stateListeners) l(s);
  }

  private now(): number {
    return (this.opts.now ?? Date.now)();
  }
}

/**
 * The shell's /ws subscription: events for the tray (how many servers run) and the sleep blocker.
 * It reconnects by itself (the control plane restarts, or drops a slow client) and re-reads the
 * instance list over REST after each connect, as the protocol asks of every client: events missed
 * while disconnected are not replayed.
 */
import { WebSocket } from 'ws';
import { WSEvent, WSEventName, type InstanceStatus } from '@ark-asa/contracts';
import type { ShellLogger } from './electron-facade.ts';
import { LIVE_STATUSES, type InstanceSummary, type PlaneApiTarget } from './plane-api.ts';

/** The part of a WebSocket the stream uses (the `ws` package's client fits). */
export interface EventSocket {
  on(event: 'open', listener: () => void): unknown;
  on(event: 'message', listener: (data: unknown) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  close(): void;
}

export type OpenSocket = (url: string, headers: Record<string, string>) => EventSocket;

export const openWs: OpenSocket = (url, headers) => new WebSocket(url, { headers });

export interface PlaneEventsDeps {
  target: PlaneApiTarget & { wsUrl(): string };
  /** The instance list over REST, read after each (re)connect. */
  instances(): Promise<InstanceSummary[]>;
  logger: ShellLogger;
  open?: OpenSocket;
  retryMs?: number;
}

export class PlaneEvents {
  private socket: EventSocket | null = null;
  private open = false;
  private closed = false;
  private retry: NodeJS.Timeout | null = null;
  private readonly statuses = new Map<string, InstanceStatus>();
  private readonly listeners = new Set<(event: WSEvent) => void>();
  private readonly runningListeners = new Set<(running: number) => void>();

  constructor(private readonly deps: PlaneEventsDeps) {}

  /** Connected to /ws now. */
  get connected(): boolean {
    return this.open;
  }

  /** Servers with a live process, as last heard. */
  running(): number {
    let n = 0;
    for (const status of this.statuses.values()) if (LIVE_STATUSES.includes(status)) n += 1;
    return n;
  }

  subscribe(listener: (event: WSEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called whenever the running count may have changed (also with an unchanged count). */
  onRunningChanged(listener: (running: number) => void): () => void {
    this.runningListeners.add(listener);
    return () => this.runningListeners.delete(listener);
  }

  connect(): void {
    this.closed = false;
    this.open = false;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    this.socket?.close();
    const headers: Record<string, string> = {};
    const token = this.deps.target.token();
    if (token) headers.authorization = `Bearer ${token}`;
    const socket = (this.deps.open ?? openWs)(this.deps.target.wsUrl(), headers);
    this.socket = socket;
    socket.on('open', () => {
      this.open = true;
      void this.resync();
    });
    socket.on('message', (data) => this.onMessage(data));
    socket.on('error', (err) => this.deps.logger.warn({ err }, 'the control plane event stream failed'));
    socket.on('close', () => {
      if (this.socket !== socket || this.closed) return;
      this.open = false;
      this.socket = null;
      this.retry = setTimeout(() => this.connect(), this.deps.retryMs ?? 1000);
      this.retry.unref();
    });
  }

  close(): void {
    this.closed = true;
    this.open = false;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    this.socket?.close();
    this.socket = null;
  }

  /** Re-reads the instance list (after a connect, or when a caller needs a fresh count). */
  async resync(): Promise<number> {
    try {
      const list = await this.deps.instances();
      this.statuses.clear();
      for (const i of list) this.statuses.set(i.id, i.status);
      this.notifyRunning();
    } catch (err) {
      this.deps.logger.warn({ err }, 'could not read the instance list');
    }
    return this.running();
  }

  private onMessage(data: unknown): void {
    let parsed: ReturnType<typeof WSEvent.safeParse>;
    try {
      parsed = WSEvent.safeParse(JSON.parse(String(data)));
    } catch {
      return;
    }
    // An event of a newer control plane than this shell knows is not an error.
    if (!parsed.success) return;
    const event = parsed.data;
    if (event.event === WSEventName.INSTANCE_STATUS_CHANGED)
      this.statuses.set(event.data.instanceId, event.data.status);
    else if (event.event === WSEventName.INSTANCE_CREATED)
      this.statuses.set(event.data.instanceId, event.data.instance.status);
    else if (event.event === WSEventName.INSTANCE_DELETED) this.statuses.delete(event.data.instanceId);
    for (const listener of this.listeners) listener(event);
    if (
      event.event === WSEventName.INSTANCE_STATUS_CHANGED ||
      event.event === WSEventName.INSTANCE_CREATED ||
      event.event === WSEventName.INSTANCE_DELETED
    )
      this.notifyRunning();
  }

  private notifyRunning(): void {
    const running = this.running();
    for (const listener of this.runningListeners) listener(running);
  }
}

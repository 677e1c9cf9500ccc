import { HubKeepAlive, WSEvent, type WSEventData, type WSEventName } from '@ark-asa/contracts';
import WebSocket from 'ws';

type Received = WSEvent;

/**
 * A real /ws client that records every message, checks each against the protocol's schema and
 * lets a test wait for the event it expects.
 */
export class TestWsClient {
  readonly events: Received[] = [];
  readonly invalid: unknown[] = [];
  /** The hub's `hub:keepalive` messages (not events; counted, not recorded). */
  keepAlives = 0;
  closed = false;
  private waiters: { match: (e: Received) => boolean; resolve: (e: Received) => void }[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (raw: Buffer) => this.onMessage(raw.toString('utf8')));
    ws.on('close', () => (this.closed = true));
  }

  static async connect(url: string, headers: Record<string, string> = {}): Promise<TestWsClient> {
    const ws = new WebSocket(url, { headers });
    // Listen before the handshake completes: events sent on connect (start-up announcements) count.
    const client = new TestWsClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    });
    return client;
  }

  /** Resolves with the first event (already received or future) of that name matching `where`. */
  waitFor<N extends WSEventName>(
    name: N,
    where: (data: WSEventData<N>) => boolean = () => true,
    timeoutMs = 15_000,
  ): Promise<WSEventData<N>> {
    const match = (e: Received) => e.event === name && where(e.data as WSEventData<N>);
    const seen = this.events.find(match);
    if (seen) return Promise.resolve(seen.data as WSEventData<N>);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`No ${name} event within ${timeoutMs} ms${this.context(name)}`)),
        timeoutMs,
      );
      this.waiters.push({
        match,
        resolve: (e) => {
          clearTimeout(timer);
          resolve(e.data as WSEventData<N>);
        },
      });
    });
  }

  of<N extends WSEventName>(name: N): WSEventData<N>[] {
    return this.events.filter((e) => e.event === name).map((e) => e.data as WSEventData<N>);
  }

  /** What a timeout message adds, so that a failure on CI says what did arrive. */
  private context(name: WSEventName): string {
    const last = this.events
      .filter((e) => e.event === name)
      .slice(-3)
      .map((e) => JSON.stringify(e.data).slice(0, 300));
    const state = `${this.events.length} events, ${this.invalid.length} invalid${this.closed ? ', socket closed' : ''}`;
    return ` (${state}; the last ${name} events: ${last.length ? last.join(' | ') : 'none'})`;
  }

  close(): void {
    this.ws.close();
  }

  private onMessage(text: string): void {
    const json = JSON.parse(text) as unknown;
    if (HubKeepAlive.safeParse(json).success) {
      this.keepAlives += 1;
      return;
    }
    const parsed = WSEvent.safeParse(json);
    if (!parsed.success) {
      this.invalid.push(text);
      return;
    }
    this.events.push(parsed.data);
    const ready = this.waiters.filter((w) => w.match(parsed.data));
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const w of ready) w.resolve(parsed.data);
  }
}

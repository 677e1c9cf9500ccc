import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventClient, type ConnectionState } from './event-client.ts';

/** A scripted WebSocket: the test opens, feeds and closes it. */
class FakeSocket {
  static all: FakeSocket[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((m: { data: unknown }) => void) | null = null;
  onclose: (() => void) | null = null;
  onerror: (() => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  close() {
    if (this.closed) return;
    this.closed = true;
    this.onclose?.();
  }
  open() {
    this.onopen?.();
  }
  send(data: unknown) {
    this.onmessage?.({ data });
  }
}

const last = () => FakeSocket.all.at(-1)!;
const heartbeat = () =>
  JSON.stringify({
    event: 'agent:offline',
    data: { agentId: '4c1a0cb1-0f3e-4c39-9d2a-6b7f2f3e0a11', reason: 'x', timestamp: new Date().toISOString() },
  });

let states: ConnectionState[];
let warn: ReturnType<typeof vi.fn<(...args: unknown[]) => void>>;
function client() {
  warn = vi.fn<(...args: unknown[]) => void>();
  const c = new EventClient({
    url: () => 'ws://x/ws',
    WebSocketImpl: FakeSocket as unknown as typeof WebSocket,
    log: { warn },
    now: () => Date.now(),
  });
  c.onState((s) => states.push(s));
  c.connect();
  return c;
}

beforeEach(() => {
  vi.useFakeTimers();
  FakeSocket.all = [];
  states = [];
});
afterEach(() => vi.useRealTimers());

describe('EventClient', () => {
  it('reconnects with exponential backoff capped at 30 s, for ever', () => {
    const c = client();
    const delays: number[] = [];
    for (let i = 0; i < 8; i += 1) {
      const before = Date.now();
      last().close();
      const s = c.connection;
      expect(s.kind).toBe('reconnecting');
      if (s.kind === 'reconnecting') delays.push(s.retryAt - before);
      vi.advanceTimersByTime(s.kind === 'reconnecting' ? s.retryAt - before : 0);
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
    expect(FakeSocket.all).toHaveLength(9);
  });

  it('resets the backoff once connected, and asks to re-read state after a reconnect (not the first connect)', () => {
    const c = client();
    const resync = vi.fn();
    c.onResync(resync);
    last().open();
    expect(resync).not.toHaveBeenCalled();
    last().close();
    vi.advanceTimersByTime(1000);
    last().open();
    expect(resync).toHaveBeenCalledTimes(1);
    expect(c.connection).toEqual({ kind: 'connected' });
    last().close();
    expect(c.connection.kind === 'reconnecting' && c.connection.attempt).toBe(1);
  });

  it('logs and skips malformed messages and keeps delivering the good ones', () => {
    const c = client();
    const got = vi.fn();
    c.on('agent:offline', got);
    last().open();
    last().send('not json {');
    last().send(JSON.stringify({ event: 'agent:offline', data: { agentId: 'nope' } }));
    last().send(heartbeat());
    expect(warn).toHaveBeenCalledTimes(2);
    expect(got).toHaveBeenCalledTimes(1);
    expect(last().closed).toBe(false);
  });

  it('rejects a malformed event that is listened to, and ignores unknown event names without a warning', () => {
    const c = client();
    const got = vi.fn();
    c.on('instance:log', got);
    last().open();
    const line = { instanceId: '4c1a0cb1-0f3e-4c39-9d2a-6b7f2f3e0a11', seq: 1, level: 'INFO', source: 'server' };
    const timestamp = new Date().toISOString();
    last().send(JSON.stringify({ event: 'instance:log', data: { ...line, message: 'ok', timestamp } }));
    last().send(JSON.stringify({ event: 'instance:log', data: { ...line, message: 42, timestamp } }));
    last().send(JSON.stringify({ event: 'instance:log', data: { ...line, message: 'no time' } }));
    last().send(JSON.stringify({ event: 'some:future_event', data: {} }));
    expect(got).toHaveBeenCalledTimes(1);
    expect(got).toHaveBeenCalledWith(expect.objectContaining({ seq: 1, message: 'ok' }));
    expect(warn).toHaveBeenCalledTimes(2);
  });

  it('treats a silent connection as dead (browsers cannot see pings) and reconnects', () => {
    const c = client();
    last().open();
    vi.advanceTimersByTime(59_000);
    last().send(heartbeat());
    vi.advanceTimersByTime(59_000);
    expect(c.connection.kind).toBe('connected');
    vi.advanceTimersByTime(2_000);
    expect(c.connection.kind).toBe('reconnecting');
  });

  it('stays connected on the hub keep-alive alone, without any event, and does not warn about it', () => {
    const c = client();
    const resync = vi.fn();
    c.onResync(resync);
    last().open();
    const keepAlive = () =>
      JSON.stringify({ event: 'hub:keepalive', data: { sentAt: new Date().toISOString(), intervalMs: 20_000 } });
    // Ten idle minutes, as with a one-hour heartbeat: only keep-alives arrive.
    for (let i = 0; i < 30; i += 1) {
      vi.advanceTimersByTime(20_000);
      last().send(keepAlive());
    }
    expect(c.connection.kind).toBe('connected');
    expect(FakeSocket.all).toHaveLength(1);
    expect(resync).not.toHaveBeenCalled();
    expect(warn).not.toHaveBeenCalled();
  });

  it('stretches the silence limit to three announced keep-alive periods', () => {
    const c = client();
    last().open();
    last().send(
      JSON.stringify({ event: 'hub:keepalive', data: { sentAt: new Date().toISOString(), intervalMs: 40_000 } }),
    );
    vi.advanceTimersByTime(110_000);
    expect(c.connection.kind).toBe('connected');
    vi.advanceTimersByTime(11_000);
    expect(c.connection.kind).toBe('reconnecting');
  });

  it('stops for good when closed', () => {
    const c = client();
    last().open();
    c.close();
    vi.advanceTimersByTime(120_000);
    expect(FakeSocket.all).toHaveLength(1);
  });
});

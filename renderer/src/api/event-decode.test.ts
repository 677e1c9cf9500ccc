import { describe, expect, it } from 'vitest';
import { decodeMessage } from './event-decode.ts';

const ID = '4c1a0cb1-0f3e-4c39-9d2a-6b7f2f3e0a11';
const logLine = (over: Record<string, unknown> = {}) =>
  JSON.stringify({
    event: 'instance:log',
    data: {
      instanceId: ID,
      seq: 7,
      level: 'INFO',
      source: 'server',
      message: 'LogWorld: Full Startup',
      timestamp: '2026-12-06T04:00:00.000Z',
      ...over,
    },
  });
const all = () => true;

describe('decodeMessage', () => {
  it('hands over a valid event that is listened to, with its payload checked', () => {
    const d = decodeMessage(logLine(), all);
    expect(d).toEqual({
      kind: 'event',
      name: 'instance:log',
      data: expect.objectContaining({ seq: 7, message: 'LogWorld: Full Startup' }),
    });
  });

  it('rejects a listened-to event whose payload breaks the contract', () => {
    for (const bad of [{ seq: -1 }, { seq: 'x' }, { level: 'LOUD' }, { instanceId: 'nope' }, { timestamp: 'today' }]) {
      const d = decodeMessage(logLine(bad), all);
      expect(d.kind, JSON.stringify(bad)).toBe('invalid');
      if (d.kind === 'invalid') expect(d.reason).toContain('instance:log');
    }
    expect(decodeMessage(JSON.stringify({ event: 'instance:log', data: {} }), all).kind).toBe('invalid');
  });

  it('rejects what is not JSON or not an {event, data} envelope', () => {
    for (const raw of ['not json {', '[]', '42', '{"event":1,"data":{}}', '{"event":"instance:log"}', '{"data":{}}'])
      expect(decodeMessage(raw, all).kind, raw).toBe('invalid');
  });

  it('ignores, unchecked, events nobody listens to and names it does not know (V1 may add events)', () => {
    expect(decodeMessage(logLine({ seq: 'x' }), (name) => name !== 'instance:log')).toEqual({ kind: 'ignored' });
    expect(decodeMessage(JSON.stringify({ event: 'host:new_thing', data: { x: 1 } }), all)).toEqual({
      kind: 'ignored',
    });
    // Object.prototype names are not event names.
    expect(decodeMessage(JSON.stringify({ event: 'toString', data: {} }), all)).toEqual({ kind: 'ignored' });
  });

  it('reads the keep-alive and rejects a malformed one', () => {
    const keepAlive = (intervalMs: unknown) =>
      JSON.stringify({ event: 'hub:keepalive', data: { sentAt: '2026-12-06T04:00:00.000Z', intervalMs } });
    expect(decodeMessage(keepAlive(20_000), all)).toEqual({ kind: 'keepalive', intervalMs: 20_000 });
    expect(decodeMessage(keepAlive(-5), all).kind).toBe('invalid');
  });
});

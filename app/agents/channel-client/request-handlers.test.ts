import type { ChannelRequest } from '@ark-asa/contracts';
import { describe, expect, it } from 'vitest';
import { RelayError } from './http-relay.ts';
import { answerRequest, defaultHandlers, type RequestHandlers } from './request-handlers.ts';

const request = (method: string, params: unknown = {}): ChannelRequest => ({
  v: 1,
  type: 'request',
  id: 'r1',
  method,
  params,
});

/** Never answers on its own: only an abort ends it. */
const waitsForAbort = (_params: unknown, signal: AbortSignal) =>
  new Promise<never>((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));

describe('answering channel requests', () => {
  const handlers: RequestHandlers = {
    ...defaultHandlers(),
    slow: waitsForAbort,
    failing: () => Promise.reject(new RelayError('agent-starting', 'The host is still starting')),
  };

  it('answers ping, an unknown method, bad params and a handler error with its code', async () => {
    const live = new AbortController().signal;
    expect(await answerRequest(handlers, request('ping'), live)).toMatchObject({ ok: true, result: { pong: true } });
    expect(await answerRequest(handlers, request('nope'), live)).toMatchObject({
      ok: false,
      error: { code: 'unsupported-method' },
    });
    expect(await answerRequest({ http: waitsForAbort }, request('http', { path: '/x' }), live)).toMatchObject({
      ok: false,
      error: { code: 'validation-failed' },
    });
    expect(await answerRequest(handlers, request('failing'), live)).toMatchObject({
      ok: false,
      error: { code: 'agent-starting', message: 'The host is still starting' },
    });
  });

  it('tells a cancel from a timeout', async () => {
    const cancel = new AbortController();
    const cancelled = answerRequest(handlers, request('slow'), cancel.signal);
    cancel.abort();
    expect(await cancelled).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    const timedOut = await answerRequest(handlers, request('slow'), AbortSignal.timeout(20));
    expect(timedOut).toMatchObject({ ok: false, error: { code: 'timeout' } });
  });
});

import { HUB_KEEPALIVE, HubKeepAlive, WSEventSchemas, type WSEventData, type WSEventName } from '@ark-asa/contracts';

export type Decoded =
  | { kind: 'keepalive'; intervalMs: number }
  | { kind: 'event'; name: WSEventName; data: WSEventData<WSEventName> }
  /** A well-formed message nobody listens to, or an event name this client does not know (V1 may add some). */
  | { kind: 'ignored' }
  | { kind: 'invalid'; reason: string; detail?: unknown };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const isEventName = (name: string): name is WSEventName => Object.hasOwn(WSEventSchemas, name);

/**
 * One /ws text frame to what the client acts on. The envelope is checked by hand and only the
 * payload of an event someone listens to goes through its own schema. Trying the keep-alive schema
 * and then the 14-way union on every message cost about 21 µs per log line, 16 µs of it the failed
 * keep-alive parse (a failed zod parse builds issue objects); the payload's schema alone takes
 * about 2 µs (Node, zod jitless as in the page, whose CSP forbids eval). A busy console brings
 * thousands of messages a second.
 */
export function decodeMessage(raw: unknown, wanted: (name: WSEventName) => boolean): Decoded {
  let parsed: unknown;
  try {
    parsed = JSON.parse(String(raw));
  } catch {
    return { kind: 'invalid', reason: 'Skipped a /ws message that is not JSON' };
  }
  if (!isObject(parsed) || typeof parsed['event'] !== 'string' || !isObject(parsed['data']))
    return { kind: 'invalid', reason: 'Skipped a /ws message that is not an {event, data} object' };
  const name = parsed['event'];
  if (name === HUB_KEEPALIVE) {
    const keepAlive = HubKeepAlive.safeParse(parsed);
    return keepAlive.success
      ? { kind: 'keepalive', intervalMs: keepAlive.data.data.intervalMs }
      : { kind: 'invalid', reason: 'Skipped a malformed hub:keepalive', detail: keepAlive.error.issues[0] };
  }
  // The protocol asks clients to ignore names they do not know; an unheard event needs no checking.
  if (!isEventName(name) || !wanted(name)) return { kind: 'ignored' };
  const data = WSEventSchemas[name].safeParse(parsed['data']);
  if (!data.success)
    return {
      kind: 'invalid',
      reason: `Skipped a ${name} message that does not match the protocol`,
      detail: data.error.issues[0],
    };
  return { kind: 'event', name, data: data.data };
}

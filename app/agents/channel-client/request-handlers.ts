import {
  AGENT_CHANNEL_VERSION,
  AgentRequestMethods,
  type AgentResponse,
  type ChannelRequest,
} from '@ark-asa/contracts';

/** A handler per request method; it gets the parsed params and an abort signal (a `cancel`). */
export type RequestHandler = (params: unknown, signal: AbortSignal) => Promise<unknown>;
export type RequestHandlers = Record<string, RequestHandler>;

/** The methods of phase 1 (docs/agent-channel.md#requests). */
export function defaultHandlers(): RequestHandlers {
  return {
    ping: () => Promise.resolve({ pong: true, agentTime: new Date().toISOString() }),
  };
}

/** Runs one request and builds its one response; nothing a handler throws escapes. */
export async function answerRequest(
  handlers: RequestHandlers,
  request: ChannelRequest,
  signal: AbortSignal,
): Promise<AgentResponse> {
  const base = { v: AGENT_CHANNEL_VERSION, type: 'response', id: request.id } as const;
  const handler = Object.hasOwn(handlers, request.method) ? handlers[request.method] : undefined;
  if (!handler) {
    return {
      ...base,
      ok: false,
      error: { code: 'unsupported-method', message: `This agent does not know the request "${request.method}"` },
    };
  }
  const schema = (AgentRequestMethods as Record<string, { params: { safeParse(v: unknown): { success: boolean } } }>)[
    request.method
  ]?.params;
  if (schema && !schema.safeParse(request.params).success) {
    return {
      ...base,
      ok: false,
      error: { code: 'validation-failed', message: `Invalid params for ${request.method}` },
    };
  }
  try {
    return { ...base, ok: true, result: await handler(request.params, signal) };
  } catch (err) {
    if (signal.aborted) return { ...base, ok: false, error: abortError(signal) };
    const code = (err as { code?: unknown }).code;
    return {
      ...base,
      ok: false,
      error: {
        code: typeof code === 'string' ? code.slice(0, 64) : 'internal-error',
        message: String((err as Error).message ?? err).slice(0, 4000),
      },
    };
  }
}

/** Why a request stopped: its own `timeoutMs` ran out, or the control plane sent `cancel`. */
function abortError(signal: AbortSignal): { code: string; message: string } {
  const reason: unknown = signal.reason;
  if (reason instanceof DOMException && reason.name === 'TimeoutError') {
    return { code: 'timeout', message: 'The request took longer than the control plane allowed' };
  }
  return { code: 'cancelled', message: 'Cancelled' };
}

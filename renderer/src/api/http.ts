import {
  apiRoutes,
  ErrorEnvelope,
  type ApiRouteName,
  type ApiRoutes,
  type FieldError,
  type RouteDef,
} from '@ark-asa/contracts';
import type { z } from 'zod';
import { getToken } from './auth.ts';

/** A failed API call: the envelope's code and message, and the bad fields of a 400. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The message for one field (dotted path), for showing it next to the input. */
  fieldMessage(field: string): string | undefined {
    return this.fields.find((f) => f.field === field)?.message;
  }
}

type In<S> = S extends z.ZodType ? z.input<S> : never;
type Success<R extends RouteDef> = R['responses'][Extract<keyof R['responses'], 200 | 201 | 202 | 204>];

/** What calling route R takes: its path params, query and body, each only when the route has one. */
export type CallInput<R extends RouteDef> = (R['params'] extends z.ZodType
  ? { params: In<R['params']> }
  : { params?: never }) &
  (R['query'] extends z.ZodType ? { query?: Partial<In<R['query']>> } : { query?: never }) &
  (R['body'] extends z.ZodType
    ? undefined extends In<R['body']>
      ? { body?: In<R['body']> }
      : { body: In<R['body']> }
    : { body?: never });

export type CallOutput<R extends RouteDef> = Success<R> extends z.ZodType ? z.output<Success<R>> : undefined;

/** Path and query values are ids, numbers and enum strings; nothing else belongs in a URL. */
function scalar(v: unknown): string {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}

function buildUrl(route: RouteDef, params?: Record<string, unknown>, query?: Record<string, unknown>): string {
  const path = route.path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(scalar(params?.[name])));
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null && v !== '') qs.set(k, scalar(v));
  return qs.size ? `${path}?${qs.toString()}` : path;
}

/** A failed answer as an ApiError: the envelope's code, message and fields when it is one. */
export async function toError(res: Response): Promise<ApiError> {
  const parsed = ErrorEnvelope.safeParse(await res.json().catch(() => null));
  if (!parsed.success) return new ApiError(res.status, 'http-error', `The manager answered ${res.status}`);
  const { code, message, details } = parsed.data.error;
  const fields = (details as { fields?: FieldError[] } | undefined)?.fields ?? [];
  return new ApiError(res.status, code, message, fields);
}

/**
 * Calls one route of the contract by name: `call('getInstance', { params: { id } })`. Paths, query
 * strings, bodies and results are typed by the same zod schemas the server validates with.
 */
export async function call<N extends ApiRouteName>(
  name: N,
  input: CallInput<ApiRoutes[N]>,
  /** `signal`: TanStack Query's, so that a read it drops (an event made it stale) stops downloading. */
  options: { signal?: AbortSignal } = {},
): Promise<CallOutput<ApiRoutes[N]>> {
  const route: RouteDef = apiRoutes[name];
  const { params, query, body } = input as {
    params?: Record<string, unknown>;
    query?: Record<string, unknown>;
    body?: unknown;
  };
  const headers: Record<string, string> = {};
  const token = getToken();
  if (token) headers.authorization = `Bearer ${token}`;
  let payload: string | undefined;
  if (body !== undefined) {
    headers['content-type'] = route.contentType === 'text' ? 'text/plain; charset=utf-8' : 'application/json';
    payload = route.contentType === 'text' && typeof body === 'string' ? body : JSON.stringify(body);
  }
  let res: Response;
  try {
    const init = { method: route.method.toUpperCase(), headers, body: payload, signal: options.signal };
    res = await fetch(buildUrl(route, params, query), init);
  } catch (err) {
    // Dropped on purpose, not unreachable: the caller (TanStack Query) already ignores this read.
    if (options.signal?.aborted) throw err;
    throw new ApiError(0, 'offline', 'The manager cannot be reached; it may be restarting');
  }
  if (!res.ok) throw await toError(res);
  if (res.status === 204) return undefined as CallOutput<ApiRoutes[N]>;
  return (route.contentType === 'text' ? await res.text() : await res.json()) as CallOutput<ApiRoutes[N]>;
}

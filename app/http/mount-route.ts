import type { Request, Response, Router } from 'express';
import type { RouteDef, RouteInput, RouteOutput } from '@ark-asa/contracts';
import type { z } from 'zod';
import { AppError } from '../domain/app-error.ts';
import { fieldErrors } from './errors.ts';
import { GZIP_MIN_BYTES, acceptsGzip, gzipCopyOf } from './gzip-copies.ts';

/**
 * A response already serialized, sent as is instead of through `res.json`: for a hot list route whose
 * store writes the JSON itself. `T` is the value the text encodes, so it stays checked against the route.
 */
export class JsonText<T = unknown> {
  declare readonly encodes?: T;
  /** The JSON as text, or already as its UTF-8 bytes (a page kept by the store's PageCache). */
  constructor(readonly body: string | Buffer) {}
}

type HandlerResult<R extends RouteDef> = RouteOutput<R> | JsonText<RouteOutput<R>>;

export type RouteHandler<R extends RouteDef> = (
  input: RouteInput<R>,
  req: Request,
  res: Response,
) => Promise<HandlerResult<R>> | HandlerResult<R>;

export interface MountOptions {
  /** Check every response against its schema (tests): contract drift fails loudly instead of reaching clients. */
  strictResponses?: boolean;
}

function parsePart(schema: z.ZodType | undefined, value: unknown, errors: ReturnType<typeof fieldErrors>): unknown {
  if (!schema) return undefined;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  errors.push(...fieldErrors(parsed.error));
  return undefined;
}

/**
 * Mounts one route of the contract: params, query and body validated by their schemas (every bad
 * field named in one 400), the handler called with typed input, its result sent with the route's
 * success status. Express 5 forwards rejected promises to the error handler.
 */
export function mountRoute<R extends RouteDef>(
  router: Router,
  route: R,
  handler: RouteHandler<R>,
  opts: MountOptions = {},
): void {
  const status = Number(Object.keys(route.responses).find((s) => Number(s) < 300) ?? 200);
  router[route.method](route.path, async (req: Request, res: Response) => {
    const errors: ReturnType<typeof fieldErrors> = [];
    const input = {
      params: parsePart(route.params, req.params, errors),
      query: parsePart(route.query, req.query, errors),
      body: parsePart(route.body, route.contentType === 'text' ? req.body : (req.body ?? {}), errors),
    } as RouteInput<R>;
    if (errors.length) throw AppError.validation(errors);
    const result = handler(input, req, res);
    // Most handlers answer at once (a kept page): no extra turn of the microtask queue for them.
    const output = result instanceof Promise ? await result : result;
    if (res.headersSent) return;
    const schema = route.responses[status];
    if (opts.strictResponses && schema)
      schema.parse(output instanceof JsonText ? JSON.parse(output.body.toString()) : output);
    if (status === 204 || schema === null) res.status(status).end();
    else if (output instanceof JsonText) sendJsonText(res.status(status), output.body);
    else if (route.contentType === 'text') res.status(status).type('text/plain; charset=utf-8').send(String(output));
    // What res.json does without json spaces, replacer or escape (none is set): stringify, then send.
    else if (output !== undefined) sendJsonText(res.status(status), JSON.stringify(output));
    else res.status(status).json(output);
  });
}

/**
 * What `res.json` does once it has the text: the same headers, the same bytes. The common case
 * (a 200 with no Content-Type yet, no conditional request) is written straight to the response:
 * `res.send` re-parses and re-formats the Content-Type, copies a text over 1,000 characters into a
 * Buffer first and checks freshness, which cost a few percent of a list route. Anything else still
 * goes through `res.send`, so HEAD, 304 (express answers `If-None-Match: *` with one) and 204 keep
 * express's behaviour. A kept page (bytes) of 1 KB or more also goes gzipped to a client that
 * accepts it, from a copy made once per page (gzip-copies.ts).
 */
function sendJsonText(res: Response, json: string | Buffer): void {
  const { headers, method } = res.req;
  const plain =
    res.statusCode === 200 &&
    method === 'GET' &&
    !res.hasHeader('content-type') &&
    headers['if-none-match'] === undefined &&
    headers['if-modified-since'] === undefined;
  if (!plain) {
    if (!res.get('Content-Type')) res.set('Content-Type', 'application/json');
    // As text, so that express adds the charset to the type as it does for res.json.
    res.send(json.toString());
    return;
  }
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  if (typeof json === 'string' || json.length < GZIP_MIN_BYTES) {
    res.setHeader('Content-Length', typeof json === 'string' ? Buffer.byteLength(json) : json.length);
    res.end(json);
    return;
  }
  // A kept page (bytes): gzipped once for every client that accepts it, browsers and fetch alike.
  // Caches must keep the two answers apart, the plain one too. res.vary parses and merges the header
  // (about 1 µs of a kept page); it is needed only when something set a Vary already.
  if (res.hasHeader('vary')) res.vary('Accept-Encoding');
  else res.setHeader('Vary', 'Accept-Encoding');
  const body = acceptsGzip(res.req) ? gzipCopyOf(json) : json;
  if (body !== json) res.setHeader('Content-Encoding', 'gzip');
  res.setHeader('Content-Length', body.length);
  res.end(body);
}

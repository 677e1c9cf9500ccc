import type { z } from 'zod';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * One REST route as data: path, schemas of what goes in and what comes out. The server mounts it
 * (validation included), the OpenAPI document is generated from it, and clients can type their
 * calls with it — one definition, three uses (the ts-rest idea without the framework).
 */
export interface RouteDef {
  method: HttpMethod;
  /** express syntax: `/api/v1/instances/:id` */
  path: string;
  summary: string;
  tag: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /**
   * `text` routes take and give `text/plain` (the raw INI files). `zip` routes take a raw zip
   * (`application/zip` or `application/octet-stream`, read as a stream by their handler, no `body`
   * schema) and answer JSON.
   */
  contentType?: 'json' | 'text' | 'zip';
  /** status → schema of the body; `null` for an empty body. Errors use ErrorEnvelope implicitly. */
  responses: Record<number, z.ZodType | null>;
}

export function defineRoute<const R extends RouteDef>(route: R): R {
  return route;
}

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What a handler of route R receives after validation. */
export interface RouteInput<R extends RouteDef> {
  params: Parsed<R['params']>;
  query: Parsed<R['query']>;
  body: Parsed<R['body']>;
}

type SuccessStatus<R extends RouteDef> = Extract<keyof R['responses'], 200 | 201 | 202 | 204>;

/** The body a handler of route R returns: the schema of its first success status. */
export type RouteOutput<R extends RouteDef> = R['responses'][SuccessStatus<R>] extends infer S
  ? S extends z.ZodType
    ? z.input<S>
    : undefined
  : never;

import type { RequestHandler, Response } from 'express';

/**
 * The headers a middleware sets when they never depend on the request (helmet's, with options that
 * name no function), worked out once and then set on every answer. Helmet runs eleven middlewares
 * in a chain for them on each call. Throws if the middleware does anything else (answers, fails or
 * waits), so a later option that needs the request cannot be taken this way by mistake.
 */
export function fixedHeaders(middleware: RequestHandler): RequestHandler {
  const headers = new Map<string, string | number | readonly string[]>();
  const removed = new Set<string>();
  let done = false;
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => headers.set(name, value),
    removeHeader: (name: string) => {
      headers.delete(name);
      removed.add(name);
    },
  } as unknown as Response;
  let failure: unknown;
  void middleware({} as never, recorder, (err?: unknown) => {
    failure = err;
    done = true;
  });
  if (failure instanceof Error) throw failure;
  if (failure) throw new Error('fixedHeaders: the middleware failed');
  if (!done) throw new Error('fixedHeaders: the middleware did not set its headers at once and go on');
  const entries = [...headers];
  const removals = [...removed];
  return (_req, res, next) => {
    // X-Powered-By, which express is told not to set: nothing to remove unless something set it.
    for (const name of removals) if (res.hasHeader(name)) res.removeHeader(name);
    for (const [name, value] of entries) res.setHeader(name, value);
    next();
  };
}

import type { RequestHandler } from 'express';

/**
 * Express middlewares run in turn as one: a single layer of express's router instead of one each.
 * The router's pass over a layer (its path match, params, a closure or two and a debug call) cost
 * about a microsecond and a kilobyte of garbage on every API call, for layers that mostly look at a
 * header and go on (bench/README.md). A middleware's error, thrown or rejected, goes to `next` as
 * express would send it; the middlewares after it are skipped. None of these calls `next('route')`.
 */
export function series(...handlers: RequestHandler[]): RequestHandler {
  return (req, res, next) => {
    let at = 0;
    const step = (err?: unknown): void => {
      if (err) return next(err);
      const handler = handlers[at++];
      if (!handler) return next();
      try {
        const result: unknown = handler(req, res, step);
        // Express 5 awaits what a middleware returns: a rejection is its error (agent forwarding's),
        // and one with no value (or a falsy one) still is.
        if (result instanceof Promise) result.catch((e: unknown) => next(e || new Error('Rejected promise')));
      } catch (e) {
        next(e);
      }
    };
    step();
  };
}

import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type RequestHandler } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { series } from './series.ts';

/**
 * series(a, b, c) must behave as app.use(a, b, c): each in turn, on to the next layer after the
 * last, and a failure (passed, thrown or rejected) straight to the error handler, skipping the rest.
 */
let server: http.Server;
let base = '';

const mark =
  (name: string): RequestHandler =>
  (req, _res, next) => {
    req.headers['x-trail'] = `${String(req.headers['x-trail'] ?? '')}${name}`;
    next();
  };
const byQuery: RequestHandler = (req, _res, next) => {
  const how = req.query.fail;
  if (how === 'pass') return next(new Error('passed'));
  if (how === 'throw') throw new Error('thrown');
  if (how === 'reject') return Promise.reject(new Error('rejected'));
  // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- what express must still take as a failure
  if (how === 'reject-empty') return Promise.reject(0);
  if (how === 'later') return Promise.resolve().then(() => next());
  next();
};

beforeAll(async () => {
  const app = express();
  for (const [prefix, handlers] of [
    ['/series', [series(mark('a'), byQuery, mark('b'))]],
    ['/layers', [mark('a'), byQuery, mark('b')]],
  ] as const) {
    app.use(prefix, ...handlers);
    app.use(prefix, (req, res) => void res.json({ trail: req.headers['x-trail'] }));
  }
  app.use(
    ((err, req, res, _next) =>
      void res
        .status(500)
        .json({ error: (err as Error).message, trail: req.headers['x-trail'] })) as express.ErrorRequestHandler,
  );
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function ask(prefix: string, query: string) {
  const res = await fetch(`${base}${prefix}/x${query}`);
  return { status: res.status, body: await res.json() };
}

describe('series', () => {
  it.each(['', '?fail=pass', '?fail=throw', '?fail=reject', '?fail=reject-empty', '?fail=later'])(
    'answers %j as the same middlewares as layers do',
    async (query) => {
      const layers = await ask('/layers', query);
      expect(await ask('/series', query)).toEqual(layers);
      // What the layers do, so that the comparison cannot pass on two broken answers.
      if (query === '' || query === '?fail=later') expect(layers).toEqual({ status: 200, body: { trail: 'ab' } });
      else expect(layers).toEqual({ status: 500, body: { error: expect.any(String), trail: 'a' } });
    },
  );
});

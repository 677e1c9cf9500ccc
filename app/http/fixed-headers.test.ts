import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type RequestHandler } from 'express';
import helmet from 'helmet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedHeaders } from './fixed-headers.ts';

/** The manager's helmet options (http-app.ts), and helmet's defaults. */
const OPTIONS: Parameters<typeof helmet>[0][] = [
  {
    strictTransportSecurity: false,
    contentSecurityPolicy: { directives: { upgradeInsecureRequests: null, connectSrc: ["'self'", 'ws:', 'wss:'] } },
  },
  {},
];

let server: http.Server;
let base = '';

beforeAll(async () => {
  const app = express();
  OPTIONS.forEach((options, i) => {
    for (const [kind, middleware] of [
      ['helmet', helmet(options)],
      ['fixed', fixedHeaders(helmet(options))],
    ] as const) {
      const router = express.Router();
      // Express's own X-Powered-By is on here: helmet removes it, and so must the fixed copy.
      router.use(middleware, (_req, res) => void res.json({ ok: true }));
      app.use(`/${kind}/${i}`, router);
    }
  });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function headersOf(path: string, init?: RequestInit): Promise<Record<string, string>> {
  const res = await fetch(`${base}${path}`, init);
  await res.arrayBuffer();
  const headers = Object.fromEntries(res.headers);
  delete headers.date;
  return headers;
}

describe('fixedHeaders', () => {
  it.each(OPTIONS.map((_, i) => i))('sets what helmet sets, for option set %i and any request', async (i) => {
    for (const init of [undefined, { headers: { origin: 'http://elsewhere', 'user-agent': 'MSIE 8.0' } }]) {
      const expected = await headersOf(`/helmet/${i}/a?b=c`, init);
      expect(expected['content-security-policy']).toBeDefined();
      expect(expected['x-powered-by']).toBeUndefined();
      expect(await headersOf(`/fixed/${i}/a?b=c`, init)).toEqual(expected);
    }
  });

  it('refuses a middleware that does not just set headers and go on', () => {
    const answers: RequestHandler = (_req, res) => void res.end();
    const fails: RequestHandler = (_req, _res, next) => next(new Error('no'));
    const readsRequest: RequestHandler = (req, _res, next) => (req.headers.host ? next() : next());
    expect(() => fixedHeaders(answers)).toThrow();
    expect(() => fixedHeaders(fails)).toThrow('no');
    expect(() => fixedHeaders(readsRequest)).toThrow();
  });
});

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { defineRoute } from '@ark-asa/contracts';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { JsonText, mountRoute } from './mount-route.ts';

/**
 * mountRoute writes JSON answers itself instead of through `res.json`/`res.send` (a list route's
 * hot path). Whatever the request, a client must see what express's own `res.json` sends: the same
 * status, headers and bytes. Each case asks a route answered by `res.json` and the same value
 * through mountRoute, as an object and as JsonText.
 */
const VALUE = {
  items: [{ id: 'a', note: 'é ✓ 🦖 "quoted" \\ \u2028', n: 1.5, none: null }],
  long: 'x'.repeat(3000), // over express's 1,000-character threshold, where res.send makes a Buffer
  nextCursor: null,
};
const route = (path: string) =>
  defineRoute({ method: 'get', path, summary: 's', tag: 't', responses: { 200: z.unknown() } });

let server: http.Server;
let port: number;

beforeAll(async () => {
  const app = express();
  app.set('etag', false); // as the control plane's app
  app.get('/express', (_req, res) => void res.json(VALUE));
  const router = express.Router();
  mountRoute(router, route('/object'), () => VALUE);
  mountRoute(router, route('/text'), () => new JsonText(JSON.stringify(VALUE)));
  // As the page cache hands a kept page over: its UTF-8 bytes.
  mountRoute(router, route('/bytes'), () => new JsonText(Buffer.from(JSON.stringify(VALUE))));
  app.use(router);
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

interface Answer {
  status: number;
  headers: string[];
  body: string;
}

function ask(path: string, method: string, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        // Date changes between answers, and the connection header follows the client's agent.
        const raw = res.rawHeaders.filter((_v, i, all) => !/^(date|connection|keep-alive)$/i.test(all[i - (i % 2)]!));
        resolve({ status: res.statusCode!, headers: raw, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('mountRoute JSON answers', () => {
  const cases: [string, string, Record<string, string>][] = [
    ['a GET', 'GET', {}],
    ['a HEAD', 'HEAD', {}],
    ['If-None-Match: * (express answers 304)', 'GET', { 'if-none-match': '*' }],
    ['If-Modified-Since', 'GET', { 'if-modified-since': new Date().toUTCString() }],
  ];

  it.each(cases)('are what res.json sends, for %s', async (_name, method, headers) => {
    const expected = await ask('/express', method, headers);
    for (const path of ['/object', '/text', '/bytes']) expect(await ask(path, method, headers)).toEqual(expected);
  });

  it.each(['/text', '/bytes'])(
    'carry the byte length of non-ASCII text and the very text of JSON.stringify (%s)',
    async (path) => {
      const answer = await ask(path, 'GET', {});
      expect(answer.body).toBe(JSON.stringify(VALUE));
      const length = answer.headers[answer.headers.findIndex((h) => /^content-length$/i.test(h)) + 1];
      expect(Number(length)).toBe(Buffer.byteLength(answer.body));
      expect(answer.headers).toContain('application/json; charset=utf-8');
    },
  );
});

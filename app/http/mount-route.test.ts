import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { defineRoute } from '@ark-asa/contracts';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
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

const KEPT = Buffer.from(JSON.stringify(VALUE));
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
  // A page kept between requests, as the page cache hands the same Buffer to every reader.
  mountRoute(router, route('/kept'), () => new JsonText(KEPT));
  mountRoute(router, route('/small'), () => new JsonText(Buffer.from('{"items":[],"nextCursor":null}')));
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
  raw: Buffer;
}

function ask(path: string, method: string, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        // Date changes between answers, and the connection header follows the client's agent.
        const raw = res.rawHeaders.filter((_v, i, all) => !/^(date|connection|keep-alive)$/i.test(all[i - (i % 2)]!));
        const bytes = Buffer.concat(chunks);
        resolve({ status: res.statusCode!, headers: raw, body: bytes.toString('utf8'), raw: bytes });
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
    for (const path of ['/object', '/text']) expect(await ask(path, method, headers)).toEqual(expected);
    // A page's bytes add only, on a plain GET (the one answer they may gzip), that caches must tell
    // apart the answers to each Accept-Encoding.
    const bytes = await ask('/bytes', method, headers);
    expect(withoutHeader(bytes, 'vary')).toEqual(expected);
    const plainGet = method === 'GET' && Object.keys(headers).length === 0;
    expect(header(bytes, 'vary')).toBe(plainGet ? 'Accept-Encoding' : undefined);
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

function header(answer: Answer, name: string): string | undefined {
  const at = answer.headers.findIndex((h, i) => i % 2 === 0 && h.toLowerCase() === name);
  return at < 0 ? undefined : answer.headers[at + 1];
}

function withoutHeader(answer: Answer, name: string): Answer {
  const at = answer.headers.findIndex((h, i) => i % 2 === 0 && h.toLowerCase() === name);
  return at < 0 ? answer : { ...answer, headers: answer.headers.filter((_h, i) => i !== at && i !== at + 1) };
}

describe('mountRoute page bytes and gzip', () => {
  it('gzips a page for a client that accepts gzip, and the copy inflates to the very JSON', async () => {
    const answer = await ask('/bytes', 'GET', { 'accept-encoding': 'gzip, deflate, br' });
    expect(header(answer, 'content-encoding')).toBe('gzip');
    expect(header(answer, 'vary')).toBe('Accept-Encoding');
    expect(Number(header(answer, 'content-length'))).toBe(answer.raw.length);
    expect(answer.raw.length).toBeLessThan(Buffer.byteLength(JSON.stringify(VALUE)) / 2);
    expect(zlib.gunzipSync(answer.raw).toString('utf8')).toBe(JSON.stringify(VALUE));
  });

  it.each([
    ['no Accept-Encoding', {}],
    ['gzip refused with q=0', { 'accept-encoding': 'gzip;q=0, br' }],
    ['identity only', { 'accept-encoding': 'identity' }],
  ])('sends the plain page with %s', async (_name, headers: Record<string, string>) => {
    const answer = await ask('/bytes', 'GET', headers);
    expect(header(answer, 'content-encoding')).toBeUndefined();
    expect(header(answer, 'vary')).toBe('Accept-Encoding');
    expect(answer.body).toBe(JSON.stringify(VALUE));
  });

  it('reads each client its own Accept-Encoding, one after another', async () => {
    const gz = { 'accept-encoding': 'gzip' };
    const plain = { 'accept-encoding': 'gzip;q=0' };
    const order = [gz, plain, plain, gz, gz, plain];
    const answers = [];
    for (const headers of order) answers.push(await ask('/kept', 'GET', headers));
    expect(answers.map((a) => header(a, 'content-encoding') ?? 'none')).toEqual([
      'gzip',
      'none',
      'none',
      'gzip',
      'gzip',
      'none',
    ]);
  });

  it('sends the same gzip bytes for a kept page, made once', async () => {
    const gzip = vi.spyOn(zlib, 'gzipSync');
    const first = await ask('/kept', 'GET', { 'accept-encoding': 'gzip' });
    const second = await ask('/kept', 'GET', { 'accept-encoding': 'gzip' });
    expect(second.raw.equals(first.raw)).toBe(true);
    expect(gzip.mock.calls.filter(([page]) => page === KEPT).length).toBeLessThanOrEqual(1);
    gzip.mockRestore();
  });

  it('sends a page under 1 KB and any text as it is, without Vary', async () => {
    for (const path of ['/small', '/text']) {
      const answer = await ask(path, 'GET', { 'accept-encoding': 'gzip' });
      expect(header(answer, 'content-encoding')).toBeUndefined();
      expect(header(answer, 'vary')).toBeUndefined();
      expect(() => JSON.parse(answer.body) as unknown).not.toThrow();
    }
  });
});

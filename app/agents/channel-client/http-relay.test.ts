import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Instance } from '@ark-asa/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness } from '../../../test/helpers/harness.ts';
import { MAX_RELAYED_BODY, relayHttp, type RelayTarget } from './http-relay.ts';

const TOKEN = 'f'.repeat(64);
const json = (body: unknown) => Buffer.from(JSON.stringify(body)).toString('base64');
const decode = (body: string): unknown => JSON.parse(Buffer.from(body, 'base64').toString('utf8'));
const live = () => new AbortController().signal;

describe('http relay to the embedded manager', () => {
  let h: Harness;
  let target: RelayTarget;

  beforeAll(async () => {
    h = await Harness.start({ token: TOKEN, host: '127.0.0.1' });
    target = { url: h.url, token: TOKEN };
  });
  afterAll(() => h.stop());

  it('answers GET /api/v1/health with its status, content type and body', async () => {
    const res = await relayHttp(target, { method: 'GET', path: '/api/v1/health' }, live());
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(decode(res.body)).toMatchObject({ status: 'ok' });
  });

  it('creates an instance with a POST, then reads it back', async () => {
    const created = await relayHttp(
      target,
      {
        method: 'POST',
        path: '/api/v1/instances',
        headers: { 'Content-Type': 'application/json' },
        body: json({ name: 'Relayed', settings: { map: 'TheIsland_WP', gamePort: 7811, rconPort: 27811 } }),
      },
      live(),
    );
    expect(created.status).toBe(201);
    const instance = decode(created.body) as Instance;
    expect(instance.name).toBe('Relayed');
    const read = await relayHttp(target, { method: 'GET', path: `/api/v1/instances/${instance.id}` }, live());
    expect(read.status).toBe(200);
    expect(decode(read.body)).toMatchObject({ id: instance.id, name: 'Relayed' });
  });

  it('relays a 400 with its error body', async () => {
    const res = await relayHttp(
      target,
      {
        method: 'POST',
        path: '/api/v1/instances',
        headers: { 'content-type': 'application/json' },
        body: json({ name: '', settings: {} }),
      },
      live(),
    );
    expect(res.status).toBe(400);
    expect(decode(res.body)).toMatchObject({ error: { code: 'validation-failed' } });
  });

  it('refuses a path outside /api/v1 before calling anything', async () => {
    await expect(relayHttp(target, { method: 'GET', path: '/ws' }, live())).rejects.toMatchObject({
      code: 'validation-failed',
    });
    await expect(relayHttp(target, { method: 'GET', path: '/api/v1/../../etc' }, live())).resolves.toMatchObject({
      status: 404,
    });
    await expect(relayHttp(target, { method: 'TRACE', path: '/api/v1/health' }, live())).rejects.toMatchObject({
      code: 'validation-failed',
    });
  });

  it('never passes the caller credentials: the embedded manager needs its own token', async () => {
    const res = await relayHttp(
      { url: h.url, token: null },
      { method: 'GET', path: '/api/v1/instances', headers: { authorization: `Bearer ${TOKEN}` } },
      live(),
    );
    expect(res.status).toBe(401);
  });

  it('answers cancelled when aborted, and keeps answers within one channel frame', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(relayHttp(target, { method: 'GET', path: '/api/v1/health' }, controller.signal)).rejects.toThrow();
    expect(MAX_RELAYED_BODY).toBeGreaterThan(5.9 * 1024 * 1024);
    expect(Math.ceil(MAX_RELAYED_BODY / 3) * 4).toBeLessThan(8 * 1024 * 1024 - 16 * 1024);
  });
});

describe('http relay limits', () => {
  it('answers too-large for a body past the limit, declared or streamed, and relays one just under it', async () => {
    const big = Buffer.alloc(MAX_RELAYED_BODY + 1, 'a');
    const server = http.createServer((req, res) => {
      res.setHeader('content-type', 'application/octet-stream');
      res.setHeader('content-disposition', 'attachment; filename="x.bin"');
      if (req.url === '/api/v1/declared') return void res.end(big);
      if (req.url === '/api/v1/fits') return void res.end(big.subarray(1));
      // Chunked, no content-length: the limit applies while reading.
      res.write(big.subarray(0, 1024 * 1024));
      res.end(big.subarray(1024 * 1024));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      for (const path of ['/api/v1/declared', '/api/v1/streamed']) {
        await expect(relayHttp({ url, token: null }, { method: 'GET', path }, live())).rejects.toMatchObject({
          code: 'too-large',
          message: expect.stringMatching(/larger than 6 MiB/),
        });
      }
      const fits = await relayHttp({ url, token: null }, { method: 'GET', path: '/api/v1/fits' }, live());
      expect(Buffer.from(fits.body, 'base64').length).toBe(MAX_RELAYED_BODY);
      expect(fits.headers).toEqual({
        'content-type': 'application/octet-stream',
        'content-disposition': 'attachment; filename="x.bin"',
      });
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

describe('http relay of byte ranges', () => {
  it('passes range on and relays the 206 with content-range and accept-ranges', async () => {
    const seen: (string | undefined)[] = [];
    const server = http.createServer((req, res) => {
      seen.push(req.headers.range);
      res.writeHead(206, {
        'content-type': 'application/zip',
        'content-range': 'bytes 4-7/10',
        'accept-ranges': 'bytes',
        'x-other': 'not relayed',
      });
      res.end(Buffer.from([4, 5, 6, 7]));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const res = await relayHttp(
        { url, token: null },
        { method: 'GET', path: '/api/v1/file', headers: { Range: 'bytes=4-7' } },
        live(),
      );
      expect(seen).toEqual(['bytes=4-7']);
      expect(res.status).toBe(206);
      expect(res.headers).toEqual({
        'content-type': 'application/zip',
        'content-range': 'bytes 4-7/10',
        'accept-ranges': 'bytes',
      });
      expect([...Buffer.from(res.body, 'base64')]).toEqual([4, 5, 6, 7]);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import http, { type Server } from 'node:http';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { mountStaticUi } from './static-ui.ts';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A real HTTP server with only the static UI mounted (and a JSON 404 after it, as in the manager). */
async function serve(staticDir: string | null, recheckMs = 0): Promise<string> {
  const app = express();
  mountStaticUi(app, staticDir, { recheckMs });
  app.use((_req, res) => void res.status(404).json({ error: { code: 'route-not-found' } }));
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server!.once('listening', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const dist = () => fs.mkdtempSync(path.join(os.tmpdir(), 'ark-ui-dist-'));

describe('the static UI', () => {
  it('says on every page that the UI is not built, with the fix, when index.html is missing', async () => {
    const url = await serve(path.join(dist(), 'missing'));
    for (const route of ['/', '/instances/new']) {
      const res = await fetch(`${url}${route}`);
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      expect(await res.text()).toContain('<code>npm run build:ui</code>');
    }
    expect((await fetch(`${url}/api/v1/nothing`)).status).toBe(404);
  });

  it('serves a UI built while the manager runs, without a restart, with the SPA fallback', async () => {
    const dir = dist();
    const url = await serve(dir);
    expect((await fetch(url)).status).toBe(503);
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>ui</title>');
    fs.writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
    expect(await (await fetch(url)).text()).toContain('<title>ui</title>');
    expect(await (await fetch(`${url}/instances/abc/console`)).text()).toContain('<title>ui</title>');
    expect(await (await fetch(`${url}/assets/app.js`)).text()).toBe('console.log(1)');
    const api = await fetch(`${url}/api/v1/nothing`);
    expect(api.status).toBe(404);
    expect(await api.json()).toEqual({ error: { code: 'route-not-found' } });
  });

  it('looks at the disk at most once per recheck interval', async () => {
    const dir = dist();
    const url = await serve(dir, 60_000);
    expect((await fetch(url)).status).toBe(503);
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>ui</title>');
    expect((await fetch(url)).status).toBe(503); // still the cached answer
  });

  it('mounts nothing for an API-only manager', async () => {
    const url = await serve(null);
    expect((await fetch(url)).status).toBe(404);
  });

  it('sends the brotli or gzip copy of the build to a browser that accepts it, and the file itself otherwise', async () => {
    const dir = dist();
    const js = 'console.log("the same words again and again");\n'.repeat(100);
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html>');
    fs.mkdirSync(path.join(dir, 'assets'));
    const file = path.join(dir, 'assets', 'app-1.js');
    fs.writeFileSync(file, js);
    fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(js));
    fs.writeFileSync(`${file}.gz`, zlib.gzipSync(js));
    fs.writeFileSync(path.join(dir, 'assets', 'old.js'), js); // a build without copies
    const url = await serve(dir);
    const get = (route: string, acceptEncoding?: string) =>
      new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
        const headers = acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding };
        http
          .get(`${url}${route}`, { headers }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () =>
              resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
            );
          })
          .on('error', reject);
      });

    const br = await get('/assets/app-1.js', 'gzip, deflate, br');
    expect([br.status, br.headers['content-encoding'], br.headers['content-type']]).toEqual([
      200,
      'br',
      'text/javascript; charset=utf-8',
    ]);
    expect(zlib.brotliDecompressSync(br.body).toString()).toBe(js);
    expect(br.headers.vary).toMatch(/Accept-Encoding/);
    const gz = await get('/assets/app-1.js', 'gzip, deflate');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.body).toString()).toBe(js);
    for (const [route, accept] of [
      ['/assets/app-1.js', undefined],
      ['/assets/app-1.js', 'gzip;q=0, identity'],
      ['/assets/old.js', 'gzip, br'],
    ] as const) {
      const plain = await get(route, accept);
      expect([plain.status, plain.headers['content-encoding'], plain.body.toString()]).toEqual([200, undefined, js]);
      expect(plain.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(plain.headers.vary).toMatch(/Accept-Encoding/);
    }
    const fallback = await get('/assets/missing.js', 'gzip');
    expect(fallback.status).toBe(200); // the SPA fallback, as before
    expect([fallback.headers['content-type'], fallback.body.toString()]).toEqual([
      'text/html; charset=utf-8',
      '<!doctype html>',
    ]);
    fs.writeFileSync(path.join(dir, 'assets', 'logo.png'), Buffer.alloc(2048, 7)); // a file the build never compresses
    const png = await get('/assets/logo.png', 'gzip, br');
    expect([png.status, png.headers['content-type'], png.headers['content-encoding'], png.body.length]).toEqual([
      200,
      'image/png',
      undefined,
      2048,
    ]);
    expect((await get('/assets/..%2f..%2fetc%2fpasswd.js', 'gzip')).body.toString()).not.toContain('root:');
  });
});

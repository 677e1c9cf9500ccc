import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
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
});

import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness } from './helpers/harness.ts';
import { TestWsClient } from './helpers/ws-client.ts';

/** A raw request, so the test controls Host and Origin exactly (fetch would set them itself). */
function raw(
  url: string,
  path: string,
  headers: Record<string, string>,
  method = 'GET',
): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path, method, headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(method === 'POST' ? '{"type":"DIAGNOSTICS"}' : undefined);
  });
}

const wsStatus = async (url: string, headers: Record<string, string> = {}) => {
  try {
    const c = await TestWsClient.connect(url, headers);
    c.close();
    return 101;
  } catch (err) {
    return Number(/HTTP (\d+)/.exec(String(err))?.[1] ?? 0);
  }
};

describe('on loopback (no token)', () => {
  let h: Harness;
  beforeAll(async () => (h = await Harness.start()));
  afterAll(async () => h.stop());

  it('accepts loopback Host names and refuses any other (DNS rebinding)', async () => {
    const port = new URL(h.url).port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `app.localhost:${port}`]) {
      expect((await raw(h.url, '/api/v1/health', { host })).status, host).toBe(200);
    }
    for (const host of [`evil.example:${port}`, `192.168.1.20:${port}`, `localhost.evil.example:${port}`]) {
      const res = await raw(h.url, '/api/v1/health', { host });
      expect(res.status, host).toBe(403);
      expect((JSON.parse(res.body) as { error: { code: string } }).error.code).toBe('forbidden');
    }
  });

  it('accepts our own Origin and clients without one; refuses other web sites', async () => {
    const own = new URL(h.url).host;
    expect(
      (await raw(h.url, '/api/v1/jobs', { host: own, origin: h.url, 'content-type': 'application/json' }, 'POST'))
        .status,
    ).toBe(202);
    expect((await raw(h.url, '/api/v1/jobs', { host: own, 'content-type': 'application/json' }, 'POST')).status).toBe(
      202,
    );
    const cross = await raw(
      h.url,
      '/api/v1/jobs',
      { host: own, origin: 'https://evil.example', 'content-type': 'application/json' },
      'POST',
    );
    expect(cross.status).toBe(403);
    expect((await raw(h.url, '/api/v1/health', { host: own, origin: 'null' })).status).toBe(403);
  });

  it("sends the API's answers the security headers of data, and pages those of a page", async () => {
    const headersOf = async (path: string) => {
      const res = await fetch(`${h.url}${path}`);
      await res.arrayBuffer();
      return { status: res.status, headers: Object.fromEntries(res.headers) };
    };
    for (const path of ['/api/v1/health', '/api/v1/jobs?limit=1', '/api/v1/nothing-here', '/api/v1/jobs?limit=x']) {
      const { headers } = await headersOf(path);
      expect(headers, path).toMatchObject({
        'content-security-policy': "default-src 'none';frame-ancestors 'none'",
        'x-frame-options': 'DENY',
        'x-content-type-options': 'nosniff',
        'cross-origin-resource-policy': 'same-origin',
        'referrer-policy': 'no-referrer',
      });
      expect(headers['cross-origin-opener-policy'], path).toBeUndefined();
    }
    // The docs page and the UI's paths are pages: scripts of their own, framed by nothing else.
    for (const path of ['/api/v1/docs/', '/', '/servers/new']) {
      const { headers } = await headersOf(path);
      expect(headers['content-security-policy'], path).toContain("script-src 'self'");
      expect(headers, path).toMatchObject({
        'x-frame-options': 'SAMEORIGIN',
        'cross-origin-opener-policy': 'same-origin',
      });
    }
    expect((await headersOf('/api/v1/docs/')).status).toBe(200);
  });

  it('applies the same rules to the /ws upgrade (cross-site WebSocket hijacking)', async () => {
    expect(await wsStatus(h.plane.wsUrl)).toBe(101);
    expect(await wsStatus(h.plane.wsUrl, { origin: h.url })).toBe(101);
    expect(await wsStatus(h.plane.wsUrl, { origin: 'https://evil.example' })).toBe(403);
    expect(await wsStatus(h.plane.wsUrl, { host: 'evil.example' })).toBe(403);
    expect(await wsStatus(h.plane.wsUrl.replace('/ws', '/other'))).toBe(404);
  });
});

describe('exposed on the network (token required)', () => {
  const token = 'correct-horse-battery-staple-42';
  let h: Harness;
  beforeAll(async () => (h = await Harness.start({ host: '0.0.0.0', token })));
  afterAll(async () => h.stop());

  it('refuses to start exposed without a token', async () => {
    await expect(Harness.start({ host: '0.0.0.0', token: null })).rejects.toThrow(/access token/);
  });

  it('needs Authorization: Bearer on every API call', async () => {
    const url = h.url;
    expect((await fetch(`${url}/api/v1/health`)).status).toBe(401);
    expect((await fetch(`${url}/api/v1/instances`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    // The docs are public, but only what they answer: anything else under their paths is an API call.
    expect((await fetch(`${url}/api/v1/openapi.json`)).status).toBe(200);
    expect((await fetch(`${url}/api/v1/openapi.json`, { method: 'POST' })).status).toBe(401);
    const ok = await fetch(`${url}/api/v1/instances`, { headers: { authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    const body = (await (await fetch(`${url}/api/v1/agents`)).json()) as { error: { code: string } };
    expect(body.error.code).toBe('unauthorized');
  });

  it('needs ?token= on /ws', async () => {
    expect(await wsStatus(h.plane.wsUrl)).toBe(401);
    expect(await wsStatus(`${h.plane.wsUrl}?token=nope`)).toBe(401);
    expect(await wsStatus(`${h.plane.wsUrl}?token=${token}`)).toBe(101);
  });

  it('rate-limits failed attempts from one address, and still lets the right token in', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25; i += 1) {
      statuses.push(
        (await fetch(`${h.url}/api/v1/health`, { headers: { authorization: `Bearer guess-${i}` } })).status,
      );
    }
    expect(statuses.slice(0, 5).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    // Someone behind the same NAT guessing must not lock the owner out.
    expect((await fetch(`${h.url}/api/v1/health`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    expect(await wsStatus(`${h.plane.wsUrl}?token=${token}`)).toBe(101);
  });

  it('rate-limits all traffic without the token (UI files, 404s, probes), never the owner', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 300 }, () => fetch(`${h.url}/no-such-page`).then((r) => r.status)),
    );
    expect(statuses).toContain(429);
    expect(statuses.every((s) => s === 404 || s === 429)).toBe(true);
    expect((await fetch(`${h.url}/api/v1/instances`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(
      200,
    );
  });
});

describe('a token on loopback', () => {
  const token = 'loopback-token-0123456789';
  let h: Harness;
  beforeAll(async () => (h = await Harness.start({ host: '127.0.0.1', token })));
  afterAll(async () => h.stop());

  it('is required by REST and /ws when configured, even on 127.0.0.1', async () => {
    expect((await fetch(`${h.url}/api/v1/instances`)).status).toBe(401);
    expect(
      (await fetch(`${h.url}/api/v1/instances`, { headers: { authorization: 'Bearer wrong-token-wrong-token' } }))
        .status,
    ).toBe(401);
    expect((await h.api('GET', '/api/v1/instances')).status).toBe(200);
    expect(await wsStatus(h.plane.wsUrl)).toBe(401);
    expect(await wsStatus(`${h.plane.wsUrl}?token=wrong-token-wrong-token`)).toBe(401);
    expect(await wsStatus(`${h.plane.wsUrl}?token=${token}`)).toBe(101);
    expect(await wsStatus(h.plane.wsUrl, { authorization: `Bearer ${token}` })).toBe(101);
  });
});

describe('the access token rule', () => {
  it('refuses to start with a token the settings would refuse (one rule everywhere)', async () => {
    await expect(Harness.start({ host: '0.0.0.0', token: 'x' })).rejects.toThrow(
      /access token is not accepted: use at least 16 characters/,
    );
    await expect(Harness.start({ token: 'has spaces in it, sixteen+' })).rejects.toThrow(
      /printable characters without spaces/,
    );
  });
});

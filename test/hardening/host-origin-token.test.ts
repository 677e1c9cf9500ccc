import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness } from '../helpers/harness.ts';
import { Tally } from './tally.ts';

/**
 * Host, Origin and token variants against REST and the /ws upgrade, on loopback and exposed, both
 * with a token (docs/operations.md#security). Each variant has its documented answer; a wrong
 * token may meet the failure limit (429) instead of 401; the right token always gets in, before
 * and after the limits trip. All traffic goes to 127.0.0.1.
 */
const TOKEN = 'adversary-token-0123456789';
const WRONG = [401, 429];

interface Variant {
  label: string;
  headers?: Record<string, string>;
  /** Appended to the path (`?token=` on /ws). */
  query?: string;
  /** Send no Host header at all. */
  noHost?: boolean;
  /** Passing is written 200 and means 101 on /ws. */
  expect: number[];
}

/** One raw request with exactly these headers (no Host unless given); 101 when upgraded. */
function ask(url: string, path: string, headers: Record<string, string>, upgrade: boolean): Promise<number> {
  const { port } = new URL(url);
  const extra = upgrade
    ? {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': randomBytes(16).toString('base64'),
      }
    : {};
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, setHost: false, headers: { ...headers, ...extra } });
    req.on('upgrade', (_res, socket) => {
      socket.destroy();
      resolve(101);
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

const bearer = (value: string) => ({ authorization: value });

function tokenVariants(): { rest: Variant[]; ws: Variant[] } {
  const right = `Bearer ${TOKEN}`;
  return {
    rest: [
      { label: 'no token', expect: [401] },
      { label: 'Bearer <token>', headers: bearer(right), expect: [200] },
      { label: 'bearer lowercase', headers: bearer(`bearer ${TOKEN}`), expect: [200] },
      { label: 'BEARER uppercase', headers: bearer(`BEARER ${TOKEN}`), expect: [200] },
      { label: 'extra spaces', headers: bearer(`Bearer    ${TOKEN}   `), expect: [200] },
      { label: 'tab separator and trailing tab', headers: bearer(`Bearer\t${TOKEN}\t`), expect: [200] },
      { label: 'token only, no scheme', headers: bearer(TOKEN), expect: [401] },
      {
        label: 'Basic scheme',
        headers: bearer(`Basic ${Buffer.from(`u:${TOKEN}`).toString('base64')}`),
        expect: [401],
      },
      { label: 'Bearer without a token', headers: bearer('Bearer '), expect: [401] },
      { label: 'one character short', headers: bearer(`Bearer ${TOKEN.slice(0, -1)}`), expect: WRONG },
      { label: 'one character more', headers: bearer(`Bearer ${TOKEN}x`), expect: WRONG },
      { label: 'token twice', headers: bearer(`Bearer ${TOKEN} ${TOKEN}`), expect: WRONG },
      { label: 'uppercased token', headers: bearer(`Bearer ${TOKEN.toUpperCase()}`), expect: WRONG },
      { label: '5,000 characters', headers: bearer(`Bearer ${'x'.repeat(5000)}`), expect: WRONG },
      { label: '?token= on REST (header only)', query: `?token=${TOKEN}`, expect: [401] },
      { label: 'right token after the guesses', headers: bearer(right), expect: [200] },
    ],
    ws: [
      { label: 'no token', expect: [401] },
      { label: '?token=<token>', query: `?token=${TOKEN}`, expect: [101] },
      { label: 'bearer header, lowercase', headers: bearer(`bearer ${TOKEN}`), expect: [101] },
      { label: 'token, then a wrong one', query: `?token=${TOKEN}&token=nope`, expect: [101] },
      { label: 'wrong, then the token', query: `?token=nope&token=${TOKEN}`, expect: WRONG },
      { label: 'trailing newline', query: `?token=${TOKEN}%0A`, expect: WRONG },
      { label: 'empty ?token=', query: '?token=', expect: WRONG },
      { label: 'bad escape', query: '?token=%zz', expect: WRONG },
      { label: 'one character short', query: `?token=${TOKEN.slice(0, -1)}`, expect: WRONG },
      { label: 'right token after the guesses', query: `?token=${TOKEN}`, expect: [101] },
    ],
  };
}

function hostVariants(port: number, exposed: boolean): Variant[] {
  const refused = exposed ? [200] : [403]; // exposed: any name reaches it, the token guards it
  return [
    { label: `127.0.0.1:${port}`, headers: { host: `127.0.0.1:${port}` }, expect: [200] },
    { label: 'localhost without a port', headers: { host: 'localhost' }, expect: [200] },
    { label: 'LOCALHOST uppercase', headers: { host: `LOCALHOST:${port}` }, expect: [200] },
    { label: 'localhost. (trailing dot)', headers: { host: `localhost.:${port}` }, expect: [200] },
    { label: '[::1]', headers: { host: `[::1]:${port}` }, expect: [200] },
    { label: 'localhost.evil.com', headers: { host: `localhost.evil.com:${port}` }, expect: refused },
    { label: '127.0.0.1.nip.io', headers: { host: `127.0.0.1.nip.io:${port}` }, expect: refused },
    { label: 'evil.com', headers: { host: 'evil.com' }, expect: refused },
    { label: '0.0.0.0', headers: { host: `0.0.0.0:${port}` }, expect: refused },
    // Node answers 400 to an HTTP/1.1 request without Host; an upgrade reaches our Host rule instead.
    { label: 'missing Host', noHost: true, expect: exposed ? [400, 200] : [400, 403] },
  ];
}

function originVariants(port: number): Variant[] {
  const own = `127.0.0.1:${port}`;
  const withOrigin = (origin: string) => ({ host: own, origin });
  return [
    { label: 'no Origin (not a browser)', headers: { host: own }, expect: [200] },
    { label: 'own origin', headers: withOrigin(`http://${own}`), expect: [200] },
    { label: 'own origin, scheme uppercase', headers: withOrigin(`HTTP://${own}`), expect: [200] },
    // Only host:port is compared: nothing but this manager can serve a page from its own port.
    { label: 'own host:port over https', headers: withOrigin(`https://${own}`), expect: [200] },
    { label: 'null', headers: withOrigin('null'), expect: [403] },
    { label: 'other port', headers: withOrigin(`http://127.0.0.1:${port + 1}`), expect: [403] },
    { label: 'no port', headers: withOrigin('http://127.0.0.1'), expect: [403] },
    { label: 'localhost for a 127.0.0.1 Host', headers: withOrigin(`http://localhost:${port}`), expect: [403] },
    { label: 'evil.com', headers: withOrigin('https://evil.com'), expect: [403] },
    { label: 'own host as a subdomain', headers: withOrigin(`http://127.0.0.1.evil.com:${port}`), expect: [403] },
    { label: 'file://', headers: withOrigin('file://'), expect: [403] },
    { label: 'not a URL', headers: withOrigin('%%%'), expect: [403] },
  ];
}

async function run(h: Harness, tally: Tally, kind: string, variants: Variant[], ws: boolean, token: boolean) {
  const port = Number(new URL(h.url).port);
  for (const v of variants) {
    const host: Record<string, string> = v.noHost ? {} : { host: `127.0.0.1:${port}` };
    const headers = { ...host, ...(token ? bearer(`Bearer ${TOKEN}`) : {}), ...v.headers };
    const status = await ask(h.url, `${ws ? '/ws' : '/api/v1/instances'}${v.query ?? ''}`, headers, ws);
    // A request that passes is 200 on REST and 101 on /ws.
    const expected = ws ? v.expect.map((s) => (s === 200 ? 101 : s)) : v.expect;
    tally.add(
      `${kind} ${v.label}`,
      expected.includes(status) ? null : `answered ${status}, expected ${expected.join(' or ')}`,
    );
  }
}

for (const exposed of [false, true]) {
  describe(`${exposed ? 'exposed (0.0.0.0)' : 'loopback'} with a token`, () => {
    let h: Harness;
    beforeAll(async () => (h = await Harness.start({ host: exposed ? '0.0.0.0' : '127.0.0.1', token: TOKEN })));
    afterAll(async () => h.stop());

    it('answers each Host, Origin and token variant of REST and /ws as documented', async () => {
      const tally = new Tally(`Host/Origin/token variants, ${exposed ? 'exposed' : 'loopback'}`);
      const port = Number(new URL(h.url).port);
      for (const ws of [false, true]) {
        const where = ws ? 'ws' : 'REST';
        await run(h, tally, `${where} Host`, hostVariants(port, exposed), ws, true);
        await run(h, tally, `${where} Origin`, originVariants(port), ws, true);
      }
      const tokens = tokenVariants();
      await run(h, tally, 'REST token', tokens.rest, false, false);
      await run(h, tally, 'ws token', tokens.ws, true, false);
      // Far past the failure limit: the owner still gets in on both.
      const guesses = Array.from({ length: 30 }, (_, i) => ({
        label: 'guess',
        headers: bearer(`Bearer guess-${i}`),
        expect: WRONG,
      }));
      await run(h, tally, 'REST token', guesses, false, false);
      await run(h, tally, 'REST token', [tokens.rest[1]!], false, false);
      await run(h, tally, 'ws token', [tokens.ws[1]!], true, false);
      tally.print();
      expect(tally.failures()).toEqual([]);
    });
  });
}

import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { ErrorEnvelope } from '@ark-asa/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, tempDir } from '../helpers/harness.ts';
import {
  BAD_PARAMS,
  BAD_QUERIES,
  badBodies,
  operations,
  pool,
  send,
  withParams,
  type RawRequest,
  type RawResponse,
} from './fuzz-inputs.ts';

/**
 * Adversarial REST traffic driven by the OpenAPI document: every operation gets malformed path
 * parameters, bodies of the wrong type, size and encoding, and odd queries. Whatever comes in, the
 * answer is never a 500, every error is the JSON envelope, and no answer shows a stack trace or a
 * path of this machine. Bounded: about two thousand requests, sixteen at a time.
 */
const token = 'fuzz-token-0123456789abcdef';
let h: Harness;
let base: URL;
let agent: http.Agent;
let staticDir: string;

beforeAll(async () => {
  staticDir = tempDir('ark-fuzz-ui-');
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>ui</title>');
  fs.mkdirSync(path.join(staticDir, 'assets'));
  fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'export {}');
  h = await Harness.start({ token, staticDir });
  base = new URL(h.url);
  agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
});
afterAll(async () => {
  agent.destroy();
  await h.stop();
});

const STACK = /\n\s+at |\bat [^\s]+ \(|\.ts:\d+:\d+|node_modules/;

/** The one rule for every answer; returns a description of what is wrong, or null. */
function problem(req: RawRequest, res: RawResponse): string | null {
  const what = `${req.method} ${req.path.slice(0, 80)} -> ${res.status}`;
  if (res.status === 0) return null; // closed by the server mid-upload (413 on a huge body)
  if (res.status >= 500) return `${what}: server error ${res.text.slice(0, 200)}`;
  if (res.status < 400) return null;
  if (!res.type.includes('application/json')) return `${what}: not JSON (${res.type})`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(res.text);
  } catch {
    return `${what}: body is not JSON`;
  }
  if (!ErrorEnvelope.safeParse(parsed).success) return `${what}: not the error envelope`;
  if (STACK.test(res.text)) return `${what}: stack trace text`;
  for (const dir of [process.cwd(), os.tmpdir(), h.dataDir, staticDir]) {
    if (res.text.includes(dir)) return `${what}: shows the path ${dir}`;
  }
  return null;
}

async function fire(requests: RawRequest[], withToken: string | null = token): Promise<string[]> {
  const responses = await pool(
    requests.map((req) => () => send(base, agent, req, withToken)),
    16,
  );
  return requests.map((req, i) => problem(req, responses[i]!)).filter((p): p is string => p !== null);
}

describe('adversarial REST traffic', () => {
  it('never answers 500, a stack trace or a local path to malformed path params, bodies and queries', async () => {
    const doc = (await h.api<Record<string, unknown>>('GET', '/api/v1/openapi.json')).body;
    const ops = operations(doc);
    expect(ops.length).toBeGreaterThan(20);
    const requests: RawRequest[] = [];
    for (const op of ops) {
      const hasParams = op.path.includes('{');
      if (hasParams)
        for (const value of BAD_PARAMS) requests.push({ method: op.method, path: withParams(op.path, value) });
      const concrete = withParams(op.path, '00000000-0000-4000-8000-000000000000');
      if (op.bodyMime) for (const body of badBodies(op)) requests.push({ ...body, path: concrete });
      if (op.method === 'GET') for (const q of BAD_QUERIES) requests.push({ method: 'GET', path: `${concrete}${q}` });
    }
    expect(requests.length).toBeLessThan(3000);
    expect(await fire(requests)).toEqual([]);
  });

  it('answers bad escapes on the UI files and odd methods with 4xx envelopes too', async () => {
    const paths = [
      '/%zz',
      '/%',
      '/%c0%ae%c0%ae/etc/passwd',
      '/assets/%c0%ae',
      '/assets/..%2f..%2f..%2fetc%2fpasswd',
      '/assets/%00',
      `/${'%zz'.repeat(3000)}`,
    ];
    const requests: RawRequest[] = [
      ...paths.map((p) => ({ method: 'GET', path: p })),
      { method: 'PROPFIND', path: '/api/v1/instances' },
      { method: 'DELETE', path: '/api/v1/health' },
      { method: 'GET', path: '/api/v1/instances', headers: { range: 'bytes=99999999-' } },
    ];
    expect(await fire(requests)).toEqual([]);
  });

  it('answers anonymous floods with 401 and 429 envelopes, and still serves the owner', async () => {
    const flood = Array.from({ length: 400 }, (_, i) => ({
      method: 'GET',
      path: i % 2 ? `/api/v1/instances/%zz${i}` : '/api/v1/health',
    }));
    expect(await fire(flood, null)).toEqual([]);
    expect((await h.api('GET', '/api/v1/instances')).status).toBe(200);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { ImportSaveJobResult, type ErrorEnvelope, type Instance, type Job } from '@ark-asa/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { craftZip } from '../app/agents/backups/test-zip.ts';
import { SAVE_UPLOAD_LIMIT_ENV } from '../app/services/save-upload.ts';
import { Harness } from './helpers/harness.ts';
import { freePort } from './helpers/processes.ts';
import { waitUntil } from './helpers/remote-agents.ts';
import { acceptedJob, jobOutcome } from './helpers/remote-servers.ts';
import { SimEnv } from './helpers/sim-env.ts';
import type { TestWsClient } from './helpers/ws-client.ts';

/**
 * `POST /instances/:id/saves/upload` against a real control plane and the ASA simulator: a world
 * zip sent as the body from "another PC" lands in a stopped server through IMPORT_SAVE, and the
 * stored upload is gone once the job ends; bad bodies, a running server and an oversized body are
 * refused with the usual envelope, leaving nothing on disk.
 */
const MiB = 1024 * 1024;
const WORLD = Buffer.from(`UPLOADED-WORLD ${'u'.repeat(40_000)}\n`);
const SIM = { startupSeconds: 0.5, saveSeconds: 0.1, saveBytes: 4096 };

let h: Harness;
let sim: SimEnv;
let ws: TestWsClient;
let server: Instance;

const uploadsDir = () => path.join(h.dataDir, 'runtime', 'uploads');
const uploadsLeft = () => (fs.existsSync(uploadsDir()) ? fs.readdirSync(uploadsDir()) : []);
const route = (id = server.id) => `${h.url}/api/v1/instances/${id}/saves/upload`;
const upload = (body: RequestInit['body'], type = 'application/zip', id?: string) =>
  fetch(route(id), { method: 'POST', headers: { 'content-type': type }, body, duplex: 'half' });
const envelope = async (res: Response) => ((await res.json()) as ErrorEnvelope).error;
const worldZip = () =>
  craftZip([
    { name: 'Saved/SavedArks/TheIsland_WP/TheIsland_WP.ark', data: WORLD },
    { name: 'Saved/SavedArks/TheIsland_WP/0002abc.arkprofile', data: 'profile' },
  ]);

beforeAll(async () => {
  sim = await SimEnv.create();
  h = await Harness.start();
  ws = await h.ws();
  await h.api('PATCH', '/api/v1/settings', { steamcmdPath: sim.steamcmdPath });
  const install = acceptedJob(await h.api('POST', '/api/v1/builds/install', {}));
  expect(await jobOutcome(ws, install.id)).toMatchObject({ ok: true });
  const created = await h.api<Instance>('POST', '/api/v1/instances', {
    name: 'Upload Island',
    settings: { map: 'TheIsland_WP', gamePort: await freePort(), rconPort: await freePort() },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  server = created.body;
}, 120_000);

afterAll(async () => {
  delete process.env[SAVE_UPLOAD_LIMIT_ENV];
  await h.stop({ stopServers: true });
});

describe('uploading a world zip', { timeout: 60_000 }, () => {
  it('imports the zip into the stopped server, and deletes the upload once the job ends', async () => {
    const res = await upload(worldZip());
    expect(res.status).toBe(202);
    const { job } = (await res.json()) as { job: Job };
    expect(job).toMatchObject({ type: 'IMPORT_SAVE', instanceId: server.id, status: 'PENDING' });
    const out = await jobOutcome(ws, job.id);
    expect(out.ok, JSON.stringify(out)).toBe(true);
    const result = ImportSaveJobResult.parse(out.ok ? out.result : null);
    expect(result.world).toBe('TheIsland_WP.ark');
    const mapDir = path.join(server.installPath!, 'ShooterGame', 'Saved', 'SavedArks', 'TheIsland_WP');
    expect(fs.readFileSync(path.join(mapDir, 'TheIsland_WP.ark')).equals(WORLD)).toBe(true);
    expect(fs.readFileSync(path.join(mapDir, '0002abc.arkprofile'), 'utf8')).toBe('profile');
    await waitUntil('the upload deleted', () => uploadsLeft().length === 0, 10_000);
  });

  it('answers 400 naming body for an empty body, a file that is no zip and a zip without a world', async () => {
    for (const body of [Buffer.alloc(0), Buffer.from('not a zip at all'), craftZip([{ name: 'a.txt', data: 'x' }])]) {
      const res = await upload(body);
      expect(res.status).toBe(400);
      const error = await envelope(res);
      expect(error.code).toBe('validation-failed');
      expect(JSON.stringify(error.details)).toContain('"field":"body"');
      expect(error.message).not.toContain(uploadsDir());
    }
    const json = await upload(JSON.stringify({ sourcePath: '/x.zip' }), 'application/json');
    expect(json.status).toBe(400);
    expect(JSON.stringify((await envelope(json)).details)).toContain('"field":"body"');
    expect(uploadsLeft()).toEqual([]);
  });

  it('answers 404 for an unknown server', async () => {
    const res = await upload(worldZip(), 'application/octet-stream', '00000000-0000-4000-8000-000000000000');
    expect(res.status).toBe(404);
  });

  it('answers 413 naming the limit once the body passes it, and keeps no partial file', async () => {
    process.env[SAVE_UPLOAD_LIMIT_ENV] = String(MiB);
    try {
      // Declared too large: refused before a byte is stored.
      const declared = await upload(Buffer.alloc(2 * MiB), 'application/zip');
      expect(declared.status).toBe(413);
      expect(await envelope(declared)).toMatchObject({
        code: 'payload-too-large',
        message: 'A world upload carries at most 1 MiB; this one is larger',
      });
      // Streamed with no length: refused as soon as the bytes pass the cap.
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent >= 3 * MiB) return controller.close();
          controller.enqueue(new Uint8Array(256 * 1024));
          sent += 256 * 1024;
        },
      });
      const streamed = await upload(stream, 'application/zip');
      expect(streamed.status).toBe(413);
      expect((await envelope(streamed)).code).toBe('payload-too-large');
      expect(uploadsLeft()).toEqual([]);
    } finally {
      delete process.env[SAVE_UPLOAD_LIMIT_ENV];
    }
  });

  it('deletes the partial file of a client that goes away mid-upload', async () => {
    const abort = new AbortController();
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 2 * MiB) return new Promise<void>(() => undefined); // stalls: the client then leaves
        controller.enqueue(new Uint8Array(256 * 1024));
        sent += 256 * 1024;
      },
    });
    const answer = fetch(route(), {
      method: 'POST',
      headers: { 'content-type': 'application/zip' },
      body: stream,
      duplex: 'half',
      signal: abort.signal,
    }).catch(() => null);
    const partial = () => uploadsLeft().map((f) => fs.statSync(path.join(uploadsDir(), f)).size)[0];
    await waitUntil('the upload under way', () => (partial() ?? 0) >= MiB, 20_000);
    abort.abort();
    await answer;
    await waitUntil('the partial upload deleted', () => uploadsLeft().length === 0, 20_000);
  });

  it('answers 409 while the server runs, storing nothing', async () => {
    await sim.server(server.installPath!, SIM);
    const start = acceptedJob(await h.api('POST', `/api/v1/instances/${server.id}/start`, {}));
    expect(await jobOutcome(ws, start.id)).toMatchObject({ ok: true });
    const res = await upload(worldZip());
    expect(res.status).toBe(409);
    expect(uploadsLeft()).toEqual([]);
    const stop = acceptedJob(await h.api('POST', `/api/v1/instances/${server.id}/stop`, {}));
    expect(await jobOutcome(ws, stop.id)).toMatchObject({ ok: true });
  });

  it('is documented in the OpenAPI document as a binary zip body', async () => {
    const doc = await h.api<{ paths: Record<string, { post: { requestBody: { content: Record<string, unknown> } } }> }>(
      'GET',
      '/api/v1/openapi.json',
    );
    const op = doc.body.paths['/api/v1/instances/{id}/saves/upload']!.post;
    expect(op.requestBody.content['application/zip']).toEqual({ schema: { type: 'string', format: 'binary' } });
  });
});

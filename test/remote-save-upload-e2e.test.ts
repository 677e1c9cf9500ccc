import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ImportSaveJobResult, type ErrorEnvelope, type Instance, type Job } from '@ark-asa/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { craftZip } from '../app/agents/backups/test-zip.ts';
import { SAVE_UPLOAD_LIMIT_ENV } from '../app/services/save-upload.ts';
import { Harness } from './helpers/harness.ts';
import type { Spawned } from './helpers/processes.ts';
import { waitUntil } from './helpers/remote-agents.ts';
import { addHost, installedServer, endProcess, jobOutcome, type TestHost } from './helpers/remote-servers.ts';
import type { TestWsClient } from './helpers/ws-client.ts';

/**
 * A world zip uploaded through the control plane to a server on a real agent process
 * (docs/import.md, "Uploading a world"): about 20 MB, far more than one channel message, so it
 * travels in pieces, is spooled on the host, reaches the host's manager whole, and its IMPORT_SAVE
 * job is seen ending on the control plane's /ws; the world is then in the host's instance and
 * neither the spool nor the stored upload is left on the host.
 */
const MiB = 1024 * 1024;
let h: Harness;
let ws: TestWsClient;
let host: TestHost;
let agent: Spawned | undefined;
let server: Instance;

const filesIn = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir) : []);

beforeAll(async () => {
  h = await Harness.start({ heartbeatIntervalSec: 5 });
  ws = await h.ws();
  host = await addHost(h, ws, 'Loft');
  agent = host.agent;
  server = await installedServer(h, ws, host.sim, 'Loft Island', host.agentId);
}, 180_000);

afterAll(async () => {
  if (agent) await endProcess(agent);
  await h.stop();
});

describe('uploading a world zip to a server on a remote host', { timeout: 120_000 }, () => {
  it('a 20 MB zip goes up in pieces, its import job completes on /ws, and the world is on the host', async () => {
    const world = randomBytes(20 * MiB);
    const zip = craftZip([
      { name: 'SavedArks/TheIsland_WP/TheIsland_WP.ark', data: world },
      { name: 'SavedArks/TheIsland_WP/0002abc.arkprofile', data: 'profile' },
    ]);
    const spool = path.join(host.dataDir, 'uploads');
    fs.mkdirSync(spool, { recursive: true });
    const seen = new Set<string>();
    const watcher = fs.watch(spool, (_event, name) => name && seen.add(name));
    const res = await fetch(`${h.url}/api/v1/instances/${server.id}/saves/upload`, {
      method: 'POST',
      headers: { 'content-type': 'application/zip' },
      body: zip,
    });
    watcher.close();
    expect(res.status).toBe(202);
    const { job } = (await res.json()) as { job: Job };
    expect(job).toMatchObject({ type: 'IMPORT_SAVE', instanceId: server.id });
    expect([...seen].filter((n) => n.endsWith('.upload'))).toHaveLength(1); // it went in pieces

    const out = await jobOutcome(ws, job.id);
    expect(out.ok, JSON.stringify(out)).toBe(true);
    expect(ImportSaveJobResult.parse(out.ok ? out.result : null).world).toBe('TheIsland_WP.ark');
    const mapDir = path.join(server.installPath!, 'ShooterGame', 'Saved', 'SavedArks', 'TheIsland_WP');
    expect(fs.readFileSync(path.join(mapDir, 'TheIsland_WP.ark')).equals(world)).toBe(true);
    expect(fs.readFileSync(path.join(mapDir, '0002abc.arkprofile'), 'utf8')).toBe('profile');
    expect(filesIn(spool)).toEqual([]);
    const stored = path.join(host.dataDir, 'runtime', 'uploads');
    await waitUntil('the stored upload deleted on the host', () => filesIn(stored).length === 0, 10_000);
  });

  it('a zip over the cap is refused here with 413 naming the limit, and nothing reaches the host', async () => {
    process.env[SAVE_UPLOAD_LIMIT_ENV] = String(2 * MiB); // this process's control plane only
    try {
      const res = await fetch(`${h.url}/api/v1/instances/${server.id}/saves/upload`, {
        method: 'POST',
        headers: { 'content-type': 'application/zip' },
        body: randomBytes(5 * MiB),
      });
      expect(res.status).toBe(413);
      expect(((await res.json()) as ErrorEnvelope).error).toMatchObject({
        code: 'payload-too-large',
        message: 'A world upload carries at most 2 MiB; this one is larger',
      });
    } finally {
      delete process.env[SAVE_UPLOAD_LIMIT_ENV];
    }
    expect(filesIn(path.join(host.dataDir, 'uploads'))).toEqual([]);
  });

  it('an empty body is refused by the host naming body', async () => {
    const res = await fetch(`${h.url}/api/v1/instances/${server.id}/saves/upload`, {
      method: 'POST',
      headers: { 'content-type': 'application/zip' },
      body: Buffer.alloc(0),
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('"field":"body"');
  });
});

import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { BackupJobResult, type Instance } from '@ark-asa/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readZip } from '../app/agents/backups/test-zip.ts';
import { Harness, tempDir } from './helpers/harness.ts';
import { freePort, type Spawned } from './helpers/processes.ts';
import { acceptedJob, addHost, endProcess, jobOutcome, type TestHost } from './helpers/remote-servers.ts';

import type { TestWsClient } from './helpers/ws-client.ts';

/**
 * A backup larger than one answer over the agent channel (about 6 MB), taken on a real agent process
 * and downloaded through the control plane's REST API exactly as a local one: the control plane
 * fetches it from the host in byte ranges and streams it to the client.
 */
const WORLD = randomBytes(13 * 1024 * 1024); // random: the zip cannot shrink it below the channel's limit
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
let h: Harness;
let ws: TestWsClient;
let host: TestHost;
let agent: Spawned | undefined;

beforeAll(async () => {
  h = await Harness.start({ heartbeatIntervalSec: 5 });
  ws = await h.ws();
  host = await addHost(h, ws, 'Vault');
  agent = host.agent;
}, 180_000);

afterAll(async () => {
  if (agent) await endProcess(agent);
  await h.stop();
});

describe('a remote backup larger than one channel answer', { timeout: 120_000 }, () => {
  it('downloads through the control plane byte for byte', async () => {
    const install = acceptedJob(await h.api('POST', '/api/v1/builds/install', { agentId: host.agentId }));
    expect(await jobOutcome(ws, install.id)).toMatchObject({ ok: true });
    const settings = { map: 'TheIsland_WP', gamePort: await freePort(), rconPort: await freePort() };
    const created = await h.api<Instance>('POST', '/api/v1/instances', {
      name: 'Vault Island',
      agentId: host.agentId,
      settings,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const server = created.body;
    // The world the server would have saved, on the host's disk.
    const saves = path.join(server.installPath!, 'ShooterGame', 'Saved', 'SavedArks', 'TheIsland_WP');
    fs.mkdirSync(saves, { recursive: true });
    fs.writeFileSync(path.join(saves, 'TheIsland_WP.ark'), WORLD);

    const job = acceptedJob(await h.api('POST', `/api/v1/instances/${server.id}/backups`, { note: 'big' }));
    const done = await jobOutcome(ws, job.id);
    expect(done.ok, JSON.stringify(done)).toBe(true);
    const { backup } = BackupJobResult.parse((done as { result: unknown }).result);
    expect(backup.sizeBytes).toBeGreaterThan(12 * 1024 * 1024);

    const res = await fetch(`${h.url}/api/v1/instances/${server.id}/backups/${backup.id}/download`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toContain(backup.fileName);
    expect(res.headers.get('content-length')).toBe(String(backup.sizeBytes));
    const zip = Buffer.from(await res.arrayBuffer());
    const onHost = fs.readFileSync(path.join(host.dataDir, 'backups', server.id, backup.fileName));
    expect(zip.length).toBe(onHost.length);
    expect(sha256(zip)).toBe(sha256(onHost));
    const file = path.join(tempDir('ark-vault-download-'), backup.fileName);
    fs.writeFileSync(file, zip);
    expect(sha256((await readZip(file)).get('SavedArks/TheIsland_WP/TheIsland_WP.ark')!)).toBe(sha256(WORLD));
  });
});

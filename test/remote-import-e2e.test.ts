import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  type Agent,
  type BuildList,
  type CreatedAgent,
  ImportInstanceJobResult,
  ImportPreview,
  type Instance,
  type Job,
} from '@ark-asa/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkTree, startBat, writeIn } from './helpers/asa-folder.ts';
import { Harness, tempDir } from './helpers/harness.ts';
import { captured, freePort, ROOT, type Spawned } from './helpers/processes.ts';
import { waitUntil } from './helpers/remote-agents.ts';
import {
  acceptedJob,
  endProcess,
  hostReady,
  instancesOf,
  jobOutcome,
  type TestHost,
} from './helpers/remote-servers.ts';
import { SimEnv } from './helpers/sim-env.ts';
import type { TestWsClient } from './helpers/ws-client.ts';

/**
 * Importing an existing ASA server folder that lies on a remote host (docs/import.md, "On a remote
 * host"): a real control plane and one real agent process with the SteamCMD simulator; the folder
 * is made on the host's side and previewed and imported through the control plane with `agentId`.
 *
 * Both run on this machine, so to show that the host reads its own disk and not this PC's, the
 * agent runs (where Linux allows it) in a mount namespace of its own in which one folder of this
 * PC is hidden under an empty tmpfs: a server folder there exists on this PC only.
 */
const WORLD = Buffer.from(`HOST-WORLD ${'h'.repeat(4000)}\n`);
const MAP_SAVE = 'ShooterGame/Saved/SavedArks/TheIsland_WP/TheIsland_WP.ark';

let h: Harness;
let ws: TestWsClient;
let host: TestHost;
let agent: Spawned | undefined;
let buildDir = '';
/** Folders on the host's side; `thisPcOnly` holds a server folder the host cannot see. */
const onHost = tempDir('ark-remote-import-host-');
const thisPcOnly = tempDir('ark-remote-import-pc-only-');
const hiding = canHide();
if (!hiding.ok) console.log(`[remote-import-e2e] the host sees every folder of this PC: ${hiding.reason}`);

/** Whether a process can be started in a mount namespace with a tmpfs over one folder (root on Linux). */
function canHide(): { ok: true } | { ok: false; reason: string } {
  if (process.platform !== 'linux') return { ok: false, reason: `needs Linux (platform ${process.platform})` };
  const probe = spawnSync('unshare', ['--mount', '--propagation', 'private', '--', ...hideArgs(thisPcOnly), 'true']);
  if (probe.status === 0) return { ok: true };
  return {
    ok: false,
    reason: `unshare --mount refused: ${
      String(probe.stderr ?? probe.error)
        .trim()
        .split('\n')[0]
    }`,
  };
}

/** A shell that mounts an empty tmpfs over `dir`, then becomes the command that follows. */
function hideArgs(dir: string): string[] {
  return ['sh', '-c', 'mount -t tmpfs tmpfs "$0" && exec "$@"', dir];
}

/** `npm run agent`'s entry, in its own mount namespace when this machine allows it. */
function startHostAgent(token: string, dataDir: string, sim: SimEnv): Spawned {
  const tsx = path.join(ROOT, 'node_modules/tsx/dist/loader.mjs');
  const node = [process.execPath, '--import', tsx, path.join(ROOT, 'app/agent-cli.ts')];
  const args = ['--control-plane', h.url, '--token', token, '--data-dir', dataDir, '--steamcmd-path', sim.steamcmdPath];
  const [cmd, ...rest] = hiding.ok
    ? ['unshare', '--mount', '--propagation', 'private', '--', ...hideArgs(thisPcOnly), ...node, ...args]
    : [...node, ...args];
  return captured(spawn(cmd!, rest, { cwd: ROOT, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] }));
}

/** As addHost (test/helpers/remote-servers.ts), with the agent started as above. */
async function addHost(name: string): Promise<TestHost> {
  const res = await h.api<CreatedAgent>('POST', '/api/v1/agents', { name });
  expect(res.status).toBe(201);
  const base = { name, token: res.body.token, dataDir: tempDir(`ark-agent-${name}-`), sim: await SimEnv.create() };
  const full: TestHost = {
    ...base,
    agentId: res.body.agent.id,
    agent: startHostAgent(base.token, base.dataDir, base.sim),
  };
  await ws.waitFor('agent:registered', (d) => d.agentId === full.agentId, 120_000);
  await hostReady(h, full);
  return full;
}

/** An ASA server folder as a person leaves it: the build's files, a world, an INI and a start.bat. */
async function serverFolder(dir: string, session: string): Promise<string> {
  linkTree(buildDir, dir);
  writeIn(dir, MAP_SAVE, WORLD);
  writeIn(dir, 'ShooterGame/Saved/SavedArks/TheIsland_WP/0002abc.arkprofile', 'profile');
  writeIn(
    dir,
    'ShooterGame/Saved/Config/WindowsServer/GameUserSettings.ini',
    '[ServerSettings]\r\nServerAdminPassword=HostSecret7\r\nDifficultyOffset=0.6\r\n',
  );
  writeIn(dir, 'start-server.bat', startBat(dir, { game: await freePort(), rcon: await freePort(), session }));
  return fs.realpathSync(dir);
}

async function importOnHost(sourcePath: string, name: string, mode: 'copy' | 'in-place') {
  const res = await h.api('POST', '/api/v1/instances/import', { sourcePath, name, mode, agentId: host.agentId });
  const job = acceptedJob(res);
  expect(job).toMatchObject({ type: 'IMPORT_INSTANCE', agentId: host.agentId });
  const outcome = await jobOutcome(ws, job.id, 120_000);
  expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
  // The import page follows the job by GET /jobs/:id as well as by /ws: the control plane knows its end.
  const stored = await waitUntil('the job stored as completed', async () => {
    const got = await h.api<Job>('GET', `/api/v1/jobs/${job.id}`);
    return got.body.status === 'COMPLETED' && got.body;
  });
  expect(stored.agentId).toBe(host.agentId);
  return ImportInstanceJobResult.parse((outcome as { result: unknown }).result);
}

/** The imported server as the control plane lists it (the mirror learns it from the host's event). */
function listed(instanceId: string): Promise<Instance> {
  return waitUntil(`${instanceId} listed`, async () => (await instancesOf(h)).find((i) => i.id === instanceId), 30_000);
}

const fieldsOf = (body: unknown) =>
  (body as { error: { details: { fields: { field: string }[] } } }).error.details.fields.map((f) => f.field);

beforeAll(async () => {
  h = await Harness.start({ heartbeatIntervalSec: 2 });
  ws = await h.ws();
  host = await addHost('Homeserver');
  agent = host.agent;
  const installed = await jobOutcome(
    ws,
    acceptedJob(await h.api('POST', '/api/v1/builds/install', { agentId: host.agentId })).id,
    120_000,
  );
  expect(installed.ok, JSON.stringify(installed)).toBe(true);
  const builds = await h.api<BuildList>('GET', `/api/v1/builds?agentId=${host.agentId}`);
  buildDir = builds.body.items[0]!.installPath;
  expect(buildDir.startsWith(host.dataDir)).toBe(true);
}, 240_000);

afterAll(async () => {
  if (agent) await endProcess(agent);
  await h?.stop();
}, 60_000);

describe('importing a server folder that lies on a remote host', { timeout: 150_000 }, () => {
  let copySource = '';

  it('previews the folder through the control plane: the host’s scan comes back', async () => {
    copySource = await serverFolder(path.join(onHost, 'Island Server'), 'Home Island');
    const res = await h.api('POST', '/api/v1/instances/import/preview', {
      sourcePath: copySource,
      agentId: host.agentId,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const preview = ImportPreview.parse(res.body);
    expect(preview).toMatchObject({ sourcePath: copySource, hasServerExe: true, map: 'TheIsland_WP' });
    expect(preview.worlds).toMatchObject([{ world: 'TheIsland_WP.ark', profiles: 1, sizeBytes: WORLD.length }]);
    expect(preview.configFiles.map((f) => f.name)).toEqual(['GameUserSettings.ini']);
    expect(preview.settings).toMatchObject({ sessionName: 'Home Island', adminPassword: '********' });
  });

  it('imports it as a copy on the host’s build: listed with the host’s id, its files on the host', async () => {
    const result = await importOnHost(copySource, 'Home Island', 'copy');
    expect(result).toMatchObject({ name: 'Home Island', mode: 'copy' });
    const server = await listed(result.instanceId);
    expect(server.agentId).toBe(host.agentId);
    expect(server.settings.sessionName).toBe('Home Island');
    expect(server.installPath!.startsWith(host.dataDir)).toBe(true);
    expect(fs.readFileSync(path.join(server.installPath!, ...MAP_SAVE.split('/')))).toEqual(WORLD);
    // The control plane holds only the record: the files are in the host's data folder.
    expect(fs.existsSync(path.join(h.dataDir, 'runtime', 'instances', result.instanceId))).toBe(false);
  });

  it('imports another folder in place: the server runs from the host’s folder', async () => {
    const source = await serverFolder(path.join(onHost, 'Ragnarok Server'), 'Home Ragnarok');
    const result = await importOnHost(source, 'Home Ragnarok', 'in-place');
    expect(result).toMatchObject({ mode: 'in-place', filesCopied: 0 });
    const server = await listed(result.instanceId);
    expect(server).toMatchObject({ agentId: host.agentId, installPath: source, status: 'STOPPED' });
  });

  it('answers for a folder that exists on this PC only with the host’s 400 naming sourcePath', async () => {
    // Without a namespace the host sees this PC's folders: a path that exists nowhere stands in.
    const missing = hiding.ok ? await serverFolder(path.join(thisPcOnly, 'Local Server'), 'Local') : '/no/such/asa';
    if (hiding.ok) {
      const here = await h.api('POST', '/api/v1/instances/import/preview', { sourcePath: missing });
      expect(here.status, 'this PC reads the folder itself').toBe(200);
    }
    const calls = [
      ['/api/v1/instances/import/preview', { sourcePath: missing, agentId: host.agentId }],
      ['/api/v1/instances/import', { sourcePath: missing, name: 'Local', mode: 'in-place', agentId: host.agentId }],
    ] as const;
    for (const [route, body] of calls) {
      const res = await h.api('POST', route, body);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(fieldsOf(res.body)).toEqual(['sourcePath']);
      expect(JSON.stringify(res.body)).toContain('does not exist or cannot be read');
    }
  });

  it('reads the folder here when agentId names this PC, and keeps agentId out of the job’s params', async () => {
    const local = (await h.api<{ items: Agent[] }>('GET', '/api/v1/agents')).body.items.find(
      (a) => a.kind === 'local',
    )!;
    const source = await serverFolder(path.join(thisPcOnly, 'Desk Server'), 'Desk');
    const preview = await h.api('POST', '/api/v1/instances/import/preview', { sourcePath: source, agentId: local.id });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    const res = await h.api('POST', '/api/v1/instances/import', {
      sourcePath: source,
      name: 'Desk',
      mode: 'in-place',
      agentId: local.id,
    });
    const job = acceptedJob(res);
    expect(job).toMatchObject({ agentId: local.id, params: { sourcePath: source, name: 'Desk', mode: 'in-place' } });
    expect('agentId' in job.params).toBe(false);
    const outcome = await jobOutcome(ws, job.id);
    expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
    const { instanceId } = ImportInstanceJobResult.parse((outcome as { result: unknown }).result);
    expect(await listed(instanceId)).toMatchObject({ agentId: local.id, installPath: source });
  });

  it('answers 400 naming agentId for a host that does not exist', async () => {
    const nobody = crypto.randomUUID();
    const preview = await h.api('POST', '/api/v1/instances/import/preview', {
      sourcePath: copySource,
      agentId: nobody,
    });
    expect(preview.status).toBe(400);
    expect(fieldsOf(preview.body)).toEqual(['agentId']);
    const imported = await h.api('POST', '/api/v1/instances/import', {
      sourcePath: copySource,
      name: 'Ghost',
      agentId: nobody,
    });
    expect(imported.status).toBe(400);
    expect(fieldsOf(imported.body)).toEqual(['agentId']);
    expect((await instancesOf(h)).map((i) => i.name).sort()).toEqual(['Desk', 'Home Island', 'Home Ragnarok']);
  });
});

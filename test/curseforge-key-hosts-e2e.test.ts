import fs from 'node:fs';
import path from 'node:path';
import type { CreatedAgent, Instance, InstanceMods } from '@ark-asa/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, tempDir } from './helpers/harness.ts';
import { freePort, type Spawned } from './helpers/processes.ts';
import { waitUntil } from './helpers/remote-agents.ts';
import { endProcess, hostReady, startHostAgent, startPlane, type TestHost } from './helpers/remote-servers.ts';
import { SimEnv } from './helpers/sim-env.ts';

/**
 * The CurseForge key is set once, on the control plane, and a remote host's embedded manager gets
 * it (app/services/host-settings-push.ts): a host connecting later, a change while it is connected
 * and a change while it is away (at its next connection). Observed through the host's own answer
 * for the mods of a server it runs (`apiKeyConfigured`, a forwarded call). The server has no mods,
 * so nothing asks CurseForge.
 */
const KEY = 'cf-e2e-shared-key-0123456789';
const planeDir = tempDir('ark-plane-cfkey-');
const agents: Spawned[] = [];
let h: Harness;
let host: TestHost;
let server: Instance;

const putKey = async (apiKey: string | null) => {
  const res = await h.api('PUT', '/api/v1/mods/curseforge-key', { apiKey });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
};
const hostHasKey = async () => {
  const res = await h.api<InstanceMods>('GET', `/api/v1/instances/${server.id}/mods`);
  return res.status === 200 ? res.body.apiKeyConfigured : null;
};
const hostKeyBecomes = (configured: boolean) =>
  waitUntil(
    `the host's key ${configured ? 'set' : 'cleared'}`,
    async () => (await hostHasKey()) === configured,
    30_000,
  );
const spawnAgent = () => {
  const p = startHostAgent(h.url, host);
  agents.push(p);
  return p;
};

beforeAll(async () => {
  h = await startPlane(planeDir, await freePort(), 2);
  // Set before the host ever connected: it gets it when it does.
  await putKey(KEY);
  const res = await h.api<CreatedAgent>('POST', '/api/v1/agents', { name: 'Keyed' });
  expect(res.status).toBe(201);
  const partial = {
    name: 'Keyed',
    token: res.body.token,
    dataDir: tempDir('ark-agent-cfkey-'),
    sim: await SimEnv.create(),
  };
  host = { ...partial, agentId: res.body.agent.id, agent: null as unknown as Spawned };
  host.agent = spawnAgent();
  await hostReady(h, host);
  const created = await h.api<Instance>('POST', '/api/v1/instances', {
    name: 'Keyed Island',
    agentId: host.agentId,
    settings: { gamePort: await freePort(), rconPort: await freePort() },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  server = created.body;
}, 180_000);

afterAll(async () => {
  for (const p of agents) await endProcess(p);
  await h.stop();
}, 60_000);

describe("the control plane's CurseForge key on a remote host (a real agent process)", { timeout: 120_000 }, () => {
  it('reaches a host that connected after it was set', async () => {
    expect(server.agentId).toBe(host.agentId);
    await hostKeyBecomes(true);
  });

  it('follows a change made while the host is connected: cleared, then set again', async () => {
    await putKey(null);
    await hostKeyBecomes(false);
    await putKey(KEY);
    await hostKeyBecomes(true);
  });

  it("reaches a host that was away when it changed, at the host's next connection", async () => {
    await endProcess(host.agent);
    await waitUntil('the host offline', async () => (await hostHasKey()) === null, 30_000);
    // The user's PUT is not failed by a host that cannot be told.
    await putKey(null);
    host.agent = spawnAgent();
    await hostReady(h, host);
    await hostKeyBecomes(false);
  });

  it('keeps the key out of the logs of both sides', () => {
    const planeLog = fs.readFileSync(path.join(planeDir, 'plane-test.log'), 'utf8');
    expect(planeLog).toContain('sent the CurseForge key to the host');
    expect(planeLog).not.toContain(KEY);
    for (const p of agents) expect(p.stdout() + p.stderr()).not.toContain(KEY);
    const hostLogs = fs
      .readdirSync(host.dataDir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.log'));
    expect(hostLogs.length).toBeGreaterThan(0);
    for (const f of hostLogs) expect(fs.readFileSync(path.join(host.dataDir, f), 'utf8'), f).not.toContain(KEY);
  });
});

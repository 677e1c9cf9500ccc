import fs from 'node:fs';
import path from 'node:path';
import type { Agent, BuildList, CreatedAgent, ErrorEnvelope, Instance, Job } from '@ark-asa/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, tempDir } from './helpers/harness.ts';
import { freePort, type Spawned } from './helpers/processes.ts';
import { eventAfter, waitUntil } from './helpers/remote-agents.ts';
import {
  acceptedJob,
  builtAgentDir,
  channelHandshake,
  endProcess,
  heartbeatsNotNaming,
  hostReady,
  inst,
  instanceRoute,
  instancesOf,
  isAlive,
  jobOutcome,
  journalCount,
  journalOf,
  killPids,
  offlineAnswer,
  pidsListed,
  startBuiltAgent,
  startHostAgent,
  startPlane,
  type TestHost,
} from './helpers/remote-servers.ts';
import { SimEnv } from './helpers/sim-env.ts';
import type { TestWsClient } from './helpers/ws-client.ts';

/**
 * Issue #13 phase 2 end to end: two remote agents on this machine (real processes, each with a data
 * dir and a SteamCMD simulator of its own: Bravo is `npm run agent`'s bundle, Alpha its TypeScript
 * entry), federated by one control plane. Builds, servers, RCON, config files and logs go through
 * the control plane's REST API and /ws only. Then an agent is killed and restarted, the control
 * plane is restarted and a host is revoked: the servers keep running throughout and nothing is
 * restarted (the simulator journals one start per server).
 */
const HEARTBEAT_SEC = 2;
const ADMIN_PASSWORD = 'RemoteAdmin42';
const GAME_INI = [
  '[/script/shootergame.shootergamemode]',
  '; set through the control plane',
  'MaxDifficulty=True',
  '',
].join('\r\n');
const planeDir = tempDir('ark-plane-');
const builtDir = builtAgentDir();
const agents: Spawned[] = [];
const hosts: TestHost[] = [];
let port: number;
let h: Harness;
let ws: TestWsClient;

/** Bravo runs as `npm run agent` does (a bundle built by scripts/run-built.mjs); Alpha from its TypeScript. */
const spawnAgent = (host: Pick<TestHost, 'name' | 'token' | 'dataDir' | 'sim'>) => {
  const p = host.name === 'Bravo' ? startBuiltAgent(h.url, host, builtDir) : startHostAgent(h.url, host);
  agents.push(p);
  return p;
};
const remoteInstance = async (host: TestHost) => {
  const res = await h.api<Instance>('GET', instanceRoute(host));
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};
const listInstances = () => instancesOf(h);
const listedPids = (expected: (readonly [string, number | null])[]) =>
  pidsListed(h, expected, 5 * HEARTBEAT_SEC * 1000);
const rcon = (host: TestHost) =>
  h.api<{ response: string }>('POST', instanceRoute(host, '/rcon'), { command: 'ListPlayers' });
const heartbeatsWithout = (host: TestHost) => heartbeatsNotNaming(ws, host);
const jobCount = async () => (await h.api<{ items: Job[] }>('GET', '/api/v1/jobs?limit=500')).body.items.length;

beforeAll(async () => {
  port = await freePort();
  h = await startPlane(planeDir, port, HEARTBEAT_SEC);
  ws = await h.ws();
  for (const name of ['Alpha', 'Bravo']) {
    const res = await h.api<CreatedAgent>('POST', '/api/v1/agents', { name });
    expect(res.status).toBe(201);
    const host = { name, token: res.body.token, dataDir: tempDir(`ark-agent-${name}-`), sim: await SimEnv.create() };
    hosts.push({ ...host, agentId: res.body.agent.id, agent: spawnAgent(host) });
  }
  await Promise.all(hosts.map((x) => ws.waitFor('agent:registered', (d) => d.agentId === x.agentId, 120_000)));
  // A first registration starts the host's embedded manager only once welcomed: until it runs,
  // forwarded calls answer 503 "is starting".
  await Promise.all(hosts.map((x) => hostReady(h, x)));
}, 180_000);

afterAll(async () => {
  // Through the API while the host is there (a graceful stop); whatever still runs then, by pid.
  const online = hosts.filter(
    (x) => x.pid && isAlive(x.pid) && x.agent.child.exitCode === null && x.agent.child.signalCode === null,
  );
  await Promise.allSettled(
    online.map(async (x) => jobOutcome(ws, acceptedJob(await h.api('POST', instanceRoute(x, '/stop'), {})).id, 30_000)),
  );
  await killPids(hosts.flatMap((x) => (x.pid ? [x.pid] : [])));
  for (const p of agents) await endProcess(p);
  await h.stop();
  fs.rmSync(builtDir, { recursive: true, force: true });
}, 120_000);

describe('servers on remote agents (real agent processes, simulators)', { timeout: 120_000 }, () => {
  it('installs a build on each host through its agent, with the job on /ws', async () => {
    expect(hosts[1]!.agent.stderr(), "Bravo runs run-built's bundle").toMatch(
      /built .*agent\.js from app\/agent-cli\.ts/,
    );
    await Promise.all(
      hosts.map(async (x) => {
        const job = acceptedJob(await h.api('POST', '/api/v1/builds/install', { agentId: x.agentId }));
        expect(job.agentId).toBe(x.agentId);
        // The host published job:created before it answered, on the same channel: the mirror has it.
        expect(await h.api('GET', `/api/v1/jobs/${job.id}`)).toMatchObject({
          status: 200,
          body: { agentId: x.agentId },
        });
        await ws.waitFor('job:created', (d) => d.jobId === job.id && d.agentId === x.agentId);
        const done = await jobOutcome(ws, job.id);
        expect(done).toMatchObject({ ok: true, result: { buildId: '12345678', upToDate: false } });
        const { installPath } = (done as { result: { installPath: string } }).result;
        expect(installPath.startsWith(x.dataDir + path.sep), installPath).toBe(true);
        expect(ws.of('job:progress').some((p) => p.jobId === job.id)).toBe(true);
        expect((await h.api<Job>('GET', `/api/v1/jobs/${job.id}`)).body).toMatchObject({
          status: 'COMPLETED',
          agentId: x.agentId,
        });
        const builds = await h.api<BuildList>('GET', `/api/v1/builds?agentId=${x.agentId}`);
        expect(builds.body.items.map((b) => b.buildId)).toEqual(['12345678']);
      }),
    );
    // The control plane's own build cache is untouched: builds live on their host.
    expect((await h.api<BuildList>('GET', '/api/v1/builds')).body.items).toEqual([]);
  });

  it('creates a server on each host, listed with its host', async () => {
    const unknown = await h.api<ErrorEnvelope>('POST', '/api/v1/instances', {
      name: 'Nowhere',
      agentId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain('agentId');
    for (const x of hosts) {
      const settings = {
        map: 'TheIsland_WP',
        sessionName: `${x.name} PvE`,
        gamePort: await freePort(),
        rconPort: await freePort(),
        adminPassword: ADMIN_PASSWORD,
      };
      const res = await h.api<Instance>('POST', '/api/v1/instances', {
        name: `${x.name} Island`,
        agentId: x.agentId,
        settings,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({ agentId: x.agentId, status: 'STOPPED', buildId: '12345678' });
      expect(res.body.installPath!.startsWith(x.dataDir + path.sep), res.body.installPath!).toBe(true);
      x.instance = res.body;
      // Mirrored before the 201 was relayed (the host's instance:created travels ahead of its answer).
      expect((await listInstances()).find((i) => i.id === res.body.id)).toMatchObject({ agentId: x.agentId });
      await ws.waitFor('instance:created', (d) => d.instanceId === res.body.id && d.instance.agentId === x.agentId);
      expect(await remoteInstance(x)).toMatchObject({ id: res.body.id, agentId: x.agentId });
    }
    const listed = (await listInstances()).map((i) => [i.id, i.agentId]);
    expect(listed.sort()).toEqual(hosts.map((x) => [inst(x).id, x.agentId]).sort());
  });

  it('writes and reads a config file of a remote server', async () => {
    for (const x of hosts) {
      const put = await h.api<string>('PUT', instanceRoute(x, '/config/Game.ini'), GAME_INI);
      expect(put.status, JSON.stringify(put.body)).toBe(200);
      expect(put.body).toBe(GAME_INI);
      const got = await h.api<string>('GET', instanceRoute(x, '/config/Game.ini'));
      expect(got.headers.get('content-type')).toMatch(/text\/plain/);
      expect(got.body).toBe(GAME_INI);
      const onDisk = path.join(inst(x).installPath!, 'ShooterGame/Saved/Config/WindowsServer/Game.ini');
      expect(fs.readFileSync(onDisk, 'utf8')).toBe(GAME_INI);
    }
  });

  it('starts both servers: the jobs complete and RUNNING reaches /ws', async () => {
    for (const x of hosts) await x.sim.server(inst(x).installPath!, { startupSeconds: 1 });
    const jobs = await Promise.all(
      hosts.map(async (x) => acceptedJob(await h.api('POST', instanceRoute(x, '/start'), {}))),
    );
    for (const [i, x] of hosts.entries()) {
      expect(jobs[i]).toMatchObject({ agentId: x.agentId, instanceId: inst(x).id });
      expect(await jobOutcome(ws, jobs[i]!.id)).toMatchObject({ ok: true });
      await ws.waitFor('instance:status_changed', (d) => d.instanceId === inst(x).id && d.status === 'RUNNING');
      const running = await remoteInstance(x);
      expect(running.status).toBe('RUNNING');
      x.pid = running.runtime?.pid ?? undefined;
      expect(x.pid).toBeGreaterThan(0);
      expect(isAlive(x.pid!)).toBe(true);
      expect(journalCount(journalOf(x), 'started')).toBe(1);
      // The host's heartbeats carry its servers' metrics, as the local agent's do.
      await ws.waitFor(
        'agent:heartbeat',
        (d) => d.agentId === x.agentId && d.instances.some((m) => m.instanceId === inst(x).id && m.pid === x.pid),
        // The embedded manager samples on its own timer, which may still run at the default 10 s.
        30_000,
      );
    }
    const listed = await listInstances();
    expect(listed.map((i) => [i.id, i.status]).sort()).toEqual(hosts.map((x) => [inst(x).id, 'RUNNING']).sort());
    // The list is the control plane's mirror: it learns the process the host started (the host's
    // heartbeats carry its servers' pids), as the list of a local server shows it.
    const expected = hosts.map((x) => [inst(x).id, x.pid!] as const);
    expect(await listedPids(expected), 'runtime.pid of remote servers in the list').toEqual(expected);
  });

  it('answers RCON and serves the logs of remote servers', async () => {
    for (const x of hosts) {
      const res = await rcon(x);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.response).toMatch(/No Players Connected/);
      expect(journalOf(x).some((e) => e.event === 'rcon' && e.command === 'ListPlayers')).toBe(true);
      await ws.waitFor(
        'instance:log',
        (l) => l.instanceId === inst(x).id && l.source === 'server' && /advertising for join/.test(l.message),
      );
      const logs = await h.api<{ items: { message: string; source: string }[] }>(
        'GET',
        instanceRoute(x, '/logs?limit=500'),
      );
      expect(logs.status).toBe(200);
      expect(logs.body.items.some((l) => l.source === 'manager' && /Starting TheIsland_WP/.test(l.message))).toBe(true);
      expect(JSON.stringify(logs.body)).not.toContain(ADMIN_PASSWORD);
    }
    expect(JSON.stringify(ws.events)).not.toContain(ADMIN_PASSWORD);
  });

  it('keeps the server running when its agent is killed; calls for that host answer 503 at once', async () => {
    const [alpha, bravo] = hosts as [TestHost, TestHost];
    const mark = ws.events.length;
    alpha.agent.child.kill('SIGKILL');
    const offline = await eventAfter(ws, mark, 'agent:offline', (d) => d.agentId === alpha.agentId);
    // Noticed when the connection dropped, not by a timer: well within three heartbeat intervals.
    expect(offline.reason).toMatch(/connection to the host was lost/);
    expect(isAlive(alpha.pid!)).toBe(true);
    const jobsBefore = await jobCount();
    // The server's own page still opens while its host is away: the mirror answers it.
    expect(await h.api('GET', instanceRoute(alpha))).toMatchObject({
      status: 200,
      body: { id: inst(alpha).id, agentId: alpha.agentId, status: 'RUNNING' },
    });
    expect(await rcon(alpha)).toMatchObject(offlineAnswer(alpha));
    expect(await h.api('POST', instanceRoute(alpha, '/stop'), {})).toMatchObject(offlineAnswer(alpha));
    expect(await h.api('POST', '/api/v1/builds/install', { agentId: alpha.agentId })).toMatchObject(
      offlineAnswer(alpha),
    );
    expect(await h.api('POST', '/api/v1/instances', { name: 'Later', agentId: alpha.agentId })).toMatchObject(
      offlineAnswer(alpha),
    );
    expect(await jobCount()).toBe(jobsBefore);
    // The list still shows it (from the mirror), and the other host is unaffected.
    expect((await listInstances()).find((i) => i.id === inst(alpha).id)).toMatchObject({ agentId: alpha.agentId });
    expect((await rcon(bravo)).status).toBe(200);
    expect(isAlive(alpha.pid!)).toBe(true);
  });

  it('adopts the running server when the agent restarts: same pid, no duplicate, nothing restarted', async () => {
    const alpha = hosts[0]!;
    const mark = ws.events.length;
    alpha.agent = spawnAgent(alpha);
    await eventAfter(ws, mark, 'agent:registered', (d) => d.agentId === alpha.agentId);
    const back = await remoteInstance(alpha);
    expect(back).toMatchObject({ status: 'RUNNING', runtime: { pid: alpha.pid } });
    const listed = await listInstances();
    expect(listed.map((i) => i.id).sort()).toEqual(hosts.map((x) => inst(x).id).sort());
    expect(listed.find((i) => i.id === inst(alpha).id)).toMatchObject({
      status: 'RUNNING',
      runtime: { pid: alpha.pid },
    });
    expect((await rcon(alpha)).status).toBe(200);
    const statuses = ws.events
      .slice(mark)
      .filter((e) => e.event === 'instance:status_changed' && e.data.instanceId === inst(alpha).id);
    expect(statuses.map((e) => (e.data as { status: string }).status).filter((s) => s !== 'RUNNING')).toEqual([]);
    expect(journalCount(journalOf(alpha), 'started')).toBe(1);
    expect(isAlive(alpha.pid!)).toBe(true);
  });

  it('finds every host and server again after the control plane restarts, nothing restarted', async () => {
    expect(ws.invalid).toEqual([]);
    await h.stop(); // leaves every server running, as a manager update would
    h = await startPlane(planeDir, port, HEARTBEAT_SEC);
    ws = await h.ws();
    await waitUntil('both hosts online again', async () => {
      const agentsNow = (await h.api<{ items: Agent[] }>('GET', '/api/v1/agents')).body.items;
      return hosts.every((x) => agentsNow.find((a) => a.id === x.agentId)?.status === 'ONLINE');
    });
    for (const x of hosts) {
      expect(await remoteInstance(x)).toMatchObject({ status: 'RUNNING', runtime: { pid: x.pid } });
      expect((await rcon(x)).status).toBe(200);
      expect(journalCount(journalOf(x), 'started')).toBe(1);
      expect(isAlive(x.pid!)).toBe(true);
    }
    const listed = await listInstances();
    expect(listed.map((i) => [i.id, i.agentId, i.status, i.runtime?.pid]).sort()).toEqual(
      hosts.map((x) => [inst(x).id, x.agentId, 'RUNNING', x.pid]).sort(),
    );
  });

  it('cuts off a revoked host: its agent exits with code 3 and it is refused from then on', async () => {
    const bravo = hosts[1]!;
    const mark = ws.events.length;
    const revoked = await h.api<Agent>('DELETE', `/api/v1/agents/${bravo.agentId}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ status: 'OFFLINE', revokedAt: expect.any(String) });
    expect((await eventAfter(ws, mark, 'agent:offline', (d) => d.agentId === bravo.agentId)).reason).toMatch(/revoked/);
    expect(await bravo.agent.exited).toBe(3);
    expect(await channelHandshake(h.url, bravo.token)).toBe(403);
    expect((await h.api('POST', '/api/v1/instances', { name: 'Refused', agentId: bravo.agentId })).status).toBe(409);
    expect(await rcon(bravo)).toMatchObject({
      status: 409,
      body: { error: { message: expect.stringMatching(/revoked/) } },
    });
    expect(await h.api('GET', instanceRoute(bravo))).toMatchObject({ status: 200, body: { agentId: bravo.agentId } });
    // The other host carries on.
    expect((await rcon(hosts[0]!)).status).toBe(200);
    expect(ws.invalid).toEqual([]);
  });

  it('stops a remote server through the control plane: STOPPED on /ws, its process gone, no runtime left', async () => {
    const alpha = hosts[0]!;
    const job = acceptedJob(await h.api('POST', instanceRoute(alpha, '/stop'), {}));
    expect(job).toMatchObject({ agentId: alpha.agentId, instanceId: inst(alpha).id });
    expect(await jobOutcome(ws, job.id)).toMatchObject({ ok: true });
    await ws.waitFor('instance:status_changed', (d) => d.instanceId === inst(alpha).id && d.status === 'STOPPED');
    await waitUntil('the stopped server gone', () => !isAlive(alpha.pid!));
    expect(journalOf(alpha).map((e) => e.event)).toContain('exit');
    expect(await remoteInstance(alpha)).toMatchObject({ status: 'STOPPED', runtime: null });
    const listed = (await listInstances()).find((i) => i.id === inst(alpha).id);
    expect(listed?.status).toBe('STOPPED');
    const expected = [[inst(alpha).id, null] as const];
    expect(await listedPids(expected), 'runtime.pid of a stopped remote server in the list').toEqual(expected);
    // Still none once the host's heartbeats no longer name the server: a sample taken before the
    // stop must not bring the dead pid back into the list.
    const stale = await heartbeatsWithout(alpha);
    expect(await listedPids(expected), `runtime.pid after later heartbeats (stale sample seen: ${stale})`).toEqual(
      expected,
    );
  });

  it('reports a crash of a remote server on /ws and lists no dead pid for it', async () => {
    const alpha = hosts[0]!;
    const patched = await h.api('PATCH', instanceRoute(alpha), { settings: { autoRestartOnCrash: false } });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(await jobOutcome(ws, acceptedJob(await h.api('POST', instanceRoute(alpha, '/start'), {})).id)).toMatchObject(
      {
        ok: true,
      },
    );
    alpha.pid = (await remoteInstance(alpha)).runtime?.pid ?? undefined;
    expect(alpha.pid).toBeGreaterThan(0);
    // The host's latest sample names the running server: it is what a crash makes stale.
    const mark = ws.events.length;
    await eventAfter(ws, mark, 'agent:heartbeat', (d) => d.instances.some((m) => m.pid === alpha.pid), 30_000);
    await alpha.sim.server(inst(alpha).installPath!, { crashNow: true });
    await ws.waitFor('instance:status_changed', (d) => d.instanceId === inst(alpha).id && d.status === 'CRASHED');
    await waitUntil('the crashed server gone', () => !isAlive(alpha.pid!));
    const stale = await heartbeatsWithout(alpha);
    const expected = [[inst(alpha).id, null] as const];
    expect(await listedPids(expected), `runtime.pid of a crashed remote server (stale sample seen: ${stale})`).toEqual(
      expected,
    );
  });

  it('cancels a remote job through the control plane: the host ends its SteamCMD', async () => {
    const alpha = hosts[0]!;
    await alpha.sim.steamcmd({ mode: 'hang', buildId: '12345679', latestBuildId: '12345679' });
    const job = acceptedJob(await h.api('POST', '/api/v1/builds/install', { agentId: alpha.agentId }));
    await ws.waitFor('job:progress', (p) => p.jobId === job.id && p.message.startsWith('Downloading'), 60_000);
    expect(alpha.sim.runningSteamcmdPids().length).toBeGreaterThan(0);
    const cancel = await h.api('POST', `/api/v1/jobs/${job.id}/cancel`);
    expect(cancel.status, JSON.stringify(cancel.body)).toBe(202);
    await ws.waitFor('job:cancelled', (d) => d.jobId === job.id, 60_000);
    await waitUntil('SteamCMD ended on the host', () => alpha.sim.runningSteamcmdPids().length === 0);
    expect((await h.api<Job>('GET', `/api/v1/jobs/${job.id}`)).body).toMatchObject({
      status: 'CANCELLED',
      agentId: alpha.agentId,
    });
  });
});

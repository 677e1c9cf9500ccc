import net from 'node:net';
import { randomBytes } from 'node:crypto';
import type { Agent, CreatedAgent, Instance } from '@ark-asa/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, tempDir } from './helpers/harness.ts';
import {
  createNetnsLink,
  establishedTcp,
  netnsLeftovers,
  removeNetnsLinkSync,
  setHostLink,
  spawnTsInNetns,
  tcpProbeFromNetns,
  type NetnsLink,
} from './helpers/netns.ts';
import { freePort, type Spawned } from './helpers/processes.ts';
import { eventAfter } from './helpers/remote-agents.ts';
import {
  acceptedJob,
  endProcess,
  hostReady,
  inst,
  instanceRoute,
  isAlive,
  jobOutcome,
  journalCount,
  journalOf,
  killPids,
  type TestHost,
} from './helpers/remote-servers.ts';
import { SimEnv } from './helpers/sim-env.ts';
import type { TestWsClient } from './helpers/ws-client.ts';

/**
 * Issue #13: a remote agent on this machine but in a network namespace of its own, joined to the
 * control plane by a veth pair, so that it reaches the control plane only over a network link the
 * test can cut. A cut link (no process killed, the TCP connection left half-open) must make the
 * host OFFLINE by the heartbeat watchdog; the restored link must bring the same host back by
 * itself, with its server still running and not restarted.
 *
 * Needs root on Linux. Elsewhere the file says why it did not run; CI's Linux job sets
 * ARK_REQUIRE_NETNS=1, and there a machine that refuses namespaces fails the file instead.
 */
const HEARTBEAT_SEC = 2;
const created = createNetnsLink();
const netns: NetnsLink | null = 'link' in created ? created.link : null;
const netnsRequired = process.env.ARK_REQUIRE_NETNS === '1';
if (!netns) console.log(`[remote-agent-netns] not run: ${'reason' in created ? created.reason : ''}`);

let h: Harness | undefined;
let ws: TestWsClient;
let host: TestHost;
let port: number;
/** A listener on the test's own 127.0.0.1 at the control plane's port: the namespace must not reach it. */
let loopbackProbe: net.Server | undefined;
const agents: Spawned[] = [];

function link(): NetnsLink {
  if (!netns) throw new Error('no network namespace');
  return netns;
}

function startNsAgent(controlPlane: string, x: Pick<TestHost, 'token' | 'dataDir' | 'sim'>): Spawned {
  const args = ['--control-plane', controlPlane, '--token', x.token, '--data-dir', x.dataDir];
  const p = spawnTsInNetns(link(), 'app/agent-cli.ts', [...args, '--steamcmd-path', x.sim.steamcmdPath]);
  agents.push(p);
  return p;
}

const agentsListed = async () => (await h!.api<{ items: Agent[] }>('GET', '/api/v1/agents')).body.items;
const remoteInstance = async () => (await h!.api<Instance>('GET', instanceRoute(host))).body;
/** The agent's connection to the control plane as its own namespace sees it. */
const agentConnections = () =>
  establishedTcp(host.agent.child.pid!).filter((c) => c.remote === `${link().hostAddr}:${port}`);

describe.runIf(netns !== null || netnsRequired)(
  'a remote agent in its own network namespace',
  { timeout: 120_000 },
  () => {
    beforeAll(async () => {
      expect(netns, `ARK_REQUIRE_NETNS=1, but: ${'reason' in created ? created.reason : ''}`).not.toBeNull();
      const { hostAddr } = link();
      port = await freePort();
      // Listening on a non-loopback address needs an access token for the REST API and /ws.
      h = await Harness.start({
        dataDir: tempDir('ark-plane-netns-'),
        host: hostAddr,
        port,
        token: randomBytes(24).toString('hex'),
        heartbeatIntervalSec: HEARTBEAT_SEC,
      });
      expect(h.url).toBe(`http://${hostAddr}:${port}`);
      loopbackProbe = net.createServer((s) => s.destroy());
      await new Promise<void>((resolve) => loopbackProbe!.listen(port, '127.0.0.1', resolve));
      ws = await h.ws();
      const res = await h.api<CreatedAgent>('POST', '/api/v1/agents', { name: 'Namespaced' });
      expect(res.status).toBe(201);
      const x = {
        name: 'Namespaced',
        token: res.body.token,
        dataDir: tempDir('ark-agent-netns-'),
        sim: await SimEnv.create(),
      };
      host = { ...x, agentId: res.body.agent.id, agent: startNsAgent(h.url, x) };
    }, 60_000);

    afterAll(async () => {
      try {
        if (host?.pid) await killPids([host.pid]);
        for (const p of agents) await endProcess(p);
        await h?.stop();
        await new Promise((r) => (loopbackProbe ? loopbackProbe.close(r) : r(null)));
      } finally {
        // Always, even when a test or the lines above failed: nothing of the namespace may outlive the file.
        if (netns) {
          removeNetnsLinkSync(netns);
          expect(netnsLeftovers(netns)).toEqual([]);
        }
      }
    }, 60_000);

    it('registers over the veth link and beats; the control plane’s loopback is out of its reach', async () => {
      const { hostAddr, nsAddr } = link();
      const registered = await ws.waitFor('agent:registered', (d) => d.agentId === host.agentId, 120_000);
      expect(registered.agent).toMatchObject({ kind: 'remote', status: 'ONLINE', name: 'Namespaced' });
      const beat = await ws.waitFor('agent:heartbeat', (d) => d.agentId === host.agentId, 30_000);
      expect(beat.metrics.cpuCount).toBeGreaterThan(0);
      const listed = (await agentsListed()).find((a) => a.id === host.agentId);
      expect(listed).toMatchObject({ status: 'ONLINE', lastHeartbeatAt: expect.any(String) as unknown });

      // The agent's connection, seen from inside its namespace, runs over the veth pair.
      expect(agentConnections().map((c) => c.local)).toEqual([expect.stringMatching(`^${nsAddr}:`)]);
      // The same connection from the test's side: accepted on the host end, from the namespace's address.
      expect(
        establishedTcp('self').filter((c) => c.local === `${hostAddr}:${port}` && c.remote.startsWith(`${nsAddr}:`)),
      ).toHaveLength(1);

      // Isolation: the test's 127.0.0.1 listens on that port, yet the namespace's 127.0.0.1 is another one.
      const fromHost = await new Promise<string>((resolve) => {
        const s = net.connect({ host: '127.0.0.1', port }, () => (s.destroy(), resolve('connected')));
        s.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
      });
      expect(fromHost).toBe('connected');
      expect(await tcpProbeFromNetns(link(), '127.0.0.1', port)).toBe('ECONNREFUSED');
      expect(await tcpProbeFromNetns(link(), hostAddr, port)).toBe('connected');
    });

    it('runs a server on the namespaced host through the control plane', async () => {
      await hostReady(h!, host);
      const install = acceptedJob(await h!.api('POST', '/api/v1/builds/install', { agentId: host.agentId }));
      expect(await jobOutcome(ws, install.id)).toMatchObject({ ok: true });
      const settings = { map: 'TheIsland_WP', gamePort: await freePort(), rconPort: await freePort() };
      const res = await h!.api<Instance>('POST', '/api/v1/instances', {
        name: 'Netns',
        agentId: host.agentId,
        settings,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      host.instance = res.body;
      await host.sim.server(inst(host).installPath!, { startupSeconds: 1 });
      const start = acceptedJob(await h!.api('POST', instanceRoute(host, '/start'), {}));
      expect(await jobOutcome(ws, start.id)).toMatchObject({ ok: true });
      await ws.waitFor('instance:status_changed', (d) => d.instanceId === inst(host).id && d.status === 'RUNNING');
      host.pid = (await remoteInstance()).runtime?.pid ?? undefined;
      expect(host.pid).toBeGreaterThan(0);
      expect(isAlive(host.pid!)).toBe(true);
      expect(journalCount(journalOf(host), 'started')).toBe(1);
    });

    it('goes OFFLINE by the heartbeat watchdog when the link is cut, no process killed', async () => {
      expect(agentConnections()).toHaveLength(1);
      const mark = ws.events.length;
      setHostLink(link(), false);
      // No FIN or RST crosses a link that is down: only the missing heartbeats can tell, after three
      // intervals (the watchdog's reason names them), not a closed connection.
      const offline = await eventAfter(ws, mark, 'agent:offline', (d) => d.agentId === host.agentId, 60_000);
      expect(offline.reason).toBe(`No heartbeat for more than ${3 * HEARTBEAT_SEC} s`);
      expect((await agentsListed()).find((a) => a.id === host.agentId)?.status).toBe('OFFLINE');
      expect(host.agent.child.exitCode).toBeNull();
      expect(isAlive(host.pid!)).toBe(true);
    });

    it('comes back ONLINE by itself when the link is restored: same host, same agent process, server not restarted', async () => {
      const mark = ws.events.length;
      const agentPid = host.agent.child.pid;
      setHostLink(link(), true);
      await eventAfter(ws, mark, 'agent:registered', (d) => d.agentId === host.agentId, 120_000);
      await eventAfter(ws, mark, 'agent:heartbeat', (d) => d.agentId === host.agentId, 30_000);
      const remotes = (await agentsListed()).filter((a) => a.kind === 'remote');
      expect(remotes.map((a) => [a.id, a.status])).toEqual([[host.agentId, 'ONLINE']]);
      expect(host.agent.child.pid).toBe(agentPid);
      expect(host.agent.child.exitCode).toBeNull();
      expect(host.agent.stdout() + host.agent.stderr()).toMatch(/reconnecting to the control plane/);
      expect(agentConnections()).toHaveLength(1);

      // The server kept running while its host was cut off, and is reconciled, not restarted.
      expect(await remoteInstance()).toMatchObject({ status: 'RUNNING', runtime: { pid: host.pid } });
      const statuses = ws.events
        .slice(mark)
        .filter((e) => e.event === 'instance:status_changed' && e.data.instanceId === inst(host).id);
      expect(statuses.map((e) => (e.data as { status: string }).status).filter((st) => st !== 'RUNNING')).toEqual([]);
      expect(journalCount(journalOf(host), 'started')).toBe(1);
      expect(isAlive(host.pid!)).toBe(true);
    });
  },
);

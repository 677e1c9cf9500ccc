import path from 'node:path';
import { Cluster, type Instance, type Job } from '@ark-asa/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, tempDir } from './helpers/harness.ts';
import { freePort } from './helpers/processes.ts';
import { acceptedJobs, fieldsOf, flag, hostCopy, lastAt, localAgentId, startedArgs } from './helpers/remote-cluster.ts';
import { eventAfter, waitUntil } from './helpers/remote-agents.ts';
import {
  endProcess,
  isAlive,
  jobOutcome,
  killPids,
  startHostAgent,
  startPlane,
  type JobOutcome,
  type TestHost,
  addHost,
  installedServer,
} from './helpers/remote-servers.ts';
import { SimEnv } from './helpers/sim-env.ts';
import type { TestWsClient } from './helpers/ws-client.ts';

/**
 * Issue #13, clusters across hosts, end to end: one control plane with a server on this PC and a
 * real agent process (its own data dir and simulators) with a server on a "remote" host. The
 * cluster is defined on the control plane; the host gets its copy before its server joins and after
 * every change, and the control plane's runner orders the members' starts across both hosts. What
 * each server really started with is read from the simulator's journal in its install folder.
 */
const HEARTBEAT_SEC = 2;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const planeDir = tempDir('ark-plane-');
const hostFolder = tempDir('ark-cluster-host-');
const localFolder = tempDir('ark-cluster-pc-');
let h: Harness;
let ws: TestWsClient;
let localSim: SimEnv;
let host: TestHost;
let localId: string;
let here: Instance;
let there: Instance;
let cluster: Cluster;
/** A second remote host and its server, for the last case. */
let yonder: TestHost | undefined;
let far: Instance | undefined;

const simOf = (i: Instance) => (i.id === there.id ? host.sim : i.id === far?.id ? yonder!.sim : localSim);
const instanceRoute = (i: Instance) => `/api/v1/instances/${i.id}`;
const getInstance = async (i: Instance) => (await h.api<Instance>('GET', instanceRoute(i))).body;
const outcomes = (jobs: Job[]) => Promise.all(jobs.map((j) => jobOutcome(ws, j.id)));
const resultOf = (o: JobOutcome | undefined) => (o?.ok ? o.result : o);
const clusterAction = async (action: string, body: object) =>
  acceptedJobs(await h.api('POST', `/api/v1/clusters/${cluster.id}/${action}`, body));

beforeAll(async () => {
  h = await startPlane(planeDir, await freePort(), HEARTBEAT_SEC);
  ws = await h.ws();
  localSim = await SimEnv.create();
  expect((await h.api('PATCH', '/api/v1/settings', { steamcmdPath: localSim.steamcmdPath })).status).toBe(200);
  localId = await localAgentId(h);
  host = await addHost(h, ws, 'Faraway');
  here = await installedServer(h, ws, localSim, 'Here Island');
  there = await installedServer(h, ws, host.sim, 'There Island', host.agentId);
  host.instance = there;
  const res = await h.api('POST', '/api/v1/clusters', { name: 'Across hosts' });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  cluster = Cluster.parse(res.body);
}, 240_000);

afterAll(async () => {
  // Every process either server ever started: a test that failed half-way may have left any of them.
  const pids = [here, there, far].flatMap((i) =>
    i
      ? simOf(i)
          .journal(i.installPath!)
          .map((e) => e.pid ?? 0)
      : [],
  );
  await killPids(new Set(pids.filter((pid) => pid > 0 && isAlive(pid))));
  if (host) await endProcess(host.agent);
  if (yonder) await endProcess(yonder.agent);
  await h?.stop();
}, 120_000);

describe('a cluster spanning this PC and a remote host (real agent process, simulators)', { timeout: 120_000 }, () => {
  it('gives each host its folder and lets a server on each join', async () => {
    const folders = { [host.agentId]: hostFolder, [localId]: localFolder };
    const patched = await h.api('PATCH', `/api/v1/clusters/${cluster.id}`, { folders });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(Cluster.parse(patched.body)).toMatchObject({ folders, clusterDir: localFolder });
    for (const i of [here, there]) {
      const res = await h.api<Instance>('PATCH', instanceRoute(i), { clusterId: cluster.id });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.clusterId).toBe(cluster.id);
    }
    const got = Cluster.parse((await h.api('GET', `/api/v1/clusters/${cluster.id}`)).body);
    expect([...got.members].sort()).toEqual([here.id, there.id].sort());
    expect(await getInstance(there)).toMatchObject({ agentId: host.agentId, clusterId: cluster.id });
    const listed = (await h.api<{ items: Instance[] }>('GET', '/api/v1/instances')).body.items;
    expect(listed.find((i) => i.id === there.id)).toMatchObject({ clusterId: cluster.id });
    // The host was given its copy before its server joined: same game id, its own folder.
    expect(hostCopy(host, cluster.id)).toMatchObject({ gameClusterId: cluster.gameClusterId, clusterDir: hostFolder });
  });

  it('starts both members one after the other, each with the cluster id and its host folder', async () => {
    const jobs = await clusterAction('start', { gapSeconds: 0 });
    expect(jobs.map((j) => j.instanceId).sort()).toEqual([here.id, there.id].sort());
    // Both run on this PC's runner: only it knows the order across hosts.
    expect(jobs.map((j) => j.agentId)).toEqual([localId, localId]);
    const done = await outcomes(jobs);
    const remote = jobs.findIndex((j) => j.instanceId === there.id);
    expect(
      done.every((o) => o.ok),
      JSON.stringify(done),
    ).toBe(true);
    const pid = (resultOf(done[remote]) as { pid?: number }).pid;
    expect(resultOf(done[remote])).toMatchObject({ instanceId: there.id, status: 'RUNNING', pid: expect.any(Number) });
    expect(isAlive(pid!)).toBe(true);
    expect((await h.api<Job>('GET', `/api/v1/jobs/${jobs[remote]!.id}`)).body.status).toBe('COMPLETED');
    // Its progress is the host's job's, relayed.
    const progress = ws.of('job:progress').filter((p) => p.jobId === jobs[remote]!.id);
    expect(progress.some((p) => p.message.startsWith('Host "Faraway": '))).toBe(true);
    for (const i of [here, there]) {
      await waitUntil(`${i.name} RUNNING`, async () => (await getInstance(i)).status === 'RUNNING', 30_000);
    }
    const [a, b] = [startedArgs(host.sim, there), startedArgs(localSim, here)];
    expect(flag(a, 'clusterid')).toBe(cluster.gameClusterId);
    expect(flag(a, 'ClusterDirOverride')).toBe(hostFolder);
    expect(flag(b, 'clusterid')).toBe(cluster.gameClusterId);
    expect(flag(b, 'ClusterDirOverride')).toBe(localFolder);
    // The second member's process began only once the first was ready (gap 0: right after it).
    const [first, second] = jobs.map((j) => (j.instanceId === here.id ? here : there)) as [Instance, Instance];
    expect(lastAt(simOf(second), second, 'started') >= lastAt(simOf(first), first, 'ready')).toBe(true);
  });

  it('sends a rule change to the host: its server, restarted at once, starts with the rule', async () => {
    const res = await h.api('PATCH', `/api/v1/clusters/${cluster.id}`, {
      transferRules: { preventDownloadDinos: true },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // No wait for the host's copy: the relayed restart brings it up to date before it asks the host.
    const jobs = await clusterAction('restart', {});
    expect(jobs.map((j) => [j.type, j.instanceId]).sort()).toEqual(
      [
        ['RESTART_INSTANCE', here.id],
        ['RESTART_INSTANCE', there.id],
      ].sort(),
    );
    const done = await outcomes(jobs);
    expect(
      done.every((o) => o.ok),
      JSON.stringify(done),
    ).toBe(true);
    for (const [sim, i, folder] of [
      [host.sim, there, hostFolder],
      [localSim, here, localFolder],
    ] as const) {
      const args = startedArgs(sim, i);
      expect(args[0], i.name).toMatch(/\?PreventDownloadDinos=True/);
      expect(flag(args, 'clusterid')).toBe(cluster.gameClusterId);
      expect(flag(args, 'ClusterDirOverride')).toBe(folder);
      expect(sim.journal(i.installPath!).filter((e) => e.event === 'started')).toHaveLength(2);
    }
  });

  it('refuses an unknown cluster, host or game cluster id, and a folder ARK cannot read', async () => {
    const unknown = await h.api('PATCH', instanceRoute(there), { clusterId: UNKNOWN_ID, name: 'Renamed' });
    expect(fieldsOf(unknown)).toEqual(['clusterId']);
    // Refused before the host was called: nothing of the PATCH reached it.
    expect(await getInstance(there)).toMatchObject({ name: 'There Island', clusterId: cluster.id });
    const clusterRoute = `/api/v1/clusters/${cluster.id}`;
    expect(fieldsOf(await h.api('PATCH', clusterRoute, { folders: { [UNKNOWN_ID]: '/mnt/ark' } }))).toEqual([
      `folders.${UNKNOWN_ID}`,
    ]);
    const spaced = await h.api('PATCH', clusterRoute, { folders: { [host.agentId]: '/mnt/ark cluster' } });
    expect(fieldsOf(spaced).join()).toContain('folders');
    const badId = await h.api('PUT', clusterRoute, { name: 'Adopted', gameClusterId: 'bad id!' });
    expect(fieldsOf(badId)).toContain('gameClusterId');
    // None of the refusals changed the cluster.
    const now = Cluster.parse((await h.api('GET', clusterRoute)).body);
    expect(now).toMatchObject({ name: 'Across hosts', gameClusterId: cluster.gameClusterId });
    expect(now.folders).toEqual({ [host.agentId]: hostFolder, [localId]: localFolder });
  });

  it('stops both members', async () => {
    const pids = [startedPid(host.sim, there), startedPid(localSim, here)];
    const jobs = await clusterAction('stop', {});
    expect(jobs).toHaveLength(2);
    const done = await outcomes(jobs);
    expect(
      done.every((o) => o.ok),
      JSON.stringify(done),
    ).toBe(true);
    for (const i of [here, there]) {
      await waitUntil(`${i.name} STOPPED`, async () => (await getInstance(i)).status === 'STOPPED', 30_000);
    }
    await waitUntil('both processes gone', () => pids.every((p) => !isAlive(p)), 30_000);
  });

  it('fails the remote member at once while its host is offline, and still starts the local one', async () => {
    const mark = ws.events.length;
    host.agent.child.kill('SIGKILL');
    await eventAfter(ws, mark, 'agent:offline', (d) => d.agentId === host.agentId);
    const jobs = await clusterAction('start', { gapSeconds: 0 });
    const done = await outcomes(jobs);
    const remote = done[jobs.findIndex((j) => j.instanceId === there.id)];
    expect(remote).toMatchObject({ ok: false, error: { code: 'agent-offline' } });
    expect((remote as { error: { message: string } }).error.message).toContain('Faraway');
    expect(done[jobs.findIndex((j) => j.instanceId === here.id)]).toMatchObject({ ok: true });
    await waitUntil('the local member RUNNING', async () => (await getInstance(here)).status === 'RUNNING', 30_000);
    expect(journalStarts(host.sim, there)).toBe(2);
    const stop = await h.api<{ job: Job }>('POST', `${instanceRoute(here)}/stop`, {});
    expect(await jobOutcome(ws, stop.body.job.id)).toMatchObject({ ok: true });
  });

  it('writes a change made while the host was away onto it when it connects again', async () => {
    const rules = { transferRules: { preventUploadItems: true } };
    expect((await h.api('PATCH', `/api/v1/clusters/${cluster.id}`, rules)).status).toBe(200);
    expect(hostCopy(host, cluster.id)?.transferRules.preventUploadItems).toBe(false);
    const mark = ws.events.length;
    host.agent = startHostAgent(h.url, host);
    await eventAfter(ws, mark, 'agent:registered', (d) => d.agentId === host.agentId);
    await waitUntil('the host copy updated', () => hostCopy(host, cluster.id)?.transferRules.preventUploadItems);
    const done = await outcomes(await clusterAction('start', { gapSeconds: 0 }));
    expect(
      done.every((o) => o.ok),
      JSON.stringify(done),
    ).toBe(true);
    const url = startedArgs(host.sim, there)[0];
    for (const rule of ['PreventDownloadDinos', 'PreventUploadItems']) expect(url).toContain(`?${rule}=True`);
    expect(flag(startedArgs(host.sim, there), 'ClusterDirOverride')).toBe(hostFolder);
    expect((await outcomes(await clusterAction('stop', {}))).every((o) => o.ok)).toBe(true);
  });

  it("sends the host back to its own default folder when the user removes the host's", async () => {
    const res = await h.api('PATCH', `/api/v1/clusters/${cluster.id}`, { folders: { [host.agentId]: null } });
    expect(Cluster.parse(res.body).folders).toEqual({ [localId]: localFolder });
    // <host data root>/runtime/clusters/<id>, beside the host's instances folder.
    const hostDefault = path.join(path.dirname(path.dirname(there.installPath!)), 'clusters', cluster.id);
    expect(hostDefault.startsWith(host.dataDir + path.sep), hostDefault).toBe(true);
    await waitUntil(
      'the host copy on its default folder',
      () => hostCopy(host, cluster.id)?.clusterDir === hostDefault,
    );
  });

  it('orders one start across this PC and two hosts, each member on its own host folder', async () => {
    yonder = await addHost(h, ws, 'Yonder');
    far = await installedServer(h, ws, yonder.sim, 'Far Island', yonder.agentId);
    const yonderFolder = tempDir('ark-cluster-yonder-');
    const folders = { folders: { [yonder.agentId]: yonderFolder } };
    expect((await h.api('PATCH', `/api/v1/clusters/${cluster.id}`, folders)).status).toBe(200);
    expect((await h.api('PATCH', instanceRoute(far), { clusterId: cluster.id })).status).toBe(200);
    const jobs = await clusterAction('start', { gapSeconds: 0 });
    expect(jobs.map((j) => j.instanceId)).toEqual([here.id, there.id, far.id]);
    const done = await outcomes(jobs);
    expect(
      done.every((o) => o.ok),
      JSON.stringify(done),
    ).toBe(true);
    // Oldest member first, each started once the one before it was up, whichever host it is on.
    const chain = [here, there, far];
    for (let k = 1; k < chain.length; k++) {
      const [before, after] = [chain[k - 1]!, chain[k]!];
      expect(lastAt(simOf(after), after, 'started') >= lastAt(simOf(before), before, 'ready'), after.name).toBe(true);
    }
    const args = startedArgs(yonder.sim, far);
    expect(flag(args, 'clusterid')).toBe(cluster.gameClusterId);
    expect(flag(args, 'ClusterDirOverride')).toBe(yonderFolder);
    expect((await outcomes(await clusterAction('stop', {}))).every((o) => o.ok)).toBe(true);
  });

  it("deletes the hosts' copies with the cluster, a host offline then once it connects", async () => {
    for (const i of [here, there, far!])
      expect((await h.api('PATCH', instanceRoute(i), { clusterId: null })).status).toBe(200);
    const mark = ws.events.length;
    yonder!.agent.child.kill('SIGKILL');
    await eventAfter(ws, mark, 'agent:offline', (d) => d.agentId === yonder!.agentId);
    expect((await h.api('DELETE', `/api/v1/clusters/${cluster.id}`)).status).toBe(204);
    await waitUntil('the copy on Faraway deleted', () => hostCopy(host, cluster.id) === null);
    expect(hostCopy(yonder!, cluster.id)).not.toBeNull();
    const back = ws.events.length;
    yonder!.agent = startHostAgent(h.url, yonder!);
    await eventAfter(ws, back, 'agent:registered', (d) => d.agentId === yonder!.agentId);
    await waitUntil('the copy on Yonder deleted', () => hostCopy(yonder!, cluster.id) === null);
    // The game cluster id is free again on every host: a cluster adopting it takes a server there.
    const adopted = crypto.randomUUID();
    const put = await h.api('PUT', `/api/v1/clusters/${adopted}`, {
      name: 'Adopted',
      gameClusterId: cluster.gameClusterId,
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    for (const i of [there, far!]) {
      const joined = await h.api('PATCH', instanceRoute(i), { clusterId: adopted });
      expect(joined.status, JSON.stringify(joined.body)).toBe(200);
    }
    expect(hostCopy(yonder!, adopted)?.gameClusterId).toBe(cluster.gameClusterId);
  });
});

function startedPid(sim: SimEnv, i: Instance): number {
  return sim.journal(i.installPath!).findLast((e) => e.event === 'started')!.pid;
}

function journalStarts(sim: SimEnv, i: Instance): number {
  return sim.journal(i.installPath!).filter((e) => e.event === 'started').length;
}

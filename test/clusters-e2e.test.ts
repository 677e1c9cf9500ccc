import fs from 'node:fs';
import path from 'node:path';
import { Cluster, Instance, type Job } from '@ark-asa/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fastClock } from '../app/domain/clock.ts';
import { Harness, tempDir } from './helpers/harness.ts';
import { SimEnv } from './helpers/sim-env.ts';
import type { TestWsClient } from './helpers/ws-client.ts';

/**
 * Issue #10 item 1 end to end, through REST and /ws against the simulators: a cluster is created,
 * two servers join it, the cluster starts them one after the other with the same random
 * -clusterid and the same -ClusterDirOverride outside both instances, one leaves, and the cluster
 * stops with a countdown.
 */
let h: Harness;
let sim: SimEnv;
let ws: TestWsClient;
const dataDir = tempDir();
const clock = fastClock(600);
let island: Instance;
let center: Instance;
let cluster: Cluster;

const finished = (jobId: string) =>
  Promise.race([
    ws.waitFor('job:completed', (d) => d.jobId === jobId, 60_000).then(() => true),
    ws.waitFor('job:failed', (d) => d.jobId === jobId, 60_000).then(() => false),
  ]);
const statuses = () => ws.of('instance:status_changed').map((e) => `${e.instanceId}:${e.status}`);
const startedArgs = (inst: Instance): string[] => {
  const started = sim
    .journal(inst.installPath!)
    .filter((e) => e.event === 'started')
    .at(-1) as unknown as { args: string[] } | undefined;
  return started?.args ?? [];
};
const flag = (args: string[], name: string) =>
  args.find((a) => a.toLowerCase().startsWith(`-${name.toLowerCase()}=`))?.split('=')[1];
const jobsOf = async (route: string, body: unknown): Promise<Job[]> => {
  const res = await h.api<{ jobs: Job[] }>('POST', route, body);
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return res.body.jobs;
};

beforeAll(async () => {
  sim = await SimEnv.create();
  h = await Harness.start({ dataDir, clock });
  ws = await h.ws();
  await h.api('PATCH', '/api/v1/settings', { steamcmdPath: sim.steamcmdPath });
  const install = await h.api<{ job: Job }>('POST', '/api/v1/builds/install', {});
  expect(await finished(install.body.job.id)).toBe(true);
  const make = async (name: string, settings: object) =>
    Instance.parse((await h.api('POST', '/api/v1/instances', { name, settings })).body);
  // The island keeps an old free-text cluster id: membership must win over it.
  island = await make('Island', { map: 'TheIsland_WP', gamePort: 8111, rconPort: 28111, clusterId: 'default' });
  center = await make('Center', { map: 'TheCenter_WP', gamePort: 7832, rconPort: 27832 });
  for (const inst of [island, center]) await sim.server(inst.installPath!, { startupSeconds: 1 });
});
afterAll(async () => {
  for (const inst of [island, center]) if (inst) await h.api('POST', `/api/v1/instances/${inst.id}/stop`, {});
  await new Promise((r) => setTimeout(r, 1500));
  await h.stop();
});

describe('clusters end to end', () => {
  it('creates a cluster with a random game cluster id and a folder under the data root', async () => {
    const res = await h.api('POST', '/api/v1/clusters', {
      name: 'Home cluster',
      transferRules: { preventDownloadDinos: true },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    cluster = Cluster.parse(res.body);
    expect(cluster).toMatchObject({ name: 'Home cluster', members: [] });
    expect(cluster.gameClusterId).not.toBe('default');
    expect(cluster.gameClusterId.length).toBeGreaterThanOrEqual(16);
    expect(cluster.clusterDir).toBe(path.join(dataDir, 'runtime', 'clusters', cluster.id));
    const other = Cluster.parse((await h.api('POST', '/api/v1/clusters', { name: 'Other' })).body);
    expect(other.gameClusterId).not.toBe(cluster.gameClusterId);
    expect((await h.api('DELETE', `/api/v1/clusters/${other.id}`)).status).toBe(204);
  });

  it('lets servers join with PATCH clusterId, and refuses an unknown cluster naming clusterId', async () => {
    const unknown = await h.api<{ error: { details: { fields: { field: string }[] } } }>(
      'PATCH',
      `/api/v1/instances/${island.id}`,
      {
        clusterId: '00000000-0000-4000-8000-000000000000',
      },
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.fields.map((f) => f.field)).toEqual(['clusterId']);
    for (const inst of [island, center]) {
      const res = await h.api('PATCH', `/api/v1/instances/${inst.id}`, { clusterId: cluster.id });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(Instance.parse(res.body).clusterId).toBe(cluster.id);
    }
    const got = Cluster.parse((await h.api('GET', `/api/v1/clusters/${cluster.id}`)).body);
    expect([...got.members].sort()).toEqual([island.id, center.id].sort());
    expect((await h.api('DELETE', `/api/v1/clusters/${cluster.id}`)).status).toBe(409);
  });

  it('announces a cluster change as instance:updated of each member', async () => {
    const seen = ws.of('instance:updated').length;
    const res = await h.api('PATCH', `/api/v1/clusters/${cluster.id}`, {
      name: 'Home',
      transferRules: { tributeItemExpirationSeconds: 86400 },
    });
    expect(res.status).toBe(200);
    expect(Cluster.parse(res.body).transferRules).toMatchObject({
      preventDownloadDinos: true,
      tributeItemExpirationSeconds: 86400,
    });
    await ws.waitFor('instance:updated', () => ws.of('instance:updated').length >= seen + 2);
    const updated = ws
      .of('instance:updated')
      .slice(seen)
      .map((e) => e.instanceId);
    expect(updated.sort()).toEqual([island.id, center.id].sort());
  });

  it('starts the members one after the other with the same -clusterid and -ClusterDirOverride', async () => {
    const jobs = await jobsOf(`/api/v1/clusters/${cluster.id}/start`, { gapSeconds: 1 });
    expect(jobs.map((j) => j.instanceId)).toEqual([island.id, center.id]);
    for (const job of jobs) expect(await finished(job.id)).toBe(true);
    const order = statuses();
    expect(order.indexOf(`${island.id}:RUNNING`)).toBeLessThan(order.indexOf(`${center.id}:STARTING`));
    for (const inst of [island, center])
      expect(Instance.parse((await h.api('GET', `/api/v1/instances/${inst.id}`)).body).status).toBe('RUNNING');
    const [a, b] = [startedArgs(island), startedArgs(center)];
    expect(flag(a, 'clusterid')).toBe(cluster.gameClusterId);
    expect(flag(b, 'clusterid')).toBe(cluster.gameClusterId);
    expect(flag(a, 'ClusterDirOverride')).toBe(cluster.clusterDir);
    expect(flag(b, 'ClusterDirOverride')).toBe(cluster.clusterDir);
    expect(a.filter((x) => /^-clusterid=/i.test(x))).toHaveLength(1);
    expect(a[0]).toMatch(/\?PreventDownloadDinos=True\?TributeItemExpirationSeconds=86400/);
    for (const inst of [island, center])
      expect(cluster.clusterDir.startsWith(inst.installPath! + path.sep)).toBe(false);
    expect(cluster.clusterDir.startsWith(dataDir + path.sep)).toBe(true);
    expect(fs.statSync(cluster.clusterDir).isDirectory()).toBe(true);
  });

  it('backs up the cluster folder as a zip', async () => {
    fs.writeFileSync(path.join(cluster.clusterDir, 'upload-1'), 'survivor');
    const res = await h.api<{ file: string; sizeBytes: number }>('POST', `/api/v1/clusters/${cluster.id}/backups`);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(fs.existsSync(res.body.file)).toBe(true);
    expect(res.body.sizeBytes).toBeGreaterThan(0);
  });

  it('restarts every member with the same countdown, keeping the cluster arguments', async () => {
    const jobs = await jobsOf(`/api/v1/clusters/${cluster.id}/restart`, { countdownMinutes: 1 });
    expect(jobs.map((j) => [j.type, j.instanceId])).toEqual([
      ['RESTART_INSTANCE', island.id],
      ['RESTART_INSTANCE', center.id],
    ]);
    for (const job of jobs) expect(await finished(job.id)).toBe(true);
    for (const inst of [island, center]) expect(flag(startedArgs(inst), 'clusterid')).toBe(cluster.gameClusterId);
  });

  it('lets a server leave with clusterId null, and stops the cluster with a countdown', async () => {
    const left = await h.api('PATCH', `/api/v1/instances/${center.id}`, { clusterId: null });
    expect(Instance.parse(left.body).clusterId).toBeNull();
    expect(Cluster.parse((await h.api('GET', `/api/v1/clusters/${cluster.id}`)).body).members).toEqual([island.id]);
    const jobs = await jobsOf(`/api/v1/clusters/${cluster.id}/stop`, { countdownMinutes: 1, message: 'maintenance' });
    expect(jobs.map((j) => [j.type, j.instanceId, j.params])).toEqual([
      ['STOP_INSTANCE', island.id, { countdownMinutes: 1, message: 'maintenance' }],
    ]);
    expect(await finished(jobs[0]!.id)).toBe(true);
    const commands = sim
      .journal(island.installPath!)
      .filter((e) => e.event === 'rcon')
      .map((e) => e.command!.split(' ')[0]);
    expect(commands).toContain('Broadcast');
    expect(commands.slice(-2)).toEqual(['SaveWorld', 'DoExit']);
    expect(Instance.parse((await h.api('GET', `/api/v1/instances/${center.id}`)).body).status).toBe('RUNNING');
  });
});

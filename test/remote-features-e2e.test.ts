import fs from 'node:fs';
import path from 'node:path';
import {
  type Backup,
  BackupJobResult,
  type Instance,
  type PlayerList,
  RestoreResult,
  Schedule,
} from '@ark-asa/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readZip } from '../app/agents/backups/test-zip.ts';
import { FakeDiscord } from './helpers/fake-discord.ts';
import { Harness } from './helpers/harness.ts';
import { freePort, type Spawned } from './helpers/processes.ts';
import { waitUntil } from './helpers/remote-agents.ts';
import {
  acceptedJob,
  addHost,
  endProcess,
  inst,
  instanceRoute,
  isAlive,
  jobOutcome,
  killPids,
  type TestHost,
} from './helpers/remote-servers.ts';

import type { TestWsClient } from './helpers/ws-client.ts';

/**
 * Issue #13: what works for a server on this PC works for one on a remote agent. One real agent
 * process with the SteamCMD and server simulators, driven through the control plane's REST API and
 * /ws only: the players list, a schedule that the host fires, a backup restored over a changed
 * world, and a crash told to the control plane's Discord target exactly once.
 */
const WEBHOOK = 'https://discord.com/api/webhooks/223456789012345678/remote-e2e-webhook-token';
const PLAYERS = [
  { name: 'Rex Rider', id: '0002aaaabbbbccccddddeeeeffff0001' },
  { name: 'Dodo Keeper', id: '0002aaaabbbbccccddddeeeeffff0002' },
];
const SERVER_NAME = 'Outpost Island';
const MAP_SAVE = ['ShooterGame', 'Saved', 'SavedArks', 'TheIsland_WP', 'TheIsland_WP.ark'];
let h: Harness;
let ws: TestWsClient;
let discord: FakeDiscord;
let host: TestHost;
let agent: Spawned | undefined;

const worldFile = () => path.join(inst(host).installPath!, ...MAP_SAVE);
const run = async (method: string, route: string, body: unknown = {}) => {
  const outcome = await jobOutcome(ws, acceptedJob(await h.api(method, route, body)).id);
  expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
  return (outcome as { result: unknown }).result;
};
const startServer = async () => {
  await run('POST', instanceRoute(host, '/start'));
  await ws.waitFor('instance:status_changed', (d) => d.instanceId === inst(host).id && d.status === 'RUNNING');
  host.pid = (await h.api<Instance>('GET', instanceRoute(host))).body.runtime?.pid ?? undefined;
  expect(host.pid).toBeGreaterThan(0);
};
const schedules = async () =>
  (await h.api<{ items: unknown[] }>('GET', instanceRoute(host, '/schedules'))).body.items.map((s) =>
    Schedule.parse(s),
  );

beforeAll(async () => {
  discord = await FakeDiscord.start();
  h = await Harness.start({ heartbeatIntervalSec: 2, discordOrigin: discord.url });
  ws = await h.ws();
  host = await addHost(h, ws, 'Outpost');
  agent = host.agent;
  await run('POST', '/api/v1/builds/install', { agentId: host.agentId });
  const settings = { map: 'TheIsland_WP', gamePort: await freePort(), rconPort: await freePort() };
  const created = await h.api<Instance>('POST', '/api/v1/instances', {
    name: SERVER_NAME,
    agentId: host.agentId,
    settings: { ...settings, autoRestartOnCrash: false },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  host.instance = created.body;
  const joining = PLAYERS.map((p) => ({ ...p, joinAfterSec: 0 }));
  await host.sim.server(inst(host).installPath!, { startupSeconds: 1, players: joining });
  await startServer();
}, 180_000);

afterAll(async () => {
  if (host?.pid && isAlive(host.pid) && agent?.child.exitCode === null) {
    await Promise.allSettled([run('POST', instanceRoute(host, '/stop'))]);
  }
  await killPids(host?.pid ? [host.pid] : []);
  if (agent) await endProcess(agent);
  await h?.stop();
  await discord?.close();
}, 120_000);

describe('features of a server on a remote agent, through the control plane', { timeout: 120_000 }, () => {
  it('lists the players online on the remote server', async () => {
    const players = await waitUntil('both players listed', async () => {
      const res = await h.api<PlayerList>('GET', instanceRoute(host, '/players'));
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.items.length === PLAYERS.length && res.body.items;
    });
    expect(players).toEqual(PLAYERS.map((p) => ({ name: p.name, platformId: p.id })));
    expect(host.sim.journal(inst(host).installPath!).some((e) => e.command === 'ListPlayers')).toBe(true);
  });

  it(
    'creates a schedule that the host fires: its job reaches /ws, then it is removed',
    { timeout: 150_000 },
    async () => {
      const created = await h.api('POST', instanceRoute(host, '/schedules'), {
        action: 'BACKUP',
        cron: '* * * * *', // the next minute: the shortest a five-field cron allows
        enabled: true,
        timezone: 'UTC',
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const schedule = Schedule.parse(created.body);
      expect(schedule).toMatchObject({ instanceId: inst(host).id, action: 'BACKUP', lastResult: null });
      expect(schedule.nextRunAt).not.toBeNull();
      expect((await schedules()).map((s) => s.id)).toEqual([schedule.id]);
      // The host's scheduler fires it; the job is the host's and reaches the control plane's /ws.
      const job = await ws.waitFor(
        'job:created',
        (d) => d.instanceId === inst(host).id && d.type === 'BACKUP_INSTANCE',
        75_000,
      );
      expect(job.agentId).toBe(host.agentId);
      const done = await jobOutcome(ws, job.jobId);
      expect(done.ok, JSON.stringify(done)).toBe(true);
      expect(BackupJobResult.parse((done as { result: unknown }).result).backup.kind).toBe('scheduled');
      const fired = await waitUntil('the schedule records its run', async () =>
        (await schedules()).find((s) => s.id === schedule.id && s.lastResult !== null),
      );
      expect(fired.lastResult).toMatchObject({ status: 'started', jobId: job.jobId });
      const removed = await h.api('DELETE', instanceRoute(host, `/schedules/${schedule.id}`));
      expect(removed.status).toBe(204);
      expect(await schedules()).toEqual([]);
    },
  );

  it('restores a backup over a changed world on the host', async () => {
    const { backup } = BackupJobResult.parse(await run('POST', instanceRoute(host, '/backups'), { note: 'before' }));
    expect(backup).toMatchObject({ instanceId: inst(host).id, note: 'before', verified: true });
    const zipOnHost = path.join(host.dataDir, 'backups', inst(host).id, backup.fileName);
    const saved = (await readZip(zipOnHost)).get('SavedArks/TheIsland_WP/TheIsland_WP.ark');
    expect(saved?.length).toBeGreaterThan(0);
    const refused = await h.api<{ error: { code: string } }>(
      'POST',
      instanceRoute(host, `/backups/${backup.id}/restore`),
    );
    expect(refused).toMatchObject({ status: 409, body: { error: { code: 'instance-running' } } });
    await run('POST', instanceRoute(host, '/stop'));
    await waitUntil('the stopped server gone', () => !isAlive(host.pid!));
    // The world moves on after the backup: another save on the host's disk.
    const changed = Buffer.from('ASA-SIM-SAVE {"changed":"after the backup"}\n');
    fs.writeFileSync(worldFile(), changed);
    const result = RestoreResult.parse(await run('POST', instanceRoute(host, `/backups/${backup.id}/restore`)));
    expect(result.backupId).toBe(backup.id);
    expect(result.replaced).toContain('SavedArks/TheIsland_WP/TheIsland_WP.ark');
    expect(result.safetyBackupId).not.toBeNull();
    expect(fs.readFileSync(worldFile()).equals(saved!)).toBe(true);
    const list = await h.api<{ items: { id: string; kind: string }[] }>('GET', instanceRoute(host, '/backups'));
    expect(list.body.items[0]).toMatchObject({ id: result.safetyBackupId, kind: 'pre-restore' });
    // The changed world is not lost: the safety backup the host took first holds it.
    const safety = await h.api<Backup>('GET', instanceRoute(host, `/backups/${result.safetyBackupId}`));
    const safetyZip = path.join(host.dataDir, 'backups', inst(host).id, safety.body.fileName);
    expect((await readZip(safetyZip)).get('SavedArks/TheIsland_WP/TheIsland_WP.ark')?.equals(changed)).toBe(true);
  });

  it("tells the control plane's Discord target of the remote server's crash, exactly once", async () => {
    const target = await h.api('POST', '/api/v1/notifications/targets', {
      name: 'Ops',
      webhookUrl: WEBHOOK,
      events: ['server-crashed'],
    });
    expect(target.status, JSON.stringify(target.body)).toBe(201);
    await startServer();
    await host.sim.server(inst(host).installPath!, { crashNow: true });
    await ws.waitFor('instance:status_changed', (d) => d.instanceId === inst(host).id && d.status === 'CRASHED');
    const crashed = (p: { body: { embeds?: { title: string }[] } }) =>
      p.body.embeds?.[0]?.title === `Server crashed · ${SERVER_NAME}`;
    const post = await discord.waitFor(crashed, 30_000);
    expect(post.path).toBe('/api/webhooks/223456789012345678/remote-e2e-webhook-token');
    await waitUntil('the crashed server gone', () => !isAlive(host.pid!));
    // Settle: a second delivery (the host's manager, a republished event) would come within this.
    await new Promise((r) => setTimeout(r, 3000));
    expect(discord.posts.filter(crashed)).toHaveLength(1);
    expect(discord.posts).toHaveLength(1);
    const crashes = ws
      .of('instance:status_changed')
      .filter((d) => d.instanceId === inst(host).id && d.status === 'CRASHED');
    expect(crashes).toHaveLength(1);
    expect(ws.invalid).toEqual([]);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { BuildList, Instance, type Job } from '@ark-asa/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fastClock } from '../app/domain/clock.ts';
import { Harness, tempDir } from './helpers/harness.ts';
import { SimEnv } from './helpers/sim-env.ts';
import type { TestWsClient } from './helpers/ws-client.ts';

/**
 * Issue 3 end to end, through REST and /ws only, against the SteamCMD and ASA simulators: install,
 * two instances on one build, start, logs, RCON, players, stop with a countdown, crash → restart →
 * crash-loop guard, and a control-plane restart while a server runs.
 */
let h: Harness;
let sim: SimEnv;
let ws: TestWsClient;
const dataDir = tempDir();
const clock = fastClock(600); // a 1-minute countdown passes in 100 ms
let island: Instance;
let center: Instance;
const ADMIN_PASSWORD = 'IslandAdmin42';
const PLAYER = { name: 'Rex Hunter', id: '0002214a4a6742d9a347bd449b2dc143' };

const accept = async (method: string, route: string, body?: unknown): Promise<Job> => {
  const res = await h.api<{ job: Job }>(method, route, body);
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return res.body.job;
};
const finished = (jobId: string) =>
  Promise.race([
    ws
      .waitFor('job:completed', (d) => d.jobId === jobId, 60_000)
      .then((d) => ({ ok: true as const, result: d.result })),
    ws.waitFor('job:failed', (d) => d.jobId === jobId, 60_000).then((d) => ({ ok: false as const, error: d.error })),
  ]);
const statusesOf = (id: string) =>
  ws
    .of('instance:status_changed')
    .filter((e) => e.instanceId === id)
    .map((e) => e.status);

beforeAll(async () => {
  sim = await SimEnv.create();
  h = await Harness.start({ dataDir, clock });
  ws = await h.ws();
  await h.api('PATCH', '/api/v1/settings', { steamcmdPath: sim.steamcmdPath, crashRestartMaxAttempts: 2 });
});
afterAll(async () => {
  for (const inst of [island, center]) if (inst) await h.api('POST', `/api/v1/instances/${inst.id}/stop`, {});
  await new Promise((r) => setTimeout(r, 1500));
  await h.stop();
});

describe('ARK server lifecycle end to end', () => {
  it('installs the server through SteamCMD with rising progress and the protocol’s result', async () => {
    const job = await accept('POST', '/api/v1/builds/install', {});
    const done = await finished(job.id);
    expect(done).toEqual({
      ok: true,
      result: {
        buildId: '12345678',
        installPath: path.join(dataDir, 'runtime/cache/server_builds/ASA/12345678'),
        upToDate: false,
      },
    });
    const percents = ws
      .of('job:progress')
      .filter((p) => p.jobId === job.id)
      .map((p) => p.percent);
    expect(percents.length).toBeGreaterThan(2);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    const builds = BuildList.parse((await h.api('GET', '/api/v1/builds')).body);
    expect(builds.items.map((b) => b.buildId)).toEqual(['12345678']);
  });

  it('creates two instances on that one build, linked not copied', async () => {
    const make = async (name: string, settings: object) => {
      const res = await h.api('POST', '/api/v1/instances', { name, settings });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return Instance.parse(res.body);
    };
    island = await make('Island', {
      map: 'TheIsland_WP',
      sessionName: 'Island PvE',
      gamePort: 7811,
      rconPort: 27811,
      adminPassword: ADMIN_PASSWORD,
    });
    center = await make('Center', { map: 'TheCenter_WP', sessionName: 'Center PvP', gamePort: 7812, rconPort: 27812 });
    for (const inst of [island, center]) {
      expect(inst).toMatchObject({ status: 'STOPPED', buildId: '12345678' });
      const exe = path.join(inst.installPath!, 'ShooterGame/Binaries/Win64/ArkAscendedServer.exe');
      expect(fs.statSync(exe).nlink).toBeGreaterThanOrEqual(3);
    }
    const builds = BuildList.parse((await h.api('GET', '/api/v1/builds')).body);
    expect(builds.items[0]?.usedBy.sort()).toEqual([island.id, center.id].sort());
  });

  it('starts both: STARTING → RUNNING live, with server log lines streaming', async () => {
    await sim.server(island.installPath!, {
      startupSeconds: 1,
      players: [{ name: PLAYER.name, id: PLAYER.id, joinAfterSec: 0.2 }],
    });
    await sim.server(center.installPath!, { startupSeconds: 1 });
    const jobs = [
      await accept('POST', `/api/v1/instances/${island.id}/start`),
      await accept('POST', `/api/v1/instances/${center.id}/start`),
    ];
    for (const job of jobs) expect(await finished(job.id)).toMatchObject({ ok: true });
    for (const inst of [island, center]) expect(statusesOf(inst.id)).toEqual(['STARTING', 'RUNNING']);
    await ws.waitFor(
      'instance:log',
      (l) => l.instanceId === island.id && l.source === 'server' && /advertising for join/.test(l.message),
    );
    const logs = await h.api<{ items: { message: string; source: string }[] }>(
      'GET',
      `/api/v1/instances/${island.id}/logs?limit=500`,
    );
    expect(logs.body.items.some((l) => l.source === 'manager' && /Starting TheIsland_WP/.test(l.message))).toBe(true);
    // The server echoes its command line into its log; the password must not reach clients.
    expect(JSON.stringify(logs.body)).not.toContain(ADMIN_PASSWORD);
    expect(JSON.stringify(ws.events)).not.toContain(ADMIN_PASSWORD);
  });

  it('answers RCON and lists players', async () => {
    const rcon = await h.api<{ response: string }>('POST', `/api/v1/instances/${island.id}/rcon`, {
      command: 'ListPlayers',
    });
    expect(rcon.status).toBe(200);
    expect(rcon.body.response).toMatch(/Rex Hunter, 0002214a4a6742d9a347bd449b2dc143|No Players Connected/);
    await ws.waitFor('instance:log', (l) => l.instanceId === island.id && /joined this ARK/.test(l.message));
    const players = await h.api<{ items: { name: string; platformId: string }[] }>(
      'GET',
      `/api/v1/instances/${island.id}/players`,
    );
    expect(players.body.items).toEqual([{ name: PLAYER.name, platformId: PLAYER.id }]);
    const broadcast = await h.api('POST', `/api/v1/instances/${island.id}/broadcast`, { message: 'Hello survivors' });
    expect(broadcast.status).toBe(200);
  });

  it('stops with a countdown: Broadcast, SaveWorld, DoExit in that order, then STOPPED', async () => {
    const job = await accept('POST', `/api/v1/instances/${center.id}/stop`, {
      countdownMinutes: 2,
      message: 'maintenance',
    });
    expect(await finished(job.id)).toMatchObject({ ok: true, result: { killed: false } });
    // GetChat is the chat poll running in the background the whole time.
    const commands = sim
      .journal(center.installPath!)
      .filter((e) => e.event === 'rcon' && e.command !== 'GetChat')
      .map((e) => e.command!.split(' ')[0]);
    const firstSave = commands.indexOf('SaveWorld');
    expect(commands.slice(0, firstSave)).toEqual(['Broadcast', 'Broadcast']);
    expect(commands.slice(firstSave)).toEqual(['SaveWorld', 'DoExit']);
    expect(statusesOf(center.id).slice(-2)).toEqual(['STOPPING', 'STOPPED']);
    const notes = (
      await h.api<{ items: { message: string }[] }>('GET', `/api/v1/instances/${center.id}/logs?limit=500`)
    ).body.items.map((l) => l.message);
    expect(notes.join('\n')).toMatch(
      /Broadcast: Server shutting down in 2 minutes: maintenance[\s\S]*World saved[\s\S]*Server stopped/,
    );
  });

  it('brings a crashed server back by itself, until the crash-loop guard gives up', async () => {
    await sim.server(island.installPath!, { crashNow: true });
    await ws.waitFor('instance:status_changed', (d) => d.instanceId === island.id && d.status === 'CRASHED');
    await ws.waitFor(
      'instance:status_changed',
      (d) =>
        d.instanceId === island.id &&
        d.status === 'RUNNING' &&
        statusesOf(island.id).filter((s) => s === 'RUNNING').length === 2,
      30_000,
    );
    // Now it crashes right after every start: two automatic restarts, then the guard stops.
    await sim.server(island.installPath!, { crashAfterSeconds: 1.5 });
    await sim.server(island.installPath!, { crashNow: true });
    const loop = await ws.waitFor('system:error', (d) => d.code === 'crash-loop' && d.subjectId === island.id, 60_000);
    expect(loop.message).toMatch(/keeps crashing/);
    const inst = Instance.parse((await h.api('GET', `/api/v1/instances/${island.id}`)).body);
    expect(inst.status).toBe('CRASHED');
    await sim.server(island.installPath!, { crashAfterSeconds: null });
  });

  it('finds a running server again after the control plane restarts, without killing it', async () => {
    expect(await finished((await accept('POST', `/api/v1/instances/${center.id}/start`)).id)).toMatchObject({
      ok: true,
    });
    const before = Instance.parse((await h.api('GET', `/api/v1/instances/${center.id}`)).body);
    const pid = before.runtime?.pid;
    expect(pid).toBeGreaterThan(0);
    await h.stop(); // leaves servers running
    h = await Harness.start({ dataDir, clock });
    ws = await h.ws();
    const after = Instance.parse((await h.api('GET', `/api/v1/instances/${center.id}`)).body);
    expect(after.status).toBe('RUNNING');
    expect(after.runtime?.pid).toBe(pid);
    expect(() => process.kill(pid!, 0)).not.toThrow();
    const rcon = await h.api<{ response: string }>('POST', `/api/v1/instances/${center.id}/rcon`, {
      command: 'ListPlayers',
    });
    expect(rcon.body.response).toContain('No Players Connected');
  });

  it.each([
    ['disk-full', /disk space/i],
    ['network', /internet connection|network/i],
    ['no-subscription', /subscription|licen/i],
  ] as const)('reports the SteamCMD failure mode %s as a FAILED job with a clear message', async (mode, message) => {
    await sim.steamcmd({ mode, buildId: '22222222' });
    const done = await finished((await accept('POST', '/api/v1/builds/install', {})).id);
    expect(done.ok).toBe(false);
    expect(!done.ok && done.error.message).toMatch(message);
    await sim.steamcmd({ mode: 'normal' });
  });
});

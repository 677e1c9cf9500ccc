import fs from 'node:fs';
import path from 'node:path';
import { BuildList, Instance, type Job } from '@ark-asa/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Schedule } from '@ark-asa/contracts';
import { FakeClock } from './helpers/fake-clock.ts';
import { BROKEN_BUILD_MARKER } from '../sim/ark-server/main.ts';
import { Harness, tempDir } from './helpers/harness.ts';
import { SimEnv } from './helpers/sim-env.ts';
import type { TestWsClient } from './helpers/ws-client.ts';

/**
 * Schedules end to end, through REST and /ws only, against the SteamCMD and ASA simulators, with a
 * fake clock that moves only when the test says so: a scheduled restart warns at 15, 5 and 1
 * minutes then saves and exits; a cancelled countdown is announced in game; an automatic update to
 * a build whose server crashes at start is rolled back; outside the update window nothing restarts;
 * a run missed while the manager was closed is reported, not fired. No real minutes are waited.
 */
const MIN = 60_000;

let h: Harness;
let sim: SimEnv;
let ws: TestWsClient;
let inst: Instance;
const dataDir = tempDir();
const clock = new FakeClock('2030-06-01T04:40:00Z');

const run = async (method: string, route: string, body?: unknown) => {
  const res = await h.api<{ job: Job }>(method, route, body);
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return finished(res.body.job.id);
};
const finished = (jobId: string) =>
  Promise.race([
    ws
      .waitFor('job:completed', (d) => d.jobId === jobId, 60_000)
      .then((d) => ({ ok: true as const, result: d.result })),
    ws.waitFor('job:failed', (d) => d.jobId === jobId, 60_000).then((d) => ({ ok: false as const, error: d.error })),
  ]);
const get = async () => Instance.parse((await h.api('GET', `/api/v1/instances/${inst.id}`)).body);
const schedulesUrl = () => `/api/v1/instances/${inst.id}/schedules`;
const schedule = async (body: Record<string, unknown>) => {
  const res = await h.api(`POST`, schedulesUrl(), { enabled: true, timezone: 'UTC', ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return Schedule.parse(res.body);
};
const remove = async (id: string) => expect((await h.api('DELETE', `${schedulesUrl()}/${id}`)).status).toBe(204);
const managerLine = (re: RegExp) =>
  ws.waitFor('instance:log', (l) => l.instanceId === inst.id && l.source === 'manager' && re.test(l.message), 30_000);
const rconSince = (mark: number) =>
  sim
    .journal(inst.installPath!)
    .slice(mark)
    // ListPlayers and GetChat (the chat poll) are background reads, not what a schedule sent.
    .filter((e) => e.event === 'rcon' && e.command !== 'ListPlayers' && e.command !== 'GetChat')
    .map((e) => e.command!);

/** Polls a schedule until `done` holds (its final result is written just after the job's event). */
async function scheduleWhen(id: string, done: (s: Schedule) => boolean): Promise<Schedule> {
  for (let i = 0; i < 100; i += 1) {
    const list = (await h.api<{ items: unknown[] }>('GET', schedulesUrl())).body.items.map((s) => Schedule.parse(s));
    const s = list.find((x) => x.id === id);
    if (s && done(s)) return s;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`schedule ${id} never reached the expected state`);
}

/** A build whose server dies while loading (a bad patch, a mod it cannot load): exit code 3 after a second. */
function breakBuild(buildId: string): void {
  const win64 = path.join(dataDir, 'runtime/cache/server_builds/ASA', buildId, 'ShooterGame/Binaries/Win64');
  fs.writeFileSync(path.join(win64, BROKEN_BUILD_MARKER), 'Fatal error: Assertion failed loading the map\n');
}

beforeAll(async () => {
  sim = await SimEnv.create({ buildId: '100' });
  h = await Harness.start({ dataDir, clock });
  ws = await h.ws();
  await h.api('PATCH', '/api/v1/settings', { steamcmdPath: sim.steamcmdPath });
  expect(await run('POST', '/api/v1/builds/install', {})).toMatchObject({ ok: true });
  const created = await h.api('POST', '/api/v1/instances', {
    name: 'Island',
    settings: { map: 'TheIsland_WP', gamePort: 7841, rconPort: 27841 },
  });
  inst = Instance.parse(created.body);
  await sim.server(inst.installPath!, { startupSeconds: 0.5 });
  expect(await run('POST', `/api/v1/instances/${inst.id}/start`)).toMatchObject({ ok: true });
});
afterAll(async () => {
  await h.api('POST', `/api/v1/instances/${inst.id}/stop`, {});
  await new Promise((r) => setTimeout(r, 1500));
  await h.stop();
});

describe('schedules end to end', () => {
  it('creates, lists, changes and removes schedules, naming the bad field of a body', async () => {
    const badCron = await h.api<{ error: { details: { fields: { field: string }[] } } }>('POST', schedulesUrl(), {
      action: 'RESTART',
      cron: '0 5 * *',
      enabled: true,
    });
    expect(badCron.status).toBe(400);
    expect(badCron.body.error.details.fields.map((f) => f.field)).toEqual(['cron']);
    const noMessage = await h.api<{ error: { details: { fields: { field: string }[] } } }>('POST', schedulesUrl(), {
      action: 'BROADCAST',
      cron: '0 5 * * *',
      enabled: true,
    });
    expect(noMessage.body.error.details.fields.map((f) => f.field)).toEqual(['message']);
    const s = await schedule({ action: 'BROADCAST', cron: '0 20 * * 5', message: 'Dino dance tonight!' });
    expect(s).toMatchObject({
      description: 'At 20:00, only on Friday',
      nextRunAt: '2030-06-07T20:00:00.000Z',
      lastResult: null,
    });
    const off = await h.api('PATCH', `${schedulesUrl()}/${s.id}`, { enabled: false });
    expect(Schedule.parse(off.body)).toMatchObject({ enabled: false, nextRunAt: null, message: 'Dino dance tonight!' });
    expect((await h.api('PATCH', `${schedulesUrl()}/${crypto.randomUUID()}`, { enabled: true })).status).toBe(404);
    await remove(s.id);
    expect((await h.api<{ items: unknown[] }>('GET', schedulesUrl())).body.items).toEqual([]);
  });

  it('an only-when-empty restart does not run when ListPlayers gives no list: the count is unknown, not zero', async () => {
    await sim.server(inst.installPath!, { startupSeconds: 0.5, listPlayersReply: 'no-response' });
    await new Promise((r) => setTimeout(r, 400)); // the simulator polls its control file
    const pid = (await get()).runtime?.pid;
    const s = await schedule({ action: 'RESTART', cron: '50 4 * * *', onlyWhenEmpty: true });
    await clock.advanceTo('2030-06-01T04:50:00Z');
    const done = await scheduleWhen(s.id, (x) => x.lastResult !== null);
    expect(done.lastResult).toMatchObject({ status: 'skipped' });
    expect(done.lastResult?.reason).toMatch(/^Cannot tell whether anyone is online \(ListPlayers gave no player list/);
    expect((await get()).runtime?.pid).toBe(pid);
    await sim.server(inst.installPath!, { startupSeconds: 0.5, listPlayersReply: 'list' });
    await remove(s.id);
  });

  it('a scheduled restart warns at 15, 5 and 1 minutes in order, saves, exits and runs again', async () => {
    const s = await schedule({
      action: 'RESTART',
      cron: '0 5 * * *',
      warningMinutes: [15, 5, 1],
      message: 'daily restart',
    });
    expect(s.nextRunAt).toBe('2030-06-01T05:00:00.000Z');
    const pid = (await get()).runtime?.pid;
    const mark = sim.journal(inst.installPath!).length;
    await clock.advanceTo('2030-06-01T05:00:00Z');
    const job = await ws.waitFor('job:created', (d) => d.type === 'RESTART_INSTANCE' && d.instanceId === inst.id);
    await managerLine(/Broadcast: Server restarting in 15 minutes: daily restart/);
    await clock.advance(10 * MIN);
    await managerLine(/Broadcast: Server restarting in 5 minutes: daily restart/);
    await clock.advance(4 * MIN);
    await managerLine(/Broadcast: Server restarting in 1 minute: daily restart/);
    await clock.advance(MIN);
    expect(await finished(job.jobId)).toMatchObject({ ok: true });
    expect(rconSince(mark).slice(0, 5)).toEqual([
      'Broadcast Server restarting in 15 minutes: daily restart',
      'Broadcast Server restarting in 5 minutes: daily restart',
      'Broadcast Server restarting in 1 minute: daily restart',
      'SaveWorld',
      'DoExit',
    ]);
    const after = await get();
    expect(after.status).toBe('RUNNING');
    expect(after.runtime?.pid).not.toBe(pid);
    const done = await scheduleWhen(s.id, (x) => x.lastResult?.reason === 'Restart done');
    expect(done).toMatchObject({
      lastRunAt: '2030-06-01T05:00:00.000Z',
      nextRunAt: '2030-06-02T05:00:00.000Z',
      lastResult: { status: 'started', jobId: job.jobId },
    });
    await remove(s.id);
  });

  it('cancelling the countdown job announces it in game and the server keeps running', async () => {
    const s = await schedule({
      action: 'RESTART',
      cron: '30 5 * * *',
      warningMinutes: [10, 5],
      message: 'cancel test',
    });
    const pid = (await get()).runtime?.pid;
    const mark = sim.journal(inst.installPath!).length;
    await clock.advanceTo('2030-06-01T05:30:00Z');
    const job = await ws.waitFor(
      'job:created',
      (d) => d.type === 'RESTART_INSTANCE' && d.createdAt === '2030-06-01T05:30:00.000Z',
    );
    await managerLine(/Broadcast: Server restarting in 10 minutes: cancel test/);
    expect((await h.api('POST', `/api/v1/jobs/${job.jobId}/cancel`)).status).toBe(202);
    await ws.waitFor('job:cancelled', (d) => d.jobId === job.jobId);
    expect(rconSince(mark)).toEqual([
      'Broadcast Server restarting in 10 minutes: cancel test',
      'Broadcast The restart was cancelled; keep playing!',
    ]);
    const after = await get();
    expect(after).toMatchObject({ status: 'RUNNING', runtime: { pid } });
    expect((await scheduleWhen(s.id, (x) => x.lastResult?.status === 'skipped')).lastResult?.reason).toBe(
      'Restart cancelled by a user',
    );
    await remove(s.id);
  });

  it(
    'an automatic update to a build that does not start is rolled back and reported',
    { timeout: 120_000 },
    async () => {
      await sim.steamcmd({ buildId: '200' });
      const s = await schedule({
        action: 'UPDATE',
        cron: '0 6 * * *',
        warningMinutes: [1],
        message: 'new ARK build',
        updateWindow: { start: '05:45', end: '07:00' },
      });
      const mark = sim.journal(inst.installPath!).length;
      await clock.advanceTo('2030-06-01T06:00:00Z');
      const install = await ws.waitFor(
        'job:created',
        (d) => d.type === 'INSTALL_BUILD' && d.createdAt === '2030-06-01T06:00:00.000Z',
      );
      expect(await finished(install.jobId)).toMatchObject({ ok: true, result: { buildId: '200' } });
      expect((await get()).status).toBe('RUNNING'); // downloaded while the server kept running
      breakBuild('200');
      await managerLine(/Broadcast: Server restarting for an update in 1 minute: new ARK build/);
      await clock.advance(MIN);
      const rolled = await ws.waitFor(
        'system:error',
        (d) => d.code === 'update-rolled-back' && d.subjectId === inst.id,
        90_000,
      );
      expect(rolled.message).toMatch(/build 200 did not start: .*rolled back to build 100; now on build 100, RUNNING/);
      expect(await get()).toMatchObject({ buildId: '100', status: 'RUNNING' });
      const commands = rconSince(mark);
      const warned = commands.indexOf('Broadcast Server restarting for an update in 1 minute: new ARK build');
      expect(warned).toBeGreaterThanOrEqual(0);
      expect(commands.indexOf('DoExit', warned)).toBeGreaterThan(commands.indexOf('SaveWorld', warned));
      expect((await scheduleWhen(s.id, (x) => x.lastResult?.status === 'failed')).lastResult?.reason).toMatch(
        /rolled back to build 100/,
      );
      await remove(s.id);
    },
  );

  it('outside the update window a new build is downloaded but nothing restarts', async () => {
    await sim.steamcmd({ buildId: '300' });
    const s = await schedule({
      action: 'UPDATE',
      cron: '30 7 * * *',
      warningMinutes: [5],
      updateWindow: { start: '04:00', end: '07:00' },
    });
    const pid = (await get()).runtime?.pid;
    const mark = sim.journal(inst.installPath!).length;
    await clock.advanceTo('2030-06-01T07:30:00Z');
    const done = await scheduleWhen(s.id, (x) => x.lastResult?.status === 'skipped');
    expect(done.lastResult?.reason).toBe(
      'Outside the update window (04:00–07:00); build 300 is downloaded and waits for it',
    );
    expect(BuildList.parse((await h.api('GET', '/api/v1/builds')).body).items.map((b) => b.buildId)).toContain('300');
    expect(await get()).toMatchObject({ buildId: '100', status: 'RUNNING', runtime: { pid } });
    expect(rconSince(mark)).toEqual([]);
    await remove(s.id);
  });

  it('a run missed while the manager was closed is reported, not fired late', async () => {
    const s = await schedule({ action: 'RESTART', cron: '0 8 * * *', warningMinutes: [5] });
    const pid = (await get()).runtime?.pid;
    const mark = sim.journal(inst.installPath!).length;
    await h.stop(); // the server keeps running
    clock.set('2030-06-01T09:30:00Z');
    h = await Harness.start({ dataDir, clock });
    // Start-up announcements go to the first /ws client the moment it connects, so listen from before `open`.
    const first = new WebSocket(h.plane.wsUrl);
    const missed = await new Promise<{ code: string; message: string }>((resolve) =>
      first.on('message', (raw: Buffer) => {
        const e = JSON.parse(raw.toString('utf8')) as {
          event: string;
          data: { code: string; message: string; subjectId?: string };
        };
        if (e.event === 'system:error' && e.data.code === 'schedule-missed' && e.data.subjectId === inst.id)
          resolve(e.data);
      }),
    );
    first.close();
    ws = await h.ws();
    expect(missed.message).toMatch(
      /Missed the run due at 2030-06-01 08:00 \(UTC\).*Next run: 2030-06-02 08:00 \(UTC\)/,
    );
    const after = await scheduleWhen(s.id, (x) => x.lastResult?.status === 'missed');
    expect(after).toMatchObject({ nextRunAt: '2030-06-02T08:00:00.000Z', lastRunAt: null });
    await clock.advance(10 * MIN);
    expect(rconSince(mark)).toEqual([]);
    expect(await get()).toMatchObject({ status: 'RUNNING', runtime: { pid } });
    await remove(s.id);
  });
});

import { BuildList, Instance, Schedule, type Job } from '@ark-asa/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from './helpers/fake-clock.ts';
import { Harness, tempDir } from './helpers/harness.ts';
import { SimEnv } from './helpers/sim-env.ts';
import type { TestWsClient } from './helpers/ws-client.ts';

/**
 * Steam rolls a build back (issue #10): the SteamCMD simulator serves 200, the instance runs 200,
 * then Steam serves 150 again. Through REST and /ws only: the instance announces the rollback as
 * its available update, and an UPDATE schedule downloads 150 and switches the instance to it.
 */
let h: Harness;
let sim: SimEnv;
let ws: TestWsClient;
let inst: Instance;
const dataDir = tempDir();
const clock = new FakeClock('2030-06-01T04:40:00Z');

const run = async (method: string, route: string, body?: unknown) => {
  const res = await h.api<{ job: Job }>(method, route, body);
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  const id = res.body.job.id;
  return Promise.race([
    ws.waitFor('job:completed', (d) => d.jobId === id, 60_000).then((d) => d.result as Record<string, unknown>),
    ws.waitFor('job:failed', (d) => d.jobId === id, 60_000).then((d) => Promise.reject(new Error(d.error.message))),
  ]);
};
const get = async () => Instance.parse((await h.api('GET', `/api/v1/instances/${inst.id}`)).body);

async function scheduleWhen(id: string, done: (s: Schedule) => boolean): Promise<Schedule> {
  for (let i = 0; i < 400; i += 1) {
    const list = (await h.api<{ items: unknown[] }>('GET', `/api/v1/instances/${inst.id}/schedules`)).body.items;
    const s = list.map((x) => Schedule.parse(x)).find((x) => x.id === id);
    if (s && done(s)) return s;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`schedule ${id} never reached the expected state`);
}

beforeAll(async () => {
  sim = await SimEnv.create({ buildId: '200' });
  h = await Harness.start({ dataDir, clock });
  ws = await h.ws();
  await h.api('PATCH', '/api/v1/settings', { steamcmdPath: sim.steamcmdPath });
  expect(await run('POST', '/api/v1/builds/install', {})).toMatchObject({ buildId: '200' });
  const created = await h.api('POST', '/api/v1/instances', {
    name: 'Aberration',
    settings: { map: 'Aberration_WP', gamePort: 8131, rconPort: 28131 },
  });
  inst = Instance.parse(created.body);
});
afterAll(async () => {
  await h.stop();
});

describe('a build Steam rolled back', () => {
  it('is the update an instance on the pulled build is offered', async () => {
    expect(await run('POST', '/api/v1/builds/check')).toEqual({ latestBuildId: '200' });
    expect(await get()).toMatchObject({ buildId: '200', updateAvailable: null });

    await sim.steamcmd({ buildId: '150' });
    const announced = ws.waitFor(
      'instance:updated',
      (d) => d.instanceId === inst.id && d.instance.updateAvailable?.buildId === '150',
    );
    expect(await run('POST', '/api/v1/builds/check')).toEqual({ latestBuildId: '150' });
    expect((await announced).instance.updateAvailable).toEqual({ buildId: '150', direction: 'rollback' });
    expect(await get()).toMatchObject({ buildId: '200', updateAvailable: { buildId: '150', direction: 'rollback' } });
    const listed = (await h.api<{ items: unknown[] }>('GET', '/api/v1/instances')).body.items.map((i) =>
      Instance.parse(i),
    );
    expect(listed.find((i) => i.id === inst.id)?.updateAvailable).toEqual({ buildId: '150', direction: 'rollback' });
  });

  it('is downloaded and switched to by an UPDATE schedule', async () => {
    const created = await h.api('POST', `/api/v1/instances/${inst.id}/schedules`, {
      action: 'UPDATE',
      cron: '0 5 * * *',
      enabled: true,
      timezone: 'UTC',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const s = Schedule.parse(created.body);
    const switched = ws.waitFor(
      'instance:updated',
      (d) => d.instanceId === inst.id && d.instance.buildId === '150',
      60_000,
    );
    await clock.advanceTo('2030-06-01T05:00:00Z');
    const done = await scheduleWhen(
      s.id,
      (x) => x.lastResult?.status === 'started' && !!x.lastResult.reason?.match(/Updated/),
    );
    expect(done.lastResult?.reason).toBe('Updated from build 200 to 150');
    expect((await switched).instance.updateAvailable).toBeNull();
    expect(await get()).toMatchObject({ buildId: '150', updateAvailable: null });
    const builds = BuildList.parse((await h.api('GET', '/api/v1/builds')).body);
    expect(builds.latestBuildId).toBe('150');
    expect(builds.items.map((b) => b.buildId).sort()).toEqual(['150', '200']);
  });
});

import { BackupList, Instance, type Job } from '@ark-asa/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fastClock } from '../../app/domain/clock.ts';
import { Harness } from '../helpers/harness.ts';
import { SimEnv } from '../helpers/sim-env.ts';
import type { TestWsClient } from '../helpers/ws-client.ts';
import { Tally } from './tally.ts';

/**
 * The same request many times at once: PATCHes of one instance, starts of one stopped server
 * (against the simulators), and DELETEs of one schedule and one backup. No 5xx, the final state is
 * one of the requests, one event per change, one server process, one successful DELETE.
 */
let h: Harness;
let sim: SimEnv;
let ws: TestWsClient;
let inst: Instance;

const finished = (jobId: string) =>
  Promise.race([
    ws.waitFor('job:completed', (d) => d.jobId === jobId, 60_000).then((d) => ({ ok: true, result: d.result })),
    ws.waitFor('job:failed', (d) => d.jobId === jobId, 60_000).then((d) => ({ ok: false, result: d.error })),
  ]);
const accepted = async (method: string, route: string, body?: unknown) => {
  const res = await h.api<{ job: Job }>(method, route, body);
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return finished(res.body.job.id);
};
const at = (route: string) => `/api/v1/instances/${inst.id}${route}`;

beforeAll(async () => {
  sim = await SimEnv.create();
  h = await Harness.start({ clock: fastClock(600) });
  ws = await h.ws();
  await h.api('PATCH', '/api/v1/settings', { steamcmdPath: sim.steamcmdPath });
  expect((await accepted('POST', '/api/v1/builds/install', {})).ok).toBe(true);
  const created = await h.api('POST', '/api/v1/instances', {
    name: 'Racer',
    settings: { gamePort: 7951, rconPort: 27951, adminPassword: 'RaceAdmin42' },
  });
  inst = Instance.parse(created.body);
  await sim.server(inst.installPath!, { startupSeconds: 0.5, saveSeconds: 0.1 });
});
afterAll(async () => {
  await h.api('POST', at('/stop'), {});
  await h.stop({ stopServers: true });
});

/** `count` copies of a request at once; the statuses in request order. */
const burst = (count: number, make: (i: number) => Promise<{ status: number }>) =>
  Promise.all(Array.from({ length: count }, (_, i) => make(i).then((r) => r.status)));

describe('parallel races', () => {
  it('20 parallel PATCHes of one instance: all 200, final state is one body, one event each', async () => {
    const tally = new Tally('20 parallel PATCHes of one instance');
    const before = ws.of('instance:updated').filter((e) => e.instanceId === inst.id).length;
    const bodies = Array.from({ length: 20 }, (_, i) => ({
      name: `Racer ${i}`,
      settings: { sessionName: `Session ${i}`, maxPlayers: 10 + i },
    }));
    const statuses = await burst(20, (i) => h.api('PATCH', at(''), bodies[i]));
    statuses.forEach((s) => tally.add('PATCH answered 200', s === 200 ? null : `answered ${s}`));
    const final = Instance.parse((await h.api('GET', at(''))).body);
    const match = bodies.find((b) => b.name === final.name);
    const whole =
      match?.settings.sessionName === final.settings.sessionName &&
      match.settings.maxPlayers === final.settings.maxPlayers;
    tally.add(
      'final state is exactly one of the bodies',
      whole ? null : JSON.stringify({ name: final.name, s: final.settings.sessionName }),
    );
    const ok = statuses.filter((s) => s === 200).length;
    await ws.waitFor('instance:updated', (d) => d.instanceId === inst.id && d.instance.name === final.name);
    await new Promise((r) => setTimeout(r, 200)); // room for a stray extra event to show up
    const events = ws.of('instance:updated').filter((e) => e.instanceId === inst.id).length - before;
    tally.add('one instance:updated per successful PATCH', events === ok ? null : `${events} events for ${ok} PATCHes`);
    tally.print();
    expect(tally.failures()).toEqual([]);
  });

  it('10 parallel starts of one stopped server: 202 or 409, one server process, RUNNING', async () => {
    const tally = new Tally('10 parallel starts of one stopped server');
    const answers = await Promise.all(Array.from({ length: 10 }, () => h.api<{ job?: Job }>('POST', at('/start'))));
    answers.forEach((a) =>
      tally.add('start answered 202 or 409', [202, 409].includes(a.status) ? null : `answered ${a.status}`),
    );
    const jobs = answers.filter((a) => a.status === 202).map((a) => a.body.job!.id);
    tally.add('at least one start accepted', jobs.length > 0 ? null : 'none accepted');
    const outcomes = await Promise.all(jobs.map(finished));
    tally.add('a start job succeeded', outcomes.some((o) => o.ok) ? null : JSON.stringify(outcomes[0]));
    const final = Instance.parse((await h.api('GET', at(''))).body);
    tally.add('instance RUNNING after the burst', final.status === 'RUNNING' ? null : final.status);
    const pids = new Set(sim.journal(inst.installPath!).map((e) => e.pid));
    tally.add('exactly one server process', pids.size === 1 ? null : `${pids.size} processes: ${[...pids].join(', ')}`);
    const starting = ws
      .of('instance:status_changed')
      .filter((e) => e.instanceId === inst.id && e.status === 'STARTING');
    tally.add('one STARTING transition', starting.length === 1 ? null : `${starting.length} STARTING`);
    // The other accepted starts find it running (the API does not coalesce them): they must say so.
    for (const o of outcomes.filter((x) => !x.ok)) {
      const code = (o.result as { code?: string }).code;
      tally.add(
        'a start that lost the race fails as instance-running',
        code === 'instance-running' ? null : (code ?? 'no code'),
      );
    }
    console.log(
      `[adversarial] starts: ${jobs.length} accepted, ${answers.length - jobs.length} refused with 409, ` +
        `${outcomes.filter((o) => o.ok).length} jobs completed, ${outcomes.filter((o) => !o.ok).length} failed`,
    );
    tally.print();
    expect(tally.failures()).toEqual([]);
    expect((await accepted('POST', at('/stop'), {})).ok).toBe(true);
  });

  it('parallel DELETEs of one schedule and one backup: one 204, the others 404', async () => {
    const tally = new Tally('parallel DELETEs of one schedule and one backup');
    const schedule = await h.api<{ id: string }>('POST', at('/schedules'), {
      action: 'BACKUP',
      cron: '0 4 * * *',
      enabled: false,
    });
    expect(schedule.status, JSON.stringify(schedule.body)).toBe(201);
    const backup = await accepted('POST', at('/backups'), {});
    expect(backup.ok, JSON.stringify(backup.result)).toBe(true);
    const [taken] = BackupList.parse((await h.api('GET', at('/backups'))).body).items;
    for (const [what, route] of [
      ['schedule', at(`/schedules/${schedule.body.id}`)],
      ['backup', at(`/backups/${taken!.id}`)],
    ] as const) {
      const statuses = await burst(10, () => h.api('DELETE', route));
      const deleted = statuses.filter((s) => s === 204).length;
      const gone = statuses.filter((s) => s === 404).length;
      tally.add(`${what}: one 204`, deleted === 1 ? null : `${deleted} answered 204`);
      tally.add(`${what}: the rest 404`, gone === 9 ? null : `statuses ${statuses.join(',')}`);
      tally.add(`${what}: GET after is 404`, (await h.api('GET', route)).status === 404 ? null : 'still there');
    }
    tally.print();
    expect(tally.failures()).toEqual([]);
  });
});

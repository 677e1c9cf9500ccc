import { Instance, MetricHistory, type Agent, type Job } from '@ark-asa/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fastClock } from '../app/domain/clock.ts';
import { Harness, tempDir } from './helpers/harness.ts';
import { SimEnv } from './helpers/sim-env.ts';
import type { TestWsClient } from './helpers/ws-client.ts';

/** History over REST: heartbeats of the real local agent and a simulated server with a player. */
let h: Harness;
let sim: SimEnv;
let ws: TestWsClient;
let inst: Instance;
let agent: Agent;

type ErrorBody = { error: { code: string; details: { fields: { field: string }[] } } };

const run = async (route: string) => {
  const res = await h.api<{ job: Job }>('POST', route, {});
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  const id = res.body.job.id;
  return Promise.race([
    ws.waitFor('job:completed', (d) => d.jobId === id, 60_000),
    ws.waitFor('job:failed', (d) => d.jobId === id, 60_000).then((d) => Promise.reject(new Error(d.error.message))),
  ]);
};

const history = async (query: string) => {
  const res = await h.api('GET', `/api/v1/metrics/history?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return MetricHistory.parse(res.body);
};

beforeAll(async () => {
  sim = await SimEnv.create({ buildId: '100' });
  // Heartbeats every 0.3 s: a handful of samples in a couple of seconds.
  h = await Harness.start({ dataDir: tempDir(), clock: fastClock(600), heartbeatIntervalSec: 0.3 });
  ws = await h.ws();
  await h.api('PATCH', '/api/v1/settings', { steamcmdPath: sim.steamcmdPath });
  await run('/api/v1/builds/install');
  const created = await h.api('POST', '/api/v1/instances', {
    name: 'History',
    settings: { gamePort: 7981, rconPort: 27981 },
  });
  inst = Instance.parse(created.body);
  await sim.server(inst.installPath!, {
    startupSeconds: 0.5,
    players: [{ name: 'Rex', id: '0002214a4a6742d9a347bd449b2dc143', joinAfterSec: 0.1 }],
  });
  agent = (await h.api<{ items: Agent[] }>('GET', '/api/v1/agents')).body.items[0]!;
});
afterAll(async () => {
  await h.api('POST', `/api/v1/instances/${inst.id}/stop`, {});
  await new Promise((r) => setTimeout(r, 1000));
  await h.stop();
});

describe('metric history over REST', () => {
  it('answers a server that never ran with an empty history, and names a bad field', async () => {
    const empty = await history(`subject=instance&id=${inst.id}&range=1h`);
    expect(empty).toMatchObject({ subject: 'instance', id: inst.id, range: '1h', points: [] });
    const bad = await h.api<ErrorBody>('GET', `/api/v1/metrics/history?subject=planet&id=${inst.id}&range=2y`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields.map((f) => f.field).sort()).toEqual(['range', 'subject']);
    const missing = await h.api<ErrorBody>('GET', `/api/v1/metrics/history?subject=host&id=${crypto.randomUUID()}`);
    expect(missing.status).toBe(404);
  });

  it('keeps the host CPU and memory of every heartbeat', async () => {
    for (let i = 0; i < 3; i += 1) await ws.waitFor('agent:heartbeat', (d) => d.agentId === agent.id);
    // The recorder writes on the turn after the event: give it that turn.
    await new Promise((r) => setTimeout(r, 100));
    const host = await history(`subject=host&id=${agent.id}&range=1h`);
    expect(host.resolutionSec).toBeCloseTo(0.3);
    expect(host.points.length).toBeGreaterThanOrEqual(3);
    const last = host.points.at(-1)!;
    expect(last.memoryTotalBytes).toBeGreaterThan(0);
    expect(last.memoryBytes).toBeGreaterThan(0);
    expect(last.cpuPercent).toBeGreaterThanOrEqual(0);
    expect(last).not.toHaveProperty('players');
    const day = await history(`subject=host&id=${agent.id}&range=24h`);
    expect(day.resolutionSec).toBe(300);
    expect(day.points.length).toBeGreaterThanOrEqual(1);
  });

  it("keeps a running server's process metrics and player count", async () => {
    await run(`/api/v1/instances/${inst.id}/start`);
    await ws.waitFor(
      'agent:heartbeat',
      (d) => d.instances.some((i) => i.instanceId === inst.id && i.playersOnline === 1),
      30_000,
    );
    await new Promise((r) => setTimeout(r, 100));
    const res = await h.api('GET', `/api/v1/instances/${inst.id}/metrics/history?range=1h`);
    expect(res.status).toBe(200);
    const server = MetricHistory.parse(res.body);
    expect(server.points.length).toBeGreaterThanOrEqual(1);
    expect(server.points.at(-1)).toMatchObject({ players: 1, playersMax: 1 });
    expect(server.points.some((p) => p.memoryBytes !== null && p.memoryBytes > 0)).toBe(true);
  });
});

import { Instance, PlayerList, type Job } from '@ark-asa/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fastClock } from '../app/domain/clock.ts';
import { Harness, tempDir } from './helpers/harness.ts';
import { SimEnv } from './helpers/sim-env.ts';
import type { TestWsClient } from './helpers/ws-client.ts';

/**
 * What the real game does, end to end through REST and /ws against the simulators: a server bound
 * to a MultiHome address (RCON is not on loopback), a ListPlayers reply over 20 KB sent as one
 * packet, an admin password RCON would reject, and a server that restarts itself for memory.
 */
let h: Harness;
let sim: SimEnv;
let ws: TestWsClient;
let server: Instance;
const dataDir = tempDir();
const EOS = (i: number) => i.toString(16).padStart(32, '0');

const accept = async (method: string, route: string, body?: unknown): Promise<Job> => {
  const res = await h.api<{ job: Job }>(method, route, body);
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return res.body.job;
};
const completed = async (job: Job) => {
  const outcome = await Promise.race([
    ws.waitFor('job:completed', (d) => d.jobId === job.id, 60_000).then(() => null),
    ws.waitFor('job:failed', (d) => d.jobId === job.id, 60_000).then((d) => d.error),
  ]);
  expect(outcome, `${job.type} failed`).toBeNull();
};

/** On a failure: the server's statuses, the manager's lines about it and the memory it was seen using. */
const whatHappened = (instanceId: string) =>
  [
    `statuses: ${ws
      .of('instance:status_changed')
      .filter((e) => e.instanceId === instanceId)
      .map((e) => `${e.status} (${e.reason ?? ''})`)
      .join(' → ')}`,
    `manager lines: ${ws
      .of('instance:log')
      .filter((l) => l.instanceId === instanceId && l.source === 'manager')
      .map((l) => l.message)
      .join(' | ')}`,
    `memory samples (MB): ${ws
      .of('agent:heartbeat')
      .flatMap((b) => b.instances.filter((i) => i.instanceId === instanceId))
      .map((i) => (i.memoryBytes === null ? 'null' : Math.round(i.memoryBytes / 1e6)))
      .join(' ')}`,
  ].join('\n');

beforeAll(async () => {
  sim = await SimEnv.create();
  h = await Harness.start({
    dataDir,
    clock: fastClock(600),
    heartbeatIntervalSec: 1,
    supervisorTimeouts: { playersPollMs: 500 },
  });
  ws = await h.ws();
  await h.api('PATCH', '/api/v1/settings', { steamcmdPath: sim.steamcmdPath });
  await completed(await accept('POST', '/api/v1/builds/install', {}));
});
afterAll(async () => {
  // Servers left running by a failed test would hold their ports for the next run.
  await h.stop({ stopServers: true });
});

describe('the real game’s behaviour', () => {
  it('refuses an admin password RCON cannot carry, naming the field', async () => {
    const res = await h.api<{
      error: { code: string; details: { fieldErrors: { field: string; message: string }[] } };
    }>('POST', '/api/v1/instances', { name: 'Accents', settings: { adminPassword: 'Pässwörd1' } });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toMatch(/adminPassword/);
    expect(JSON.stringify(res.body)).toMatch(/basic Latin/);
  });

  it('reaches RCON on the MultiHome address: players listed, and a stop that saves the world', async () => {
    const res = await h.api('POST', '/api/v1/instances', {
      name: 'Bound',
      settings: {
        sessionName: 'Bound',
        gamePort: 7861,
        rconPort: 27861,
        adminPassword: 'Admin12345',
        extraQueryArgs: ['MultiHome=127.0.0.2'],
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    server = Instance.parse(res.body);
    // 450 players: a ListPlayers reply of about 22 KB, sent by the simulator as ONE packet, as ASA does.
    const players = Array.from({ length: 450 }, (_, i) => ({
      name: `Survivor Number ${i}`,
      id: EOS(i + 1),
      joinAfterSec: 0,
    }));
    await sim.server(server.installPath!, { startupSeconds: 1, players });
    await completed(await accept('POST', `/api/v1/instances/${server.id}/start`));
    await ws.waitFor('instance:status_changed', (d) => d.instanceId === server.id && d.status === 'RUNNING', 60_000);

    const list = await h.api('GET', `/api/v1/instances/${server.id}/players`);
    expect(list.status, JSON.stringify(list.body).slice(0, 300)).toBe(200);
    expect(PlayerList.parse(list.body).items).toHaveLength(450);

    await completed(await accept('POST', `/api/v1/instances/${server.id}/stop`, {}));
    const commands = sim
      .journal(server.installPath!)
      .filter((e) => e.event === 'rcon')
      .map((e) => e.command);
    expect(commands).toContain('SaveWorld');
    expect(commands).toContain('DoExit');
  });

  it('a memory restart (-GBUsageToForceRestart) brings the server back without counting as a crash', async () => {
    const res = await h.api('POST', '/api/v1/instances', {
      name: 'Hungry',
      settings: {
        sessionName: 'Hungry',
        gamePort: 7862,
        rconPort: 27862,
        extraDashArgs: ['-GBUsageToForceRestart=0.4'],
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const hungry = Instance.parse(res.body);
    // Past 0.4 GB the simulator saves (8 s: several memory samples land, even on a loaded machine) and exits by itself.
    await sim.server(hungry.installPath!, { startupSeconds: 0.5, memoryGrowthMbPerSec: 80, saveSeconds: 8 });
    await completed(await accept('POST', `/api/v1/instances/${hungry.id}/start`));
    await ws.waitFor('instance:status_changed', (d) => d.instanceId === hungry.id && d.status === 'RUNNING', 30_000);
    // Once it is over the limit (and saving), the next process must not grow again.
    for (let i = 0; i < 600 && !sim.journal(hungry.installPath!).some((e) => e.event === 'memory-restart'); i += 1) {
      await new Promise((r) => setTimeout(r, 100));
    }
    await sim.server(hungry.installPath!, { startupSeconds: 0.5, memoryGrowthMbPerSec: 0 });
    const line = await ws
      .waitFor(
        'instance:log',
        (l) => l.instanceId === hungry.id && /restarted itself to free memory/.test(l.message),
        60_000,
      )
      .catch((err: Error) => {
        throw new Error(`${err.message}\n${whatHappened(hungry.id)}`);
      });
    expect(line.message).toMatch(/limit 0\.4 GB, -GBUsageToForceRestart\); starting it again/);
    await ws.waitFor(
      'instance:status_changed',
      (d) => d.instanceId === hungry.id && d.previousStatus === 'STARTING' && d.status === 'RUNNING',
      60_000,
    );
    const statuses = ws
      .of('instance:status_changed')
      .filter((e) => e.instanceId === hungry.id)
      .map((e) => e.status);
    expect(statuses).not.toContain('CRASHED');
    expect(sim.journal(hungry.installPath!).some((e) => e.event === 'memory-restart')).toBe(true);
    await completed(await accept('POST', `/api/v1/instances/${hungry.id}/stop`, {}));
  }, 120_000);

  it('knows who is online from ListPlayers when the log has no join or leave lines', async () => {
    const res = await h.api('POST', '/api/v1/instances', {
      name: 'Quiet',
      settings: { sessionName: 'Quiet', gamePort: 7863, rconPort: 27863 },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const quiet = Instance.parse(res.body);
    const rex = { name: 'Rex Hunter', id: EOS(77), joinAfterSec: 1, leaveAfterSec: 4 };
    await sim.server(quiet.installPath!, { startupSeconds: 0.5, logPlayerLines: false, players: [rex] });
    await completed(await accept('POST', `/api/v1/instances/${quiet.id}/start`));
    const line = (re: RegExp) =>
      ws.waitFor(
        'instance:log',
        (l) => l.instanceId === quiet.id && l.source === 'manager' && re.test(l.message),
        30_000,
      );
    await line(/^Player joined: Rex Hunter \(seen by ListPlayers\)$/);
    const during = Instance.parse((await h.api('GET', `/api/v1/instances/${quiet.id}`)).body);
    expect(during.runtime?.playersOnline).toBe(1);
    await line(/^Player left: Rex Hunter \(seen by ListPlayers\)$/);
    // The server log itself said nothing about Rex.
    const logged = ws.of('instance:log').filter((l) => l.instanceId === quiet.id && l.source === 'server');
    expect(logged.some((l) => l.message.includes('Rex Hunter'))).toBe(false);
    await completed(await accept('POST', `/api/v1/instances/${quiet.id}/stop`, {}));
  });
});

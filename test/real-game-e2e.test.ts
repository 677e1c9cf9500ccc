import { Instance, PlayerList, type Job } from '@ark-asa/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fastClock } from '../app/domain/clock.ts';
import { Harness, tempDir } from './helpers/harness.ts';
import { SimEnv } from './helpers/sim-env.ts';
import type { TestWsClient } from './helpers/ws-client.ts';

/**
 * RCON as the real game serves it, end to end through REST and /ws against the simulators:
 * a server bound to a MultiHome address (RCON is not on loopback), a ListPlayers reply over 20 KB
 * sent as one packet, and an admin password RCON would reject.
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
const completed = (job: Job) => ws.waitFor('job:completed', (d) => d.jobId === job.id, 60_000);

beforeAll(async () => {
  sim = await SimEnv.create();
  h = await Harness.start({ dataDir, clock: fastClock(600) });
  ws = await h.ws();
  await h.api('PATCH', '/api/v1/settings', { steamcmdPath: sim.steamcmdPath });
  await completed(await accept('POST', '/api/v1/builds/install', {}));
});
afterAll(async () => {
  await h.stop();
});

describe('RCON against the real game’s behaviour', () => {
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
});

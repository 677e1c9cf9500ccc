import fs from 'node:fs';
import path from 'node:path';
import { Instance, type Job, type PlayerIdList } from '@ark-asa/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fastClock } from '../app/domain/clock.ts';
import { Harness, tempDir } from './helpers/harness.ts';
import { SimEnv } from './helpers/sim-env.ts';
import type { TestWsClient } from './helpers/ws-client.ts';

/** The admin and join lists over REST, the new switches, and unban through the simulator's RCON. */
let h: Harness;
let sim: SimEnv;
let ws: TestWsClient;
let inst: Instance;
const PLAYER = '0002214a4a6742d9a347bd449b2dc143';
const OTHER = '00029f3b7c1d4e5fa6b7c8d9e0f1a2b3';

type ErrorBody = { error: { code: string; details: { fields: { field: string; message: string }[] } } };

const run = async (route: string) => {
  const res = await h.api<{ job: Job }>('POST', route, {});
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  const id = res.body.job.id;
  return Promise.race([
    ws.waitFor('job:completed', (d) => d.jobId === id, 60_000),
    ws.waitFor('job:failed', (d) => d.jobId === id, 60_000).then((d) => Promise.reject(new Error(d.error.message))),
  ]);
};
const list = (name: string) => `/api/v1/instances/${inst.id}/lists/${name}`;

beforeAll(async () => {
  sim = await SimEnv.create({ buildId: '100' });
  h = await Harness.start({ dataDir: tempDir(), clock: fastClock(600) });
  ws = await h.ws();
  await h.api('PATCH', '/api/v1/settings', { steamcmdPath: sim.steamcmdPath });
  await run('/api/v1/builds/install');
  const created = await h.api('POST', '/api/v1/instances', {
    name: 'Lists',
    settings: { gamePort: 7947, rconPort: 27947 },
  });
  inst = Instance.parse(created.body);
  await sim.server(inst.installPath!, {
    startupSeconds: 0.5,
    players: [{ name: 'Rex', id: PLAYER, joinAfterSec: 0.1 }],
  });
});
afterAll(async () => {
  await h.api('POST', `/api/v1/instances/${inst.id}/stop`, {});
  await new Promise((r) => setTimeout(r, 1000));
  await h.stop();
});

describe('id lists over REST', () => {
  it('reads a list whose file does not exist as empty', async () => {
    const res = await h.api<PlayerIdList>('GET', list('admins'));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      list: 'admins',
      ids: [],
      file: 'ShooterGame/Saved/AllowedCheaterAccountIDs.txt',
      appliesAtNextStart: false,
    });
  });

  it('refuses a bad id, naming it by index, and an unknown list', async () => {
    const bad = await h.api<ErrorBody>('PUT', list('exclusive-join'), { ids: [PLAYER, 'not-an-eos-id'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields.map((f) => f.field)).toEqual(['ids.1']);
    expect((await h.api('GET', list('banned'))).status).toBe(400);
    expect(fs.existsSync(path.join(inst.installPath!, 'ShooterGame/Binaries/Win64/PlayersExclusiveJoinList.txt'))).toBe(
      false,
    );
  });

  it('writes each list where the server reads it, one id per line, and reads it back', async () => {
    const files = {
      admins: 'ShooterGame/Saved/AllowedCheaterAccountIDs.txt',
      'exclusive-join': 'ShooterGame/Binaries/Win64/PlayersExclusiveJoinList.txt',
      'join-no-check': 'ShooterGame/Binaries/Win64/PlayersJoinNoCheckList.txt',
    };
    for (const [name, rel] of Object.entries(files)) {
      const put = await h.api<PlayerIdList>('PUT', list(name), { ids: [PLAYER, OTHER] });
      expect(put.status, JSON.stringify(put.body)).toBe(200);
      expect(put.body).toMatchObject({ ids: [PLAYER, OTHER], file: rel, appliesAtNextStart: false });
      expect(fs.readFileSync(path.join(inst.installPath!, rel), 'utf8')).toBe(`${PLAYER}\r\n${OTHER}\r\n`);
      expect((await h.api<PlayerIdList>('GET', list(name))).body.ids).toEqual([PLAYER, OTHER]);
    }
    const cleared = await h.api<PlayerIdList>('PUT', list('join-no-check'), { ids: [] });
    expect(cleared.body.ids).toEqual([]);
    expect(fs.readFileSync(path.join(inst.installPath!, files['join-no-check']), 'utf8')).toBe('');
  });

  it('never writes through into the shared build the Win64 folder is linked from', () => {
    const buildFile = path.join(
      h.dataDir,
      'runtime/cache/server_builds/ASA/100/ShooterGame/Binaries/Win64/PlayersExclusiveJoinList.txt',
    );
    expect(fs.existsSync(buildFile)).toBe(false);
  });
});

describe('settings and moderation', () => {
  it('refuses a mod in both Mods and Passive mods, naming passiveMods', async () => {
    const res = await h.api<ErrorBody>('PATCH', `/api/v1/instances/${inst.id}`, {
      settings: { mods: ['928597'], passiveMods: ['928597'] },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields.map((f) => f.field)).toEqual(['settings.passiveMods']);
  });

  it('starts with the switches on the command line, then unbans a banned player over RCON', async () => {
    const patched = await h.api('PATCH', `/api/v1/instances/${inst.id}`, {
      settings: { exclusiveJoin: true, serverGameLog: true },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    await run(`/api/v1/instances/${inst.id}/start`);
    const started = sim.journal(inst.installPath!).find((e) => e.event === 'started') as
      { args?: string[] } | undefined;
    expect(started?.args).toEqual(expect.arrayContaining(['-exclusivejoin', '-servergamelog']));
    const lists = await h.api<PlayerIdList>('GET', list('admins'));
    expect(lists.body.appliesAtNextStart).toBe(true);
    expect((await h.api('POST', `/api/v1/instances/${inst.id}/players/ban`, { platformId: PLAYER })).status).toBe(200);
    const unban = await h.api<{ response: string }>('POST', `/api/v1/instances/${inst.id}/players/unban`, {
      platformId: PLAYER,
    });
    expect(unban.status, JSON.stringify(unban.body)).toBe(200);
    const commands = sim
      .journal(inst.installPath!)
      .filter((e) => e.event === 'rcon')
      .map((e) => e.command);
    expect(commands).toEqual(expect.arrayContaining([`BanPlayer ${PLAYER}`, `UnbanPlayer ${PLAYER}`]));
    expect((await h.api('POST', `/api/v1/instances/${inst.id}/players/unban`, { platformId: 'x' })).status).toBe(400);
  });
});

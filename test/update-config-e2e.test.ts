import fs from 'node:fs';
import path from 'node:path';
import { Instance, type Job } from '@ark-asa/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fastClock } from '../app/domain/clock.ts';
import { Harness, tempDir } from './helpers/harness.ts';
import { SimEnv } from './helpers/sim-env.ts';
import type { TestWsClient } from './helpers/ws-client.ts';

/** Switching builds (and back), the raw INI files over REST, and player moderation, through REST and /ws. */
let h: Harness;
let sim: SimEnv;
let ws: TestWsClient;
let inst: Instance;
const dataDir = tempDir();
const PLAYER = '0002214a4a6742d9a347bd449b2dc143';

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

beforeAll(async () => {
  sim = await SimEnv.create({ buildId: '100' });
  h = await Harness.start({ dataDir, clock: fastClock(600) });
  ws = await h.ws();
  await h.api('PATCH', '/api/v1/settings', { steamcmdPath: sim.steamcmdPath });
  await run('POST', '/api/v1/builds/install', {});
  inst = Instance.parse(
    (
      await h.api('POST', '/api/v1/instances', {
        name: 'Ragnarok',
        settings: { map: 'Ragnarok_WP', gamePort: 7821, rconPort: 27821 },
      })
    ).body,
  );
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

describe('config files over REST', () => {
  const gameIni = [
    '[/script/shootergame.shootergamemode]',
    '; my engram points',
    'OverridePlayerLevelEngramPoints=5',
    'OverridePlayerLevelEngramPoints=8',
    'ConfigOverrideItemMaxQuantity=(ItemClassString="PrimalItemResource_Stone_C",Quantity=(MaxItemQuantity=999,bIgnoreMultiplier=true))',
    '',
    'UnknownModKey=1',
  ].join('\r\n');

  it('stores Game.ini byte for byte and reads it back', async () => {
    const put = await h.api('PUT', `/api/v1/instances/${inst.id}/config/Game.ini`, gameIni);
    expect(put.status).toBe(200);
    expect(put.body).toBe(gameIni);
    const got = await h.api('GET', `/api/v1/instances/${inst.id}/config/Game.ini`);
    expect(got.headers.get('content-type')).toMatch(/text\/plain/);
    expect(got.body).toBe(gameIni);
  });

  it('keeps a user’s GameUserSettings.ini lines while the manager rewrites only its own keys at start', async () => {
    const gus = (await h.api<string>('GET', `/api/v1/instances/${inst.id}/config/GameUserSettings.ini`)).body;
    const edited = `${gus.trimEnd()}\r\n; tuned by hand\r\nXPMultiplier=2.5\r\n`;
    expect((await h.api('PUT', `/api/v1/instances/${inst.id}/config/GameUserSettings.ini`, edited)).status).toBe(200);
    await run('POST', `/api/v1/instances/${inst.id}/start`);
    const running = (await h.api<string>('GET', `/api/v1/instances/${inst.id}/config/GameUserSettings.ini`)).body;
    expect(running).toContain('; tuned by hand');
    expect(running).toContain('XPMultiplier=2.5');
    expect(running).toContain('RCONPort=27821');
    // The admin password is on disk but never leaves the manager in full.
    expect(running).toContain('ServerAdminPassword=********');
    const onDisk = fs.readFileSync(
      path.join(inst.installPath!, 'ShooterGame/Saved/Config/WindowsServer/GameUserSettings.ini'),
      'utf8',
    );
    expect(onDisk).toMatch(/ServerAdminPassword=(?!\*{8})\S+/);
  });

  it('refuses writes while the server runs (it rewrites the file on exit), and unknown files', async () => {
    const refused = await h.api<{ error: { code: string; message: string } }>(
      'PUT',
      `/api/v1/instances/${inst.id}/config/Game.ini`,
      'x=1',
    );
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/stop the server first/i);
    expect((await h.api('GET', `/api/v1/instances/${inst.id}/config/Engine.ini`)).status).toBe(400);
  });
});

describe('moderation', () => {
  it('kicks a player by platform id through RCON', async () => {
    await ws.waitFor('instance:log', (l) => l.instanceId === inst.id && /joined this ARK/.test(l.message));
    expect((await h.api('POST', `/api/v1/instances/${inst.id}/players/kick`, { platformId: PLAYER })).status).toBe(200);
    expect(sim.journal(inst.installPath!).some((e) => e.event === 'rcon' && e.command === `KickPlayer ${PLAYER}`)).toBe(
      true,
    );
    expect((await h.api('POST', `/api/v1/instances/${inst.id}/players/ban`, { platformId: 'not-an-id' })).status).toBe(
      400,
    );
  });
});

describe('UPDATE_INSTANCE', () => {
  it('switches a running server to a new build (stop, relink, start) and rolls back the same way', async () => {
    await sim.steamcmd({ buildId: '200' });
    expect(await run('POST', '/api/v1/builds/install', {})).toMatchObject({ buildId: '200' });
    const exe = path.join(inst.installPath!, 'ShooterGame/Binaries/Win64/ArkAscendedServer.exe');
    const save = path.join(inst.installPath!, 'ShooterGame/Saved/SavedArks/Ragnarok_WP/Ragnarok_WP.ark');
    expect(fs.existsSync(save)).toBe(false);
    const updated = await run('POST', `/api/v1/instances/${inst.id}/update`, {});
    expect(updated).toMatchObject({ fromBuildId: '100', toBuildId: '200', restarted: true, changed: true });
    const after = await get();
    expect(after).toMatchObject({ buildId: '200', status: 'RUNNING' });
    const newBuildExe = path.join(
      dataDir,
      'runtime/cache/server_builds/ASA/200/ShooterGame/Binaries/Win64/ArkAscendedServer.exe',
    );
    expect(fs.statSync(exe).ino).toBe(fs.statSync(newBuildExe).ino);
    expect(fs.existsSync(save)).toBe(true); // DoExit saved the world during the switch, and it was kept
    await ws.waitFor('instance:updated', (d) => d.instanceId === inst.id && d.instance.buildId === '200');

    const back = await run('POST', `/api/v1/instances/${inst.id}/update`, { buildId: '100' });
    expect(back).toMatchObject({ fromBuildId: '200', toBuildId: '100', restarted: true });
    expect((await get()).buildId).toBe('100');
    expect(fs.existsSync(save)).toBe(true);
    expect(statusTrail()).toEqual(expect.arrayContaining(['STOPPING', 'STOPPED', 'UPDATING', 'STARTING', 'RUNNING']));
  });

  it('refuses to delete a build an instance uses', async () => {
    const res = await h.api<{ error: { code: string } }>('DELETE', '/api/v1/builds/100');
    expect(res.status).toBe(409);
    expect((await h.api('DELETE', '/api/v1/builds/200')).status).toBe(202);
  });
});

function statusTrail(): string[] {
  return ws
    .of('instance:status_changed')
    .filter((e) => e.instanceId === inst.id)
    .map((e) => e.status);
}

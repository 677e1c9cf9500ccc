import fs from 'node:fs';
import path from 'node:path';
import { GameSettingsCatalogue, Instance, InstanceGameSettings, type Job } from '@ark-asa/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fastClock } from '../app/domain/clock.ts';
import { Harness, tempDir } from './helpers/harness.ts';
import { SimEnv } from './helpers/sim-env.ts';
import type { TestWsClient } from './helpers/ws-client.ts';

/** The structured settings editor over REST, on an installed instance and its simulated server. */
let h: Harness;
let sim: SimEnv;
let ws: TestWsClient;
let inst: Instance;

type ErrorBody = {
  error: { code: string; message: string; details: { fields: { field: string; message: string }[] } };
};

const run = async (route: string) => {
  const res = await h.api<{ job: Job }>('POST', route, {});
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  const id = res.body.job.id;
  return Promise.race([
    ws.waitFor('job:completed', (d) => d.jobId === id, 60_000),
    ws.waitFor('job:failed', (d) => d.jobId === id, 60_000).then((d) => Promise.reject(new Error(d.error.message))),
  ]);
};
const settingsUrl = () => `/api/v1/instances/${inst.id}/game-settings`;
const onDisk = (file: string) =>
  fs.readFileSync(path.join(inst.installPath!, 'ShooterGame/Saved/Config/WindowsServer', file), 'utf8');
const patch = (changes: unknown[]) => h.api<InstanceGameSettings & ErrorBody>('PATCH', settingsUrl(), { changes });

const GUS = [
  '[ServerSettings]',
  '; tuned by hand: keep this comment',
  'XPMultiplier=1.500000',
  'MyModSetting=whatever',
  'ServerPassword=hunter2',
  '',
  '[SessionSettings]',
  'TamingSpeedMultiplier=3',
  '',
].join('\r\n');
const GAME = [
  '[/script/shootergame.shootergamemode]',
  '; engram points per level',
  'OverridePlayerLevelEngramPoints=5',
  'OverridePlayerLevelEngramPoints=8',
  'UnknownModKey=1',
  '',
].join('\r\n');

beforeAll(async () => {
  sim = await SimEnv.create({ buildId: '100' });
  h = await Harness.start({ dataDir: tempDir(), clock: fastClock(600) });
  ws = await h.ws();
  await h.api('PATCH', '/api/v1/settings', { steamcmdPath: sim.steamcmdPath });
  await run('/api/v1/builds/install');
  const created = await h.api('POST', '/api/v1/instances', {
    name: 'Settings',
    settings: { gamePort: 7963, rconPort: 27963 },
  });
  inst = Instance.parse(created.body);
  await sim.server(inst.installPath!, { startupSeconds: 0.5 });
  for (const [file, text] of [
    ['GameUserSettings.ini', GUS],
    ['Game.ini', GAME],
  ] as const) {
    expect((await h.api('PUT', `/api/v1/instances/${inst.id}/config/${file}`, text)).status).toBe(200);
  }
});
afterAll(async () => {
  await h.api('POST', `/api/v1/instances/${inst.id}/stop`, {});
  await new Promise((r) => setTimeout(r, 1000));
  await h.stop();
});

describe('game settings over REST', () => {
  it('serves the typed catalogue with a public source for every entry', async () => {
    const res = await h.api('GET', '/api/v1/game-settings/catalogue');
    expect(res.status).toBe(200);
    const { settings } = GameSettingsCatalogue.parse(res.body);
    expect(settings.length).toBeGreaterThanOrEqual(120);
    expect(settings.find((s) => s.key === 'XPMultiplier')).toMatchObject({
      file: 'GameUserSettings.ini',
      section: 'ServerSettings',
      type: 'float',
      default: 1,
      source: 'https://ark.wiki.gg/wiki/Server_configuration',
    });
    expect(settings.find((s) => s.key === 'SessionName')?.managed).toBe(true);
  });

  it('reads the known values and warns about a known key in the wrong section, with its line', async () => {
    const res = await h.api('GET', settingsUrl());
    expect(res.status).toBe(200);
    const body = InstanceGameSettings.parse(res.body);
    expect(body.values).toContainEqual({
      file: 'GameUserSettings.ini',
      section: 'ServerSettings',
      key: 'XPMultiplier',
      value: '1.500000',
    });
    expect(body.values.some((v) => /password/i.test(v.key))).toBe(false);
    expect(body.warnings).toEqual([
      {
        file: 'GameUserSettings.ini',
        key: 'TamingSpeedMultiplier',
        section: 'SessionSettings',
        expectedSection: 'ServerSettings',
        line: 8,
      },
    ]);
  });

  it('writes changes in place and keeps comments, unknown keys, repeated keys and passwords', async () => {
    const res = await patch([
      { file: 'GameUserSettings.ini', section: 'ServerSettings', key: 'XPMultiplier', value: 2.5 },
      { file: 'GameUserSettings.ini', section: 'serversettings', key: 'ServerPVE', value: true },
      {
        file: 'Game.ini',
        section: '/Script/ShooterGame.ShooterGameMode',
        key: 'BabyMatureSpeedMultiplier',
        value: '20',
      },
      {
        file: 'Game.ini',
        section: '/Script/ShooterGame.ShooterGameMode',
        key: 'MatingIntervalMultiplier',
        value: null,
      },
    ]);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(InstanceGameSettings.parse(res.body).values).toContainEqual({
      file: 'Game.ini',
      section: '/Script/ShooterGame.ShooterGameMode',
      key: 'BabyMatureSpeedMultiplier',
      value: '20.000000',
    });
    expect(onDisk('GameUserSettings.ini')).toBe(
      GUS.replace('XPMultiplier=1.500000', 'XPMultiplier=2.500000').replace(
        'ServerPassword=hunter2',
        'ServerPassword=hunter2\r\nserverPVE=True',
      ),
    );
    expect(onDisk('Game.ini')).toBe(
      GAME.replace('UnknownModKey=1', 'UnknownModKey=1\r\nBabyMatureSpeedMultiplier=20.000000'),
    );
  });

  it('removes a key when its value is null, so the default applies', async () => {
    expect(
      (
        await patch([
          {
            file: 'Game.ini',
            section: '/Script/ShooterGame.ShooterGameMode',
            key: 'BabyMatureSpeedMultiplier',
            value: null,
          },
        ])
      ).status,
    ).toBe(200);
    expect(onDisk('Game.ini')).toBe(GAME);
  });

  it('answers 400 naming each bad change, and writes nothing', async () => {
    const before = onDisk('GameUserSettings.ini');
    const res = await patch([
      { file: 'GameUserSettings.ini', section: 'ServerSettings', key: 'NotAnOption', value: 1 },
      { file: 'GameUserSettings.ini', section: 'SessionSettings', key: 'XPMultiplier', value: 1 },
      { file: 'GameUserSettings.ini', section: 'ServerSettings', key: 'ServerPVE', value: 'sometimes' },
      { file: 'GameUserSettings.ini', section: 'ServerSettings', key: 'XPMultiplier', value: -2 },
      { file: 'GameUserSettings.ini', section: 'SessionSettings', key: 'SessionName', value: 'Renamed' },
      {
        file: 'GameUserSettings.ini',
        section: 'ServerSettings',
        key: 'DayCycleSpeedScale',
        value: 'a\nXPMultiplier=100',
      },
    ]);
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields.map((f) => f.field)).toEqual([
      'changes.0.key',
      'changes.1.section',
      'changes.2.value',
      'changes.3.value',
      'changes.4.key',
      'changes.5.value',
    ]);
    expect(onDisk('GameUserSettings.ini')).toBe(before);
    const shape = await h.api<ErrorBody>('PATCH', settingsUrl(), { changes: [] });
    expect(shape.status).toBe(400);
    expect(shape.body.error.details.fields.map((f) => f.field)).toEqual(['changes']);
    const badFile = await patch([{ file: 'Engine.ini', section: 'x', key: 'y', value: 1 }]);
    expect(badFile.body.error.details.fields.map((f) => f.field)).toEqual(['changes.0.file']);
  });

  it('refuses changes with 409 while the server runs, as the raw editor does, but still reads', async () => {
    await run(`/api/v1/instances/${inst.id}/start`);
    const refused = await patch([
      { file: 'GameUserSettings.ini', section: 'ServerSettings', key: 'XPMultiplier', value: 3 },
    ]);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('instance-running');
    expect((await h.api('GET', settingsUrl())).status).toBe(200);
    expect((await h.api('GET', `/api/v1/instances/${crypto.randomUUID()}/game-settings`)).status).toBe(404);
  });
});

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BackupList,
  ImportInstanceJobResult,
  ImportPreview,
  ImportSaveJobResult,
  Instance,
  type Job,
} from '@ark-asa/contracts';
import { craftZip } from '../app/agents/backups/test-zip.ts';
import { linkTree, startBat, writeIn as write } from './helpers/asa-folder.ts';
import { Harness, tempDir } from './helpers/harness.ts';
import { SimEnv } from './helpers/sim-env.ts';
import type { TestWsClient } from './helpers/ws-client.ts';

/**
 * Bringing existing servers in (docs/import.md), end to end against the SteamCMD and ASA
 * simulators: a server folder made by hand from the simulator's build, with saves, INI files,
 * list files and a start.bat, imported as a copy and in place; a world imported into a server.
 */
const COPY_PORTS = { game: 8181, rcon: 28181 };
const IN_PLACE_PORTS = { game: 8182, rcon: 28182 };
const WORLD = Buffer.from(`IMPORTED-WORLD ${'x'.repeat(5000)}\n`);
const NEW_WORLD = Buffer.from(`SECOND-WORLD ${'y'.repeat(3000)}\n`);
const EOS_ID = '0002abcdef0123456789abcdef012345';
const SIM = { startupSeconds: 0.5, saveSeconds: 0.1, saveBytes: 4096 };

let h: Harness;
let sim: SimEnv;
let ws: TestWsClient;
const work = tempDir('ark-import-e2e-');

async function run(method: string, route: string, body?: unknown) {
  const res = await h.api<{ job: Job }>(method, route, body);
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  const id = res.body.job.id;
  return Promise.race([
    ws
      .waitFor('job:completed', (d) => d.jobId === id, 60_000)
      .then((d) => ({ ok: true, result: d.result, error: null })),
    ws.waitFor('job:failed', (d) => d.jobId === id, 60_000).then((d) => ({ ok: false, result: null, error: d.error })),
  ]);
}

/** An ASA server folder as a person or another manager leaves it: the build's files plus its own. */
function fakeServerFolder(
  buildDir: string,
  dir: string,
  ports: { game: number; rcon: number },
  session: string,
): string {
  linkTree(buildDir, dir);
  write(dir, 'ShooterGame/Saved/SavedArks/TheIsland_WP/TheIsland_WP.ark', WORLD);
  write(dir, 'ShooterGame/Saved/SavedArks/TheIsland_WP/0002abc.arkprofile', 'profile');
  write(
    dir,
    'ShooterGame/Saved/Config/WindowsServer/GameUserSettings.ini',
    '[ServerSettings]\r\nServerAdminPassword=Imported42\r\nDifficultyOffset=0.8\r\n',
  );
  write(
    dir,
    'ShooterGame/Saved/Config/WindowsServer/Game.ini',
    '[/script/shootergame.shootergamemode]\r\nbUseCorpseLocator=True\r\n',
  );
  write(dir, 'ShooterGame/Binaries/Win64/PlayersJoinNoCheckList.txt', `${EOS_ID}\r\n`);
  write(dir, 'start-server.bat', startBat(dir, { ...ports, session }));
  return fs.realpathSync(dir);
}

/** Streamed and awaited: the control plane runs in this process, and a long synchronous read would stall it. */
async function hashTree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const rel of (fs.readdirSync(dir, { recursive: true }) as string[]).sort()) {
    const abs = path.join(dir, rel);
    if (!fs.statSync(abs).isFile()) continue;
    const hash = createHash('sha256');
    await pipeline(fs.createReadStream(abs), hash);
    out[rel] = hash.digest('hex');
  }
  return out;
}

let buildDir = '';
let copySource = '';
let copied: Instance;

beforeAll(async () => {
  sim = await SimEnv.create();
  h = await Harness.start({ dataDir: path.join(work, 'data') });
  ws = await h.ws();
  await h.api('PATCH', '/api/v1/settings', { steamcmdPath: sim.steamcmdPath });
});
afterAll(async () => {
  await h.stop({ stopServers: true });
});

describe('import an existing server', () => {
  it('refuses a copy before any build is installed, saying what to do', async () => {
    const savesOnly = path.join(work, 'saves-only');
    write(savesOnly, 'ShooterGame/Saved/SavedArks/TheIsland_WP/TheIsland_WP.ark', WORLD);
    const res = await h.api<{ error: { code: string; message: string } }>('POST', '/api/v1/instances/import', {
      sourcePath: savesOnly,
      name: 'x',
      mode: 'copy',
    });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'not-installed' });
    expect(res.body.error.message).toContain('install one first');
    const inPlace = await h.api<{ error: { details: unknown } }>('POST', '/api/v1/instances/import', {
      sourcePath: savesOnly,
      name: 'x',
      mode: 'in-place',
    });
    expect(inPlace.status).toBe(400);
    expect(JSON.stringify(inPlace.body.error.details)).toContain('ArkAscendedServer.exe');
    expect((await run('POST', '/api/v1/builds/install', {})).ok).toBe(true);
    const builds = await h.api<{ items: { installPath: string }[] }>('GET', '/api/v1/builds');
    buildDir = builds.body.items[0]!.installPath;
    copySource = fakeServerFolder(buildDir, path.join(work, 'Island Server'), COPY_PORTS, 'Old Island');
  });

  it('previews what will be imported, with the start arguments read from start-server.bat', async () => {
    const res = await h.api('POST', '/api/v1/instances/import/preview', { sourcePath: copySource });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const preview = ImportPreview.parse(res.body);
    expect(preview.map).toBe('TheIsland_WP');
    expect(preview.worlds).toMatchObject([{ world: 'TheIsland_WP.ark', profiles: 1, sizeBytes: WORLD.length }]);
    expect(preview.settings).toMatchObject({
      sessionName: 'Old Island',
      gamePort: COPY_PORTS.game,
      rconPort: COPY_PORTS.rcon,
      maxPlayers: 16,
      serverGameLog: true,
      adminPassword: '********',
    });
    expect(preview.startScripts).toEqual([expect.objectContaining({ kind: 'batch', used: true })]);
    expect(preview.canRunInPlace).toBe(true);
  });

  it('answers 400 naming the field for bad input', async () => {
    const missing = await h.api<{ error: { details: unknown } }>('POST', '/api/v1/instances/import/preview', {
      sourcePath: path.join(work, 'nowhere'),
    });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body.error.details)).toContain('sourcePath');
    const mode = await h.api<{ error: { details: unknown } }>('POST', '/api/v1/instances/import', {
      sourcePath: copySource,
      name: 'x',
      mode: 'move',
    });
    expect(mode.status).toBe(400);
    expect(JSON.stringify(mode.body.error.details)).toContain('mode');
  });

  it('imports a copy that starts with the imported world, and leaves the source byte for byte as it was', async () => {
    const before = await hashTree(copySource);
    const out = await run('POST', '/api/v1/instances/import', { sourcePath: copySource, name: 'Island', mode: 'copy' });
    expect(out.ok, JSON.stringify(out.error)).toBe(true);
    const result = ImportInstanceJobResult.parse(out.result);
    expect(result).toMatchObject({ name: 'Island', mode: 'copy' });
    copied = Instance.parse((await h.api('GET', `/api/v1/instances/${result.instanceId}`)).body);
    expect(copied.installPath!.startsWith(fs.realpathSync(h.dataDir))).toBe(true);
    expect(copied.settings).toMatchObject({
      sessionName: 'Old Island',
      gamePort: COPY_PORTS.game,
      serverGameLog: true,
    });
    const saved = path.join(copied.installPath!, 'ShooterGame', 'Saved');
    expect(fs.readFileSync(path.join(saved, 'SavedArks', 'TheIsland_WP', 'TheIsland_WP.ark')).equals(WORLD)).toBe(true);
    expect(fs.readFileSync(path.join(saved, 'Config', 'WindowsServer', 'Game.ini'), 'utf8')).toContain(
      'bUseCorpseLocator',
    );
    const lists = await h.api<{ ids: string[] }>('GET', `/api/v1/instances/${copied.id}/lists/join-no-check`);
    expect(lists.body.ids).toEqual([EOS_ID]);

    await sim.server(copied.installPath!, SIM);
    expect((await run('POST', `/api/v1/instances/${copied.id}/start`)).ok).toBe(true);
    expect(await hashTree(copySource)).toEqual(before);
  });

  it('refuses a save import while the server runs (409), then imports one with a safety backup', async () => {
    const saveDir = path.join(work, 'other-host-save', 'TheIsland_WP');
    write(saveDir, 'TheIsland_WP.ark', NEW_WORLD);
    write(saveDir, '0002def.arkprofile', 'another profile');
    const busy = await h.api('POST', `/api/v1/instances/${copied.id}/saves/import`, { sourcePath: saveDir });
    expect(busy.status).toBe(409);
    expect((await run('POST', `/api/v1/instances/${copied.id}/stop`, {})).ok).toBe(true);

    const out = await run('POST', `/api/v1/instances/${copied.id}/saves/import`, { sourcePath: path.dirname(saveDir) });
    expect(out.ok, JSON.stringify(out.error)).toBe(true);
    const result = ImportSaveJobResult.parse(out.result);
    expect(result.safetyBackupId).not.toBeNull();
    const world = path.join(
      copied.installPath!,
      'ShooterGame',
      'Saved',
      'SavedArks',
      'TheIsland_WP',
      'TheIsland_WP.ark',
    );
    expect(fs.readFileSync(world).equals(NEW_WORLD)).toBe(true);
    const backups = BackupList.parse((await h.api('GET', `/api/v1/instances/${copied.id}/backups`)).body).items;
    expect(backups.map((b) => b.kind)).toContain('pre-restore');
    expect(fs.readFileSync(path.join(saveDir, 'TheIsland_WP.ark')).equals(NEW_WORLD)).toBe(true);
  });

  it('refuses a zip with a ../ entry before anything is written', async () => {
    const zip = path.join(work, 'evil.zip');
    fs.writeFileSync(
      zip,
      craftZip([
        { name: 'SavedArks/TheIsland_WP/TheIsland_WP.ark', data: 'w' },
        { name: '../evil.ark', data: 'x' },
      ]),
    );
    const res = await h.api<{ error: { code: string } }>('POST', `/api/v1/instances/${copied.id}/saves/import`, {
      sourcePath: zip,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('unsafe-archive');
  });

  it('imports a good zip of another host', async () => {
    const zip = path.join(work, 'host-export.zip');
    fs.writeFileSync(zip, craftZip([{ name: 'Saved/SavedArks/TheIsland_WP/TheIsland_WP.ark', data: WORLD }]));
    const out = await run('POST', `/api/v1/instances/${copied.id}/saves/import`, { sourcePath: zip });
    expect(out.ok, JSON.stringify(out.error)).toBe(true);
    const world = path.join(
      copied.installPath!,
      'ShooterGame',
      'Saved',
      'SavedArks',
      'TheIsland_WP',
      'TheIsland_WP.ark',
    );
    expect(fs.readFileSync(world).equals(WORLD)).toBe(true);
  });

  it('refuses a second copy of the same server on the same ports, naming the field', async () => {
    const res = await h.api<{ error: { details: unknown } }>('POST', '/api/v1/instances/import', {
      sourcePath: copySource,
      name: 'Island again',
      mode: 'copy',
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.error.details)).toContain('gamePort');
  });

  it('runs a server in place from its own folder, never updates it and keeps the folder when deleted', async () => {
    const source = fakeServerFolder(buildDir, path.join(work, 'Center'), IN_PLACE_PORTS, 'In Place');
    const out = await run('POST', '/api/v1/instances/import', { sourcePath: source, name: 'Here', mode: 'in-place' });
    expect(out.ok, JSON.stringify(out.error)).toBe(true);
    const { instanceId } = ImportInstanceJobResult.parse(out.result);
    const inst = Instance.parse((await h.api('GET', `/api/v1/instances/${instanceId}`)).body);
    expect(inst).toMatchObject({ installPath: source, inPlace: true, status: 'STOPPED' });

    await sim.server(source, SIM);
    expect((await run('POST', `/api/v1/instances/${instanceId}/start`)).ok).toBe(true);
    expect(sim.journal(source).some((e) => e.event === 'start' || e.event === 'started')).toBe(true);
    const update = await h.api<{ error: { message: string } }>('POST', `/api/v1/instances/${instanceId}/update`, {});
    expect(update.status).toBe(409);
    expect(update.body.error.message).toContain('in place');
    expect((await run('POST', `/api/v1/instances/${instanceId}/stop`, {})).ok).toBe(true);
    // Backups and save imports work on the folder's own ShooterGame/Saved.
    const imported = await run('POST', `/api/v1/instances/${instanceId}/saves/import`, {
      sourcePath: path.join(work, 'other-host-save'),
    });
    expect(imported.ok, JSON.stringify(imported.error)).toBe(true);
    const world = path.join(source, 'ShooterGame', 'Saved', 'SavedArks', 'TheIsland_WP', 'TheIsland_WP.ark');
    expect(fs.readFileSync(world).equals(NEW_WORLD)).toBe(true);

    expect((await h.api('DELETE', `/api/v1/instances/${instanceId}`)).status).toBe(204);
    expect(
      fs.readFileSync(path.join(source, 'ShooterGame', 'Saved', 'SavedArks', 'TheIsland_WP', 'TheIsland_WP.ark'))
        .length,
    ).toBeGreaterThan(0);
    expect(fs.existsSync(path.join(source, 'ShooterGame', 'Binaries', 'Win64', 'ArkAscendedServer.exe'))).toBe(true);
  });
});

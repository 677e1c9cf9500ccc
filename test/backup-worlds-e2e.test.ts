import fs from 'node:fs';
import path from 'node:path';
import { BackupJobResult, Instance, RestoreResult, type Job } from '@ark-asa/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readZip } from '../app/agents/backups/test-zip.ts';
import { Harness, tempDir } from './helpers/harness.ts';
import { SimEnv } from './helpers/sim-env.ts';
import { TestWsClient } from './helpers/ws-client.ts';

/**
 * "A backup always holds the world, or it fails", end to end through REST and /ws against the
 * simulators: the world is found where the server really writes it (Club ARK's `BobsMissions`
 * folder, `?AltSaveDirectoryName=`), a server that never saved fails its backup with a clear
 * message, and a restore moves stale SQLite side files of the world out of the way.
 */
const ADMIN = 'WorldsAdmin42';
/** Ports no other end-to-end test uses (test files run in parallel). */
const CLUB_PORTS = { gamePort: 7871, rconPort: 27871 };
const ALT_PORTS = { gamePort: 7873, rconPort: 27873 };
const SAVE_BYTES = 64 * 1024;

let h: Harness;
let sim: SimEnv;
let ws: TestWsClient;
const started: Instance[] = [];

async function api<T = unknown>(method: string, route: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${h.url}${route}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

async function run(
  method: string,
  route: string,
  body?: unknown,
): Promise<{ ok: boolean; result: unknown; error?: { code: string; message: string } }> {
  const res = await api<{ job: Job }>(method, route, body);
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  const id = res.body.job.id;
  return Promise.race([
    ws.waitFor('job:completed', (d) => d.jobId === id, 60_000).then((d) => ({ ok: true, result: d.result })),
    ws.waitFor('job:failed', (d) => d.jobId === id, 60_000).then((d) => ({ ok: false, result: null, error: d.error })),
  ]);
}

async function createInstance(name: string, settings: Record<string, unknown>): Promise<Instance> {
  const res = await api('POST', '/api/v1/instances', { name, settings: { adminPassword: ADMIN, ...settings } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return Instance.parse(res.body);
}

async function startInstance(inst: Instance): Promise<void> {
  await sim.server(inst.installPath!, { startupSeconds: 0.3, saveSeconds: 0.05, saveBytes: SAVE_BYTES });
  const done = await run('POST', `/api/v1/instances/${inst.id}/start`);
  expect(done.ok, JSON.stringify(done.error)).toBe(true);
  started.push(inst);
}

async function backupEntries(inst: Instance): Promise<{ result: BackupJobResult; entries: Map<string, Buffer> }> {
  const done = await run('POST', `/api/v1/instances/${inst.id}/backups`, { note: 'worlds e2e' });
  expect(done.ok, JSON.stringify(done.error)).toBe(true);
  const result = BackupJobResult.parse(done.result);
  const file = path.join(h.dataDir, 'backups', inst.id, result.backup.fileName);
  return { result, entries: await readZip(file) };
}

const saved = (inst: Instance, ...rel: string[]) => path.join(inst.installPath!, 'ShooterGame', 'Saved', ...rel);

beforeAll(async () => {
  sim = await SimEnv.create();
  h = await Harness.start({ dataDir: tempDir('ark-backup-worlds-e2e-') });
  ws = await TestWsClient.connect(h.plane.wsUrl);
  await api('PATCH', '/api/v1/settings', { steamcmdPath: sim.steamcmdPath });
  expect((await run('POST', '/api/v1/builds/install', {})).ok).toBe(true);
});
afterAll(async () => {
  for (const inst of started) await api('POST', `/api/v1/instances/${inst.id}/stop`, {});
  ws.close();
  await h.stop();
});

describe('a backup holds the world the server really writes', () => {
  it('a server that has never saved: the backup job fails with a clear message, no empty backup', async () => {
    const inst = await createInstance('Never saved', { map: 'TheIsland_WP', gamePort: 7875, rconPort: 27875 });
    const done = await run('POST', `/api/v1/instances/${inst.id}/backups`, {});
    expect(done.ok).toBe(false);
    expect(done.error).toMatchObject({
      code: 'backup-failed',
      message: 'Nothing to back up yet: this server has not saved a world (start it once, or run SaveWorld)',
    });
    const list = await api<{ items: unknown[] }>('GET', `/api/v1/instances/${inst.id}/backups`);
    expect(list.body.items).toEqual([]);
  });

  it('Club ARK (BobsMissions_WP) saves under SavedArks/BobsMissions, and the backup holds that world', async () => {
    const inst = await createInstance('Club', { map: 'BobsMissions_WP', ...CLUB_PORTS });
    await startInstance(inst);
    const { result, entries } = await backupEntries(inst);
    expect(result.worldSaved).toBe(true);
    expect(fs.existsSync(saved(inst, 'SavedArks', 'BobsMissions', 'BobsMissions_WP.ark'))).toBe(true);
    expect(fs.existsSync(saved(inst, 'SavedArks', 'BobsMissions_WP'))).toBe(false);
    expect(entries.get('SavedArks/BobsMissions/BobsMissions_WP.ark')?.length).toBe(SAVE_BYTES);
    const manifest = JSON.parse(entries.get('asa-backup-manifest.json')!.toString('utf8')) as Record<string, unknown>;
    expect(manifest).toMatchObject({
      map: 'BobsMissions_WP',
      saveDir: 'SavedArks',
      mapFolder: 'BobsMissions',
      world: 'BobsMissions_WP.ark',
    });
  });

  it('a restore puts the world back and moves stale SQLite side files (-wal, -shm, -journal) out', async () => {
    const inst = started[0]!;
    const [backup] = (await api<{ items: { id: string }[] }>('GET', `/api/v1/instances/${inst.id}/backups`)).body.items;
    expect((await run('POST', `/api/v1/instances/${inst.id}/stop`, {})).ok).toBe(true);
    const world = saved(inst, 'SavedArks', 'BobsMissions', 'BobsMissions_WP.ark');
    fs.writeFileSync(world, 'a newer world the restore replaces');
    for (const side of ['-wal', '-shm', '-journal']) fs.writeFileSync(`${world}${side}`, `stale ${side}`);
    const done = await run('POST', `/api/v1/instances/${inst.id}/backups/${backup!.id}/restore`);
    expect(done.ok, JSON.stringify(done.error)).toBe(true);
    const result = RestoreResult.parse(done.result);
    expect(result.replaced).toContain('SavedArks/BobsMissions/BobsMissions_WP.ark');
    expect(result.removed).toEqual(
      expect.arrayContaining(['-journal', '-shm', '-wal'].map((s) => `SavedArks/BobsMissions/BobsMissions_WP.ark${s}`)),
    );
    expect(fs.statSync(world).size).toBe(SAVE_BYTES);
    for (const side of ['-wal', '-shm', '-journal']) expect(fs.existsSync(`${world}${side}`)).toBe(false);
  });

  it('honours ?AltSaveDirectoryName=: the world is read from Saved/<dir>/<map>/', async () => {
    const inst = await createInstance('Alt saves', {
      map: 'TheIsland_WP',
      ...ALT_PORTS,
      extraQueryArgs: ['AltSaveDirectoryName=Season2'],
    });
    await startInstance(inst);
    const { entries } = await backupEntries(inst);
    expect(entries.get('Season2/TheIsland_WP/TheIsland_WP.ark')?.length).toBe(SAVE_BYTES);
    expect([...entries.keys()].some((n) => n.startsWith('SavedArks/'))).toBe(false);
  });
});

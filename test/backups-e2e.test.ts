import fs from 'node:fs';
import path from 'node:path';
import { Instance, type Job } from '@ark-asa/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backup, BackupJobResult, BackupList, RestoreResult } from '@ark-asa/contracts';
import { readZip } from '../app/agents/backups/test-zip.ts';
import { systemClock, type Clock } from '../app/domain/clock.ts';
import { RconTestClient } from '../sim/test-support/rcon-test-client.ts';
import { Harness, tempDir } from './helpers/harness.ts';
import { SimEnv } from './helpers/sim-env.ts';
import { TestWsClient } from './helpers/ws-client.ts';

/**
 * Backups and restore end to end, through REST and /ws, against the SteamCMD and ASA simulators.

 */
const DAY = 86_400_000;
const SAVE_BYTES = 3 * 1024 * 1024 + 17;
const ADMIN = 'BackupAdmin42';
/** Ports no other end-to-end test uses (test files run in parallel). */
const PORTS = { gamePort: 8141, rconPort: 28141 };

/** Real time with a movable "now" (backup ages) and compressed sleeps (countdowns): no real waiting on days. */
class ShiftClock implements Clock {
  offsetMs = 0;
  now = () => new Date(Date.now() + this.offsetMs);
  sleep = (ms: number, signal?: AbortSignal) => systemClock.sleep(ms / 600, signal);
}

interface Plane {
  url: string;
  wsUrl: string;
  stop(): Promise<void>;
}

async function startPlane(dataDir: string, clock: Clock): Promise<Plane> {
  const h = await Harness.start({ dataDir, clock });
  return { url: h.url, wsUrl: h.plane.wsUrl, stop: () => h.stop() };
}

let plane: Plane;
let sim: SimEnv;
let ws: TestWsClient;
let inst: Instance;
const clock = new ShiftClock();
const dataDir = tempDir('ark-backups-e2e-');

async function api<T = unknown>(
  method: string,
  route: string,
  body?: unknown,
): Promise<{ status: number; body: T; headers: Headers; raw: Buffer }> {
  const init: RequestInit = {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  };
  const res = await fetch(`${plane.url}${route}`, init);
  const raw = Buffer.from(await res.arrayBuffer());
  const json = (res.headers.get('content-type') ?? '').includes('json') && raw.length > 0;
  return {
    status: res.status,
    headers: res.headers,
    raw,
    body: (json ? JSON.parse(raw.toString('utf8')) : raw.toString('utf8')) as T,
  };
}
async function run(
  method: string,
  route: string,
  body?: unknown,
): Promise<{ job: Job; ok: boolean; result: unknown; error?: { code: string } }> {
  const res = await api<{ job: Job }>(method, route, body);
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  const id = res.body.job.id;
  return Promise.race([
    ws
      .waitFor('job:completed', (d) => d.jobId === id, 60_000)
      .then((d) => ({ job: res.body.job, ok: true, result: d.result })),
    ws
      .waitFor('job:failed', (d) => d.jobId === id, 60_000)
      .then((d) => ({ job: res.body.job, ok: false, result: null, error: d.error })),
  ]);
}
const backupsOf = async () => BackupList.parse((await api('GET', `/api/v1/instances/${inst.id}/backups`)).body).items;
const base = () => `/api/v1/instances/${inst.id}`;

beforeAll(async () => {
  sim = await SimEnv.create();
  plane = await startPlane(dataDir, clock);
  ws = await TestWsClient.connect(plane.wsUrl);
  await api('PATCH', '/api/v1/settings', { steamcmdPath: sim.steamcmdPath });
  expect((await run('POST', '/api/v1/builds/install', {})).ok).toBe(true);
  const created = await api('POST', '/api/v1/instances', {
    name: 'Island',
    settings: { map: 'TheIsland_WP', ...PORTS, adminPassword: ADMIN },
  });
  inst = Instance.parse(created.body);
  await sim.server(inst.installPath!, { startupSeconds: 0.5, saveSeconds: 0.25, saveBytes: SAVE_BYTES });
  expect((await run('POST', `${base()}/start`)).ok).toBe(true);
});
afterAll(async () => {
  await api('POST', `${base()}/stop`, {});
  await new Promise((r) => setTimeout(r, 1000));
  ws.close();
  await plane.stop();
});

/** A complete simulator save: one header line, then filler, exactly saveBytes long. */
function expectWholeSave(ark: Buffer | undefined): void {
  expect(ark?.length).toBe(SAVE_BYTES);
  const newline = ark!.indexOf(0x0a);
  const header = JSON.parse(
    ark!
      .subarray(0, newline)
      .toString('utf8')
      .replace(/^ASA-SIM-SAVE /, ''),
  ) as { map: string; savedAt: string };
  expect(header.map).toBe('TheIsland_WP');
  expect(ark!.subarray(newline + 1).every((b) => b === 0x5a)).toBe(true);
}

describe('backups end to end', () => {
  it('a backup of a running server saves first and holds a whole save while the server keeps saving', async () => {
    // Another RCON client makes the server save back to back, so saves are renamed into place all
    // through the backup, as an autosave would; each takes 0.25 s with its temp file on disk.
    const rcon = await RconTestClient.connect(PORTS.rconPort);
    expect((await rcon.auth(ADMIN)).id).toBe(1);
    let saving = true;
    const saver = (async () => {
      for (let id = 10; saving; id += 2) await rcon.command('SaveWorld', id);
    })();
    await new Promise((r) => setTimeout(r, 300));
    const done = await run('POST', `${base()}/backups`, { note: 'while running' });
    saving = false;
    await saver;
    rcon.close();
    expect(done.ok, JSON.stringify(done.error)).toBe(true);
    expect(sim.journal(inst.installPath!).filter((e) => e.event === 'saved').length).toBeGreaterThanOrEqual(3);
    const { backup, worldSaved } = BackupJobResult.parse(done.result);
    expect(worldSaved).toBe(true);
    expect(backup).toMatchObject({ kind: 'manual', note: 'while running', map: 'TheIsland_WP', verified: true });
    const percents = ws
      .of('job:progress')
      .filter((p) => p.jobId === done.job.id)
      .map((p) => p.percent);
    expect(percents.length).toBeGreaterThan(2);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    // The manager asked for the save and says so in the instance log.
    const logs = await api<{ items: { message: string; source: string }[] }>('GET', `${base()}/logs?limit=500`);
    const manager = logs.body.items
      .filter((l) => l.source === 'manager')
      .map((l) => l.message)
      .join('\n');
    expect(manager).toMatch(/Saving the world \(SaveWorld\)…[\s\S]*World saved[\s\S]*Backup .+ taken/);
    // Download it and look inside.
    const download = await api('GET', `${base()}/backups/${backup.id}/download`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/zip');
    expect(download.headers.get('content-disposition')).toContain(backup.fileName);
    const file = path.join(dataDir, 'downloaded.zip');
    fs.writeFileSync(file, download.raw);
    const zip = await readZip(file);
    expectWholeSave(zip.get('SavedArks/TheIsland_WP/TheIsland_WP.ark'));
    expect([...zip.keys()].some((n) => n.endsWith('.tmp'))).toBe(false);
    expect(zip.has('Config/WindowsServer/GameUserSettings.ini')).toBe(true);
  });

  it('refuses a restore with 409 while the server runs, at once', async () => {
    const [backup] = await backupsOf();
    const res = await api<{ error: { code: string } }>('POST', `${base()}/backups/${backup!.id}/restore`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('instance-running');
    expect((await api('POST', `${base()}/backups/00000000-0000-4000-8000-000000000000/restore`)).status).toBe(404);
  });

  it('after a stop, restores the backup with a safety backup first and reports what it replaced', async () => {
    const [backup] = await backupsOf();
    expect((await run('POST', `${base()}/stop`, {})).ok).toBe(true);
    const restored = await run('POST', `${base()}/backups/${backup!.id}/restore`);
    expect(restored.ok, JSON.stringify(restored.error)).toBe(true);
    const result = RestoreResult.parse(restored.result);
    expect(result.backupId).toBe(backup!.id);
    expect(result.replaced).toEqual(
      expect.arrayContaining(['SavedArks/TheIsland_WP/TheIsland_WP.ark', 'Config/WindowsServer/GameUserSettings.ini']),
    );
    const list = await backupsOf();
    expect(list[0]).toMatchObject({ id: result.safetyBackupId, kind: 'pre-restore', verified: true });
    expectWholeSave(
      fs.readFileSync(
        path.join(inst.installPath!, 'ShooterGame', 'Saved', 'SavedArks', 'TheIsland_WP', 'TheIsland_WP.ark'),
      ),
    );
  });

  it('applies the retention policy after each successful backup, ages by the injected clock', async () => {
    const put = await api('PUT', `${base()}/backup-policy`, { keepCount: 3, maxAgeDays: 3 });
    expect(put.body).toEqual({ keepCount: 3, maxAgeDays: 3, maxTotalBytes: 20 * 1024 ** 3 });
    expect((await api('GET', `${base()}/backup-policy`)).body).toEqual(put.body);
    const before = await backupsOf(); // the running backup and the safety backup
    clock.offsetMs += 1 * DAY;
    const second = BackupJobResult.parse((await run('POST', `${base()}/backups`, {})).result);
    expect(second.pruned).toEqual([]);
    clock.offsetMs += 1 * DAY;
    const third = BackupJobResult.parse((await run('POST', `${base()}/backups`, {})).result);
    // Four backups, at most three kept: the oldest goes.
    expect(third.pruned).toEqual([before.at(-1)!.id]);
    clock.offsetMs += 2.5 * DAY;
    const fourth = BackupJobResult.parse((await run('POST', `${base()}/backups`, {})).result);
    // Day 4.5: the count would allow three, but the day-1 backup is 3.5 days old, past the 3-day limit.
    expect(fourth.pruned.sort()).toEqual([before[0]!.id, second.backup.id].sort());
    expect((await backupsOf()).map((b) => b.id)).toEqual([fourth.backup.id, third.backup.id]);
    expect(fs.readdirSync(path.join(dataDir, 'backups', inst.id)).sort()).toEqual(
      [fourth.backup.fileName, third.backup.fileName].sort(),
    );
  });

  it('deletes one backup (file and record), 404 after', async () => {
    const [newest] = await backupsOf();
    expect(Backup.parse((await api('GET', `${base()}/backups/${newest!.id}`)).body).id).toBe(newest!.id);
    expect((await api('DELETE', `${base()}/backups/${newest!.id}`)).status).toBe(204);
    expect((await api('GET', `${base()}/backups/${newest!.id}`)).status).toBe(404);
    expect((await api('DELETE', `${base()}/backups/${newest!.id}`)).status).toBe(404);
    expect(fs.existsSync(path.join(dataDir, 'backups', inst.id, newest!.fileName))).toBe(false);
    expect(ws.invalid).toEqual([]);
  });
});

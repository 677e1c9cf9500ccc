import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InstanceSettings, SECRET_MASK, type InstanceStatus } from '@ark-asa/contracts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../test/helpers/fake-clock.ts';
import { FakeCurseForge, SAMPLE_MODS } from '../../test/helpers/fake-curseforge.ts';
import { CurseForgeClient } from '../agents/curseforge/curseforge-client.ts';
import type { NotificationEvent } from '../domain/notification-events.ts';
import { createLogger } from '../logger.ts';
import { createStore, openDatabase, type Store } from '../store/index.ts';
import { migrate } from '../store/migrate.ts';
import { migration004 } from '../store/migrations/004-mods-notifications.ts';
import { MIGRATIONS } from '../store/migrations/index.ts';
import { ModsRepo } from '../store/mods-repo.ts';
import { ModsService } from './mods-service.ts';
import { seedAgent } from '../../test/helpers/store-fixtures.ts';

const KEY = 'cf-test-key-0123456789';
const AGENT = '99999999-9999-4999-8999-999999999999';
const ISLAND = '11111111-1111-4111-8111-111111111111';
const AT = '2025-03-01T12:00:00.000Z';
const [DEPOT, SPYGLASS] = SAMPLE_MODS.map((m) => String(m.id)) as [string, string];

let cf: FakeCurseForge;
let clock: FakeClock;
let store: Store;
let repo: ModsRepo;
let mods: ModsService;
let logLines: string[];
let notified: NotificationEvent[];
let dir: string;

function addInstance(status: InstanceStatus, settings: object): void {
  store.instances.insert({
    id: ISLAND,
    name: 'Island',
    agentId: AGENT,
    status,
    buildId: null,
    installPath: dir,
    settings: InstanceSettings.parse(settings),
    process: null,
    createdAt: AT,
    updatedAt: AT,
  });
}

/** What the server leaves on disk after downloading a mod file. */
function installed(modId: string, fileId: number): void {
  fs.mkdirSync(path.join(dir, 'ShooterGame/Binaries/Win64/ShooterGame/Mods/83374', `${modId}_${fileId}`), {
    recursive: true,
  });
}

beforeAll(async () => {
  cf = await FakeCurseForge.start(KEY);
});
afterAll(() => cf.close());
beforeEach(() => {
  for (const m of SAMPLE_MODS) cf.setMod(m);
  cf.requests.length = 0;
  cf.apiKey = KEY;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ark-mods-service-'));
  const db = openDatabase(dir);
  migrate(db, [...MIGRATIONS.filter((m) => m.version !== 4), migration004]);
  store = createStore(db);
  seedAgent(store, AGENT);
  repo = new ModsRepo(db);
  clock = new FakeClock(AT);
  logLines = [];
  notified = [];
  mods = new ModsService({
    repo,
    curseforge: new CurseForgeClient({ clock, baseUrl: cf.url, apiKey: () => repo.apiKey()?.apiKey ?? null }),
    clock,
    logger: createLogger({ silent: true }),
    findInstance: (id) => store.instances.get(id),
    instances: () => store.instances.listAll(),
    instanceDir: (i) => i.installPath ?? dir,
    log: (_id, message) => logLines.push(message),
    notify: (e) => notified.push(e),
  });
});

describe('mods of an instance', () => {
  it('lists ids only, with a hint, while no API key is set', async () => {
    addInstance('STOPPED', { mods: [DEPOT, SPYGLASS], passiveMods: ['123'] });
    const view = await mods.list(ISLAND);
    expect(view.mods.map((m) => [m.modId, m.name])).toEqual([
      [DEPOT, null],
      [SPYGLASS, null],
    ]);
    expect(view.passiveMods.map((m) => m.modId)).toEqual(['123']);
    expect(view).toMatchObject({
      apiKeyConfigured: false,
      notice: { code: 'no-api-key' },
      updatesAvailable: 0,
      restartSuggested: false,
    });
    expect(view.notice?.message).toMatch(/add a CurseForge API key in the settings/i);
    expect(cf.requests).toEqual([]);
  });

  it('shows CurseForge names with a key, from the cache until it is stale', async () => {
    addInstance('STOPPED', { mods: [DEPOT, '404404'] });
    mods.setKey({ apiKey: KEY });
    const view = await mods.list(ISLAND);
    expect(view.mods[0]).toMatchObject({
      name: 'Dino Depot',
      authors: ['Ark Modder'],
      latestFileId: '6040989',
      installed: false,
      unknown: false,
    });
    expect(view.mods[1]).toMatchObject({ modId: '404404', unknown: true, name: null });
    expect(view.notice).toBeNull();
    await mods.list(ISLAND);
    expect(cf.requests).toHaveLength(1);
    await clock.advance(30 * 60_000);
    await mods.list(ISLAND);
    expect(cf.requests).toHaveLength(2);
    await mods.refresh(ISLAND);
    expect(cf.requests).toHaveLength(3);
  });

  it('marks a mod whose installed file is not the latest, and suggests a restart while running', async () => {
    addInstance('RUNNING', { mods: [DEPOT, SPYGLASS] });
    installed(DEPOT, 6040989);
    installed(SPYGLASS, 6040001);
    mods.setKey({ apiKey: KEY });
    expect((await mods.list(ISLAND)).updatesAvailable).toBe(0);
    cf.newFile(Number(DEPOT), 6099999, 'DinoDepot-1.5.zip');
    const view = await mods.refresh(ISLAND);
    expect(view.mods[0]).toMatchObject({ installedFileId: '6040989', latestFileId: '6099999', updateAvailable: true });
    expect(view.mods[1]?.updateAvailable).toBe(false);
    expect(view).toMatchObject({ updatesAvailable: 1, restartSuggested: true });
  });

  it('takes a mod on a sibling of the main file (the reported off-by-one) as current, and a real update as one', async () => {
    // ChronosWS/asma#6: mainFileId 4908851 while the server's folder is <modId>_4908852.
    cf.setMod({ ...SAMPLE_MODS[0]!, fileId: 4908851, siblingFileIds: [4908852] });
    addInstance('RUNNING', { mods: [DEPOT] });
    installed(DEPOT, 4908852);
    mods.setKey({ apiKey: KEY });
    const view = await mods.list(ISLAND);
    expect(view.mods[0]).toMatchObject({
      installedFileId: '4908852',
      latestFileId: '4908851',
      currentFileIds: ['4908851', '4908852'],
      updateAvailable: false,
    });
    expect(view).toMatchObject({ updatesAvailable: 0, restartSuggested: false });
    expect((await mods.checkNow()).updates).toEqual([]);
    expect(notified).toEqual([]);
    cf.newFile(Number(DEPOT), 4950001, 'DinoDepot-1.6.zip', [4950002]);
    expect((await mods.refresh(ISLAND)).mods[0]).toMatchObject({ latestFileId: '4950001', updateAvailable: true });
  });

  it('keeps showing cached names when CurseForge refuses the key, and says so', async () => {
    addInstance('STOPPED', { mods: [DEPOT] });
    mods.setKey({ apiKey: KEY });
    await mods.list(ISLAND);
    cf.apiKey = 'rotated';
    const view = await mods.refresh(ISLAND);
    expect(view.mods[0]?.name).toBe('Dino Depot');
    expect(view.notice).toMatchObject({
      code: 'api-key-refused',
      message: expect.stringMatching(/refused the API key/),
    });
    expect(JSON.stringify(view)).not.toContain(KEY);
  });

  it('does not make every page wait on a failing CurseForge: it pauses a minute after a failure', async () => {
    addInstance('STOPPED', { mods: [DEPOT] });
    mods.setKey({ apiKey: KEY });
    cf.failNext(500);
    expect((await mods.list(ISLAND)).notice).toMatchObject({ code: 'curseforge-unavailable' });
    expect((await mods.list(ISLAND)).notice).toMatchObject({ code: 'curseforge-unavailable' });
    expect(cf.requests).toHaveLength(1);
    await clock.advance(60_000);
    expect(await mods.list(ISLAND)).toMatchObject({ notice: null, mods: [{ name: 'Dino Depot' }] });
    expect(cf.requests).toHaveLength(2);
  });

  it('answers 404 for an unknown instance', async () => {
    await expect(mods.list('55555555-5555-4555-8555-555555555555')).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('the API key', () => {
  it('is stored, shown masked, kept by the mask and removed by null', () => {
    expect(mods.keyState()).toEqual({ apiKey: null, configured: false, updatedAt: null });
    expect(mods.setKey({ apiKey: KEY })).toEqual({ apiKey: SECRET_MASK, configured: true, updatedAt: AT });
    mods.setKey({ apiKey: SECRET_MASK });
    expect(repo.apiKey()?.apiKey).toBe(KEY);
    expect(mods.setKey({ apiKey: null })).toMatchObject({ apiKey: null, configured: false });
  });

  it('tells its listeners when it is stored or removed, not when the mask keeps it; a failing listener fails nothing', () => {
    const seen: (string | null)[] = [];
    mods.onKeyChanged(() => {
      throw new Error('a broken listener');
    });
    mods.onKeyChanged(() => seen.push(repo.apiKey()?.apiKey ?? null));
    expect(mods.setKey({ apiKey: KEY })).toMatchObject({ configured: true });
    mods.setKey({ apiKey: SECRET_MASK });
    mods.setKey({ apiKey: null });
    expect(seen).toEqual([KEY, null]);
  });
});

describe('the update check', () => {
  it('announces a new file of a running server once: a log line and a notification', async () => {
    addInstance('RUNNING', { mods: [DEPOT] });
    installed(DEPOT, 6040989);
    mods.setKey({ apiKey: KEY });
    expect(await mods.checkNow()).toMatchObject({ modsChecked: 1, updates: [], notice: null });
    cf.newFile(Number(DEPOT), 6099999, 'DinoDepot-1.5.zip');
    const first = await mods.checkNow();
    expect(first.updates).toEqual([
      expect.objectContaining({
        modId: DEPOT,
        name: 'Dino Depot',
        installedFileId: '6040989',
        latestFileId: '6099999',
        newlyNoticed: true,
      }),
    ]);
    expect(logLines).toEqual([
      expect.stringMatching(
        /Mod "Dino Depot" \(928597\) has an update: DinoDepot-1\.5\.zip.*restart it with a countdown/,
      ),
    ]);
    expect(notified).toEqual([
      expect.objectContaining({ kind: 'mod-update-available', instanceId: ISLAND, instanceName: 'Island' }),
    ]);
    expect((await mods.checkNow()).updates[0]?.newlyNoticed).toBe(false);
    expect(notified).toHaveLength(1);
    cf.newFile(Number(DEPOT), 6100000);
    await mods.checkNow();
    expect(notified).toHaveLength(2);
  });

  it('does not announce for a stopped server (it takes the file at its next start), nor without a key', async () => {
    addInstance('STOPPED', { mods: [DEPOT] });
    installed(DEPOT, 1);
    expect(await mods.checkNow()).toMatchObject({ modsChecked: 0, notice: { code: 'no-api-key' } });
    mods.setKey({ apiKey: KEY });
    expect((await mods.checkNow()).updates).toEqual([]);
    expect(notified).toEqual([]);
  });

  it('runs every interval on the clock until stopped', async () => {
    addInstance('RUNNING', { mods: [DEPOT] });
    mods.setKey({ apiKey: KEY });
    mods.startPeriodicCheck();
    mods.startPeriodicCheck();
    expect(clock.pending().map((p) => p.ms)).toEqual([30 * 60_000]);
    await clock.advance(30 * 60_000);
    while (cf.requests.length < 1 || !clock.pending().length) await new Promise((resolve) => setTimeout(resolve, 2));
    expect(cf.requests).toHaveLength(1);
    mods.stopPeriodicCheck();
    await clock.advance(0);
    expect(clock.pending()).toEqual([]);
  });
});

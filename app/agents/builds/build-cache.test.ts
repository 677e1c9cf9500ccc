import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../domain/clock.ts';
import { createLogger } from '../../logger.ts';
import { createStore, openDatabase, type Store } from '../../store/index.ts';
import { SimEnv } from '../../../test/helpers/sim-env.ts';
import { SteamcmdClient } from '../steamcmd/steamcmd-client.ts';
import { BuildCache } from './build-cache.ts';
import { buildDir, stagingCopyDir, stagingDir } from './build-paths.ts';
import { readLatestBuild } from './latest-build.ts';

let dir: string;
let dataRoot: string;
let sim: SimEnv;
let store: Store;
let cache: BuildCache;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ark-cache-'));
  dataRoot = path.join(dir, 'data');
  sim = await SimEnv.create({ durationMs: 200, payloadBytes: 64 * 1024 });
  const steamcmdPath = sim.steamcmdPath;
  store = createStore(openDatabase(dir));
  const logger = createLogger({ silent: true });
  const steamcmd = new SteamcmdClient({
    settings: () => ({ steamcmdPath, dataRoot }),
    logger,
    platform: 'linux',
    homeDir: path.join(dir, 'home'),
  });
  cache = new BuildCache({ store, steamcmd, dataRoot: () => dataRoot, clock: systemClock, logger });
});
afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(sim.steamcmdDir, { recursive: true, force: true });
});

function install(onProgress?: (percent: number, message: string) => void, signal = new AbortController().signal) {
  return cache.install({ validate: false, signal, onProgress });
}

describe('BuildCache', () => {
  it('says "already up to date" when the newest installed build is current, and drops the staging copy', async () => {
    await install();
    const messages: string[] = [];
    expect(await install((_p, m) => messages.push(m))).toEqual({
      buildId: '12345678',
      installPath: buildDir(dataRoot, '12345678'),
      upToDate: true,
    });
    expect(messages).toEqual(
      expect.arrayContaining([
        'Copying build 12345678 to update it…',
        'Already up to date',
        'Build 12345678 is already up to date',
      ]),
    );
    expect(fs.existsSync(stagingDir(dataRoot))).toBe(false);
    expect(fs.existsSync(stagingCopyDir(dataRoot))).toBe(false);
  });

  it('never uses a copy an interrupted install left half-way', async () => {
    await install();
    // A half copy whose manifest claims a complete install of another build.
    const copy = stagingCopyDir(dataRoot);
    fs.mkdirSync(path.join(copy, 'steamapps'), { recursive: true });
    fs.copyFileSync(
      path.join(buildDir(dataRoot, '12345678'), 'steamapps', 'appmanifest_2430930.acf'),
      path.join(copy, 'steamapps', 'appmanifest_2430930.acf'),
    );
    await sim.steamcmd({ buildId: '23456789' });
    expect((await install()).buildId).toBe('23456789');
    expect(fs.existsSync(copy)).toBe(false);
  });

  it('publishes over a folder that has no record (a publish interrupted before it was recorded)', async () => {
    const stray = buildDir(dataRoot, '12345678');
    fs.mkdirSync(stray, { recursive: true });
    fs.writeFileSync(path.join(stray, 'junk.txt'), 'left over');
    const installed = await install();
    expect(installed.installPath).toBe(stray);
    expect(fs.existsSync(path.join(stray, 'junk.txt'))).toBe(false);
    expect(store.builds.get('12345678')).not.toBeNull();
  });

  it('remembers the installed build as the one Steam serves, even below the one remembered (a Steam rollback)', async () => {
    store.settings.setMany({ latestBuildId: '99999999', latestCheckedAt: '2024-01-01T00:00:00.000Z' });
    await install();
    expect(readLatestBuild(store).latestBuildId).toBe('12345678');
    expect(readLatestBuild(store).latestCheckedAt).not.toBe('2024-01-01T00:00:00.000Z');
    store.settings.setMany({ latestBuildId: '1000' });
    await sim.steamcmd({ buildId: '23456789' });
    await install();
    expect(readLatestBuild(store).latestBuildId).toBe('23456789');
  });

  it('checks the latest build id on Steam and stores it with the time of the check', async () => {
    await sim.steamcmd({ latestBuildId: '44444444' });
    expect(await cache.checkLatest({ signal: new AbortController().signal })).toEqual({ latestBuildId: '44444444' });
    const latest = readLatestBuild(store);
    expect(latest.latestBuildId).toBe('44444444');
    expect(Date.parse(latest.latestCheckedAt ?? '')).not.toBeNaN();
  });
});

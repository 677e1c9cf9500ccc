import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { WSEvent } from '@ark-asa/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BuildCache } from '../../agents/builds/build-cache.ts';
import { readLatestBuild } from '../../agents/builds/latest-build.ts';
import { SteamcmdClient } from '../../agents/steamcmd/steamcmd-client.ts';
import { systemClock } from '../../domain/clock.ts';
import { createStore, openDatabase, type Store } from '../../store/index.ts';
import { SimEnv } from '../../../test/helpers/sim-env.ts';
import type { JobRunner } from '../job-runner.ts';
import { checkLatestBuildJob } from './check-latest-build-job.ts';
import { jobTestbed } from '../../../test/helpers/job-testbed.ts';

let dir: string;
let sim: SimEnv;
let home: string;
let store: Store;
let events: WSEvent[];
let runner: JobRunner;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ark-clb-'));
  sim = await SimEnv.create({ durationMs: 100 });
  home = sim.steamcmdDir;
  const steamcmdPath = sim.steamcmdPath;
  const dataRoot = path.join(dir, 'data');
  store = createStore(openDatabase(dir));
  const bed = jobTestbed(store);
  ({ runner, events } = bed);
  const { logger } = bed;
  const steamcmd = new SteamcmdClient({
    settings: () => ({ steamcmdPath, dataRoot }),
    logger,
    platform: 'linux',
    homeDir: path.join(dir, 'home'),
  });
  runner.register(
    checkLatestBuildJob({
      cache: new BuildCache({ store, steamcmd, dataRoot: () => dataRoot, clock: systemClock, logger }),
    }),
  );
});
afterEach(async () => {
  await runner.shutdown();
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(home, { recursive: true, force: true });
});

async function check() {
  const job = runner.enqueue({ type: 'CHECK_LATEST_BUILD' });
  const done = await runner.waitFor(job.id);
  const completed = events.find((e) => e.event === 'job:completed' && e.data.jobId === job.id);
  return {
    status: done.status,
    run: store.jobRuns.listForJob(job.id)[0],
    result: completed?.event === 'job:completed' ? completed.data.result : null,
  };
}

describe('CHECK_LATEST_BUILD', () => {
  it("answers Steam's latest build id, stores it with the check time, and is never fooled by the appinfo cache", async () => {
    await sim.steamcmd({ latestBuildId: '22222222' });
    expect((await check()).result).toEqual({ latestBuildId: '22222222' });
    const firstCheck = readLatestBuild(store);
    expect(firstCheck.latestBuildId).toBe('22222222');
    expect(firstCheck.latestCheckedAt).not.toBeNull();

    // The simulator, like SteamCMD, answers from appcache/appinfo.vdf while that file exists.
    expect(fs.existsSync(path.join(home, 'appcache', 'appinfo.vdf'))).toBe(true);
    await sim.steamcmd({ latestBuildId: '33333333' });
    expect((await check()).result).toEqual({ latestBuildId: '33333333' });
    expect(readLatestBuild(store).latestBuildId).toBe('33333333');
  });

  it('fails clearly when Steam has no app info, keeping the last known value', async () => {
    store.settings.setMany({ latestBuildId: '11111111', latestCheckedAt: '2024-01-01T00:00:00.000Z' });
    await sim.steamcmd({ appInfoEmpty: true });
    const { status, run } = await check();
    expect(status).toBe('FAILED');
    expect(run?.error?.code).toBe('steamcmd-failed');
    expect(run?.error?.message).toMatch(/Steam returned no build information/);
    expect(readLatestBuild(store)).toEqual({ latestBuildId: '11111111', latestCheckedAt: '2024-01-01T00:00:00.000Z' });
  });
});

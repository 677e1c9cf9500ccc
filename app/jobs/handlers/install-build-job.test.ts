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
import { installBuildJob } from './install-build-job.ts';
import { jobTestbed } from '../../../test/helpers/job-testbed.ts';

/** The simulator's failure modes, as its control file names them. */
type SimMode = NonNullable<Parameters<SimEnv['steamcmd']>[0]['mode']>;

let dir: string;
let dataRoot: string;
let sim: SimEnv;
let home: string;
let steamcmdPath: string | null;
let store: Store;
let events: WSEvent[];
let runner: JobRunner;
/** The setting steamcmdStallTimeoutSec the client reads at every run. */
let stallSec: number;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ark-ibj-'));
  dataRoot = path.join(dir, 'data');
  sim = await SimEnv.create({ durationMs: 300, payloadBytes: 256 * 1024 });
  home = sim.steamcmdDir;
  steamcmdPath = sim.steamcmdPath;
  stallSec = 600;
  store = createStore(openDatabase(dir));
  const bed = jobTestbed(store);
  ({ runner, events } = bed);
  const { logger } = bed;
  const steamcmd = new SteamcmdClient({
    settings: () => ({ steamcmdPath, dataRoot, steamcmdStallTimeoutSec: stallSec }),
    logger,
    platform: 'linux',
    homeDir: path.join(dir, 'home'),
    // Looks at the disk often, so that a short simulated download shows several steps.
    watchdogPollMs: 20,
  });
  const cache = new BuildCache({ store, steamcmd, dataRoot: () => dataRoot, clock: systemClock, logger });
  runner.register(installBuildJob({ cache }));
});

afterEach(async () => {
  await runner.shutdown();
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(home, { recursive: true, force: true });
});

const buildPath = (id: string) => path.join(dataRoot, 'runtime', 'cache', 'server_builds', 'ASA', id);
const staging = () => path.join(dataRoot, 'runtime', 'cache', 'staging', 'ASA');
const exe = (root: string) => path.join(root, 'ShooterGame', 'Binaries', 'Win64', 'ArkAscendedServer.exe');
/** SteamCMD runs so far: each one starts by printing this line into Steam's own console log. */
const steamcmdRuns = () =>
  (fs.readFileSync(path.join(home, 'logs', 'console_log.txt'), 'utf8').match(/Redirecting stderr to/g) ?? []).length;

async function install(params: Record<string, unknown> = {}) {
  const job = runner.enqueue({ type: 'INSTALL_BUILD', params });
  const done = await runner.waitFor(job.id);
  const run = store.jobRuns.listForJob(job.id).at(-1);
  const progress = events.flatMap((e) => (e.event === 'job:progress' && e.data.jobId === job.id ? [e.data] : []));
  const completed = events.find((e) => e.event === 'job:completed' && e.data.jobId === job.id);
  return {
    status: done.status,
    run,
    progress,
    result: completed?.event === 'job:completed' ? completed.data.result : null,
  };
}

describe('INSTALL_BUILD', () => {
  it('installs the build with rising progress and answers exactly { buildId, installPath, upToDate }', async () => {
    const { status, progress, result } = await install();
    expect(status).toBe('COMPLETED');
    expect(result).toEqual({ buildId: '12345678', installPath: buildPath('12345678'), upToDate: false });
    const percents = progress.map((p) => p.percent);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(new Set(progress.map((p) => p.message)).size).toBeGreaterThanOrEqual(3);
    expect(progress.some((p) => p.message.startsWith('Downloading…'))).toBe(true);
    expect(fs.existsSync(exe(buildPath('12345678')))).toBe(true);
    expect(fs.existsSync(staging())).toBe(false);
    expect(store.builds.get('12345678')).toMatchObject({
      installPath: buildPath('12345678'),
      sizeBytes: expect.any(Number),
    });
    expect(store.builds.get('12345678')!.sizeBytes).toBeGreaterThan(256 * 1024);
    expect(readLatestBuild(store).latestBuildId).toBe('12345678');
  });

  it('finds the build already up to date on a second install, and adds a folder for a new build', async () => {
    await install();
    const first = store.builds.get('12345678')!;
    const again = await install({ validate: false });
    expect(again.result).toEqual({ buildId: '12345678', installPath: buildPath('12345678'), upToDate: true });
    expect(store.builds.list()).toEqual([first]);
    expect(fs.existsSync(staging())).toBe(false);

    await sim.steamcmd({ buildId: '23456789' });
    const update = await install();
    expect(update.result).toEqual({ buildId: '23456789', installPath: buildPath('23456789'), upToDate: false });
    expect(update.progress.some((p) => p.message.startsWith('Copying build 12345678'))).toBe(true);
    expect(
      store.builds
        .list()
        .map((b) => b.buildId)
        .sort(),
    ).toEqual(['12345678', '23456789']);
    const oldManifest = fs.readFileSync(
      path.join(buildPath('12345678'), 'steamapps', 'appmanifest_2430930.acf'),
      'utf8',
    );
    expect(oldManifest).toMatch(/"buildid"\s+"12345678"/);
    expect(fs.existsSync(exe(buildPath('12345678')))).toBe(true);
    expect(readLatestBuild(store).latestBuildId).toBe('23456789');
  });

  it('runs a fresh SteamCMD again after its first-run self-update (exit 7)', async () => {
    await sim.steamcmd({ mode: 'self-update-first-run' });
    const { status, result } = await install();
    expect(status).toBe('COMPLETED');
    expect(result).toEqual({ buildId: '12345678', installPath: buildPath('12345678'), upToDate: false });
    expect(steamcmdRuns()).toBe(2);
  });

  it('still reports progress with comma decimals and output buffered in chunks', async () => {
    await sim.steamcmd({ decimalComma: true, bufferedChunks: true, chunkBytes: 256, stallRepeats: 30 });
    const { status, progress } = await install();
    expect(status).toBe('COMPLETED');
    expect(progress.some((p) => p.percent > 10 && p.percent < 100)).toBe(true);
  });

  // The simulator's "wrong order" failure (+login before +force_install_dir) cannot be reached:
  // the client always builds the canonical order with buildSteamcmdArgs.
  it.each<[SimMode, RegExp, number]>([
    ['disk-full', /Not enough disk space/, 1],
    ['network', /download from Steam did not complete.*internet connection/, 2],
    ['state-0x6', /generic update failure.*content_log\.txt/, 2],
    ['no-subscription', /No subscription/, 1],
    ['appinfo-timeout', /timed out waiting for app information from Steam: check the internet connection/, 2],
  ])('fails clearly when SteamCMD reports %s (message %s, %i run(s))', async (mode, message, runs) => {
    await sim.steamcmd({ mode });
    const { status, run } = await install();
    expect(status).toBe('FAILED');
    expect(run?.error?.code).toBe('steamcmd-failed');
    expect(run?.error?.message).toMatch(message);
    expect(steamcmdRuns()).toBe(runs);
    expect(store.builds.list()).toEqual([]);
  });

  it('kills SteamCMD when cancelled, keeps staging, and resumes from it next time', async () => {
    await sim.steamcmd({ mode: 'hang' });
    const job = runner.enqueue({ type: 'INSTALL_BUILD', params: {} });
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (
          events.some(
            (e) => e.event === 'job:progress' && e.data.jobId === job.id && e.data.message.startsWith('Downloading'),
          )
        ) {
          clearInterval(check);
          resolve();
        }
      }, 10);
    });
    expect(sim.runningSteamcmdPids().length).toBeGreaterThan(0);
    runner.cancel(job.id);
    expect((await runner.waitFor(job.id)).status).toBe('CANCELLED');
    expect(sim.runningSteamcmdPids()).toEqual([]);
    expect(fs.existsSync(path.join(staging(), 'steamapps', 'downloading', '2430930'))).toBe(true);

    await sim.steamcmd({ mode: 'normal' });
    const resumed = await install();
    expect(resumed.status).toBe('COMPLETED');
    expect(resumed.progress.some((p) => p.message === 'Resuming the previous install…')).toBe(true);
  });

  it('takes progress from the disk while SteamCMD holds all its output back until it exits (Windows pipe)', async () => {
    await sim.steamcmd({ bufferedChunks: true, chunkBytes: 1 << 30, durationMs: 2000 });
    const { status, progress, result } = await install();
    expect(status).toBe('COMPLETED');
    expect(result).toEqual({ buildId: '12345678', installPath: buildPath('12345678'), upToDate: false });
    // Only the disk reader describes a step with its sizes; stdout lines say "Downloading… N%".
    const fromDisk = progress.filter((p) => /^Downloading… \d+% \(.+ of .+\)$/.test(p.message));
    expect(new Set(fromDisk.map((p) => p.percent)).size).toBeGreaterThanOrEqual(2);
    const percents = progress.map((p) => p.percent);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
  });

  it('completes with the build id of the manifest when SteamCMD prints no Success! line', async () => {
    await sim.steamcmd({ omitSuccessLine: true, bufferedChunks: true, chunkBytes: 1 << 30 });
    const { status, result } = await install();
    expect(status).toBe('COMPLETED');
    expect(result).toEqual({ buildId: '12345678', installPath: buildPath('12345678'), upToDate: false });
    expect(store.builds.get('12345678')?.installPath).toBe(buildPath('12345678'));
    expect(steamcmdRuns()).toBe(1);
  });

  it('does not let the manifest of the build it updates stand in for a run that printed an error', async () => {
    await install();
    // The update starts from a copy of 12345678, whose manifest says "fully installed"; exit 0
    // and no Success! line must not turn the failed update into "installed 12345678".
    await sim.steamcmd({ buildId: '23456789', mode: 'network', exitCodeOverride: 0 });
    const { status, run } = await install();
    expect(status).toBe('FAILED');
    expect(run?.error?.message).toMatch(/download from Steam did not complete/);
    expect(store.builds.list().map((b) => b.buildId)).toEqual(['12345678']);
  });

  it('stops a SteamCMD that prints nothing and stops downloading, and fails the job saying so', async () => {
    stallSec = 1;
    await sim.steamcmd({ mode: 'hang', bufferedChunks: true, chunkBytes: 1 << 30 });
    const { status, run } = await install();
    expect(status).toBe('FAILED');
    expect(run?.error).toEqual({
      code: 'steamcmd-failed',
      message:
        'SteamCMD made no progress for 1 second (no output, download not growing); it was stopped. Check your network or disk, then try again.',
    });
    expect(sim.runningSteamcmdPids()).toEqual([]);
    expect(steamcmdRuns()).toBe(1);
    expect(store.builds.list()).toEqual([]);
  });

  it('fails with STEAMCMD_NOT_FOUND when SteamCMD is not configured', async () => {
    steamcmdPath = null;
    const { status, run } = await install();
    expect(status).toBe('FAILED');
    expect(run?.error).toEqual({
      code: 'steamcmd-not-found',
      message:
        'Set steamcmdPath in the settings to your steamcmd executable (e.g. /usr/games/steamcmd or ~/steamcmd/steamcmd.sh)',
    });
  });
});

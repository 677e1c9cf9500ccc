import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BuildList, InstanceSettings } from '@ark-asa/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BuildCache } from '../agents/builds/build-cache.ts';
import { buildDir } from '../agents/builds/build-paths.ts';
import { SteamcmdClient } from '../agents/steamcmd/steamcmd-client.ts';
import { SteamcmdInstaller } from '../agents/steamcmd/steamcmd-installer.ts';
import { isAppError } from '../domain/app-error.ts';
import { systemClock } from '../domain/clock.ts';
import { checkLatestBuildJob } from '../jobs/handlers/check-latest-build-job.ts';
import { deleteBuildJob } from '../jobs/handlers/delete-build-job.ts';
import { installBuildJob } from '../jobs/handlers/install-build-job.ts';
import { installSteamcmdJob } from '../jobs/handlers/install-steamcmd-job.ts';
import type { JobRunner } from '../jobs/job-runner.ts';
import { createStore, openDatabase, type Store } from '../store/index.ts';
import { BuildsService } from './builds-service.ts';
import { seedAgent } from '../../test/helpers/store-fixtures.ts';
import { jobTestbed } from '../../test/helpers/job-testbed.ts';

const AGENT = 'a0000000-0000-4000-8000-000000000000';
let dir: string;
let dataRoot: string;
let store: Store;
let runner: JobRunner;
let builds: BuildsService;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ark-bsv-'));
  dataRoot = path.join(dir, 'data');
  store = createStore(openDatabase(dir));
  const bed = jobTestbed(store);
  runner = bed.runner;
  const { logger } = bed;
  // SteamCMD is not configured: the jobs fail at once, which is all these tests need of them.
  const steamcmd = new SteamcmdClient({
    settings: () => ({ steamcmdPath: null, dataRoot }),
    logger,
    platform: 'linux',
  });
  const cache = new BuildCache({ store, steamcmd, dataRoot: () => dataRoot, clock: systemClock, logger });
  runner.register(installBuildJob({ cache }));
  runner.register(checkLatestBuildJob({ cache }));
  runner.register(deleteBuildJob({ store, dataRoot: () => dataRoot, logger }));
  runner.register(
    installSteamcmdJob({
      installer: new SteamcmdInstaller({ dataRoot: () => dataRoot, logger, platform: 'linux' }),
      saveSteamcmdPath: () => undefined,
    }),
  );
  builds = new BuildsService({ store, runner, agentId: () => AGENT });
  seedAgent(store, AGENT);
});
afterEach(async () => {
  await runner.shutdown();
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function addBuild(buildId: string, installedAt: string): void {
  fs.mkdirSync(buildDir(dataRoot, buildId), { recursive: true });
  store.builds.upsert({ buildId, installPath: buildDir(dataRoot, buildId), installedAt, sizeBytes: 123 });
}

function addInstance(buildId: string): string {
  const id = crypto.randomUUID();
  const now = new Date().toISOString();
  store.instances.insert({
    id,
    name: id,
    agentId: AGENT,
    status: 'STOPPED',
    buildId,
    installPath: null,
    settings: InstanceSettings.parse({}),
    process: null,
    createdAt: now,
    updatedAt: now,
  });
  return id;
}

function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (err) {
    return isAppError(err) ? err.code : 'not-an-app-error';
  }
}

describe('BuildsService', () => {
  it('lists builds newest first with the instances on each and the latest known build', () => {
    addBuild('11111111', '2024-01-01T00:00:00.000Z');
    addBuild('22222222', '2024-02-01T00:00:00.000Z');
    const instanceId = addInstance('11111111');
    store.settings.setMany({ latestBuildId: '33333333', latestCheckedAt: '2024-03-01T00:00:00.000Z' });
    const list = builds.list();
    expect(BuildList.parse(list)).toEqual(list);
    expect(list).toEqual({
      items: [
        {
          buildId: '22222222',
          installPath: buildDir(dataRoot, '22222222'),
          installedAt: '2024-02-01T00:00:00.000Z',
          sizeBytes: 123,
          usedBy: [],
        },
        {
          buildId: '11111111',
          installPath: buildDir(dataRoot, '11111111'),
          installedAt: '2024-01-01T00:00:00.000Z',
          sizeBytes: 123,
          usedBy: [instanceId],
        },
      ],
      nextCursor: null,
      latestBuildId: '33333333',
      latestCheckedAt: '2024-03-01T00:00:00.000Z',
    });
  });

  it('sends the list as JSON kept until a build, a server on it or the latest known build changes', () => {
    const sent = () => JSON.parse(builds.listJson().toString()) as BuildList;
    expect(builds.listJson().toString()).toBe(JSON.stringify(builds.list()));
    addBuild('11111111', '2024-01-01T00:00:00.000Z');
    expect(sent().items.map((b) => b.buildId)).toEqual(['11111111']);
    expect(builds.listJson()).toBe(builds.listJson());
    const instanceId = addInstance('11111111');
    expect(sent().items[0]!.usedBy).toEqual([instanceId]);
    store.settings.setMany({ latestBuildId: '22222222', latestCheckedAt: '2024-03-01T00:00:00.000Z' });
    expect(sent().latestBuildId).toBe('22222222');
    store.instances.delete(instanceId);
    store.builds.delete('11111111');
    expect(sent().items).toEqual([]);
  });

  it('lists nothing known before the first check', () => {
    expect(builds.list()).toEqual({ items: [], nextCursor: null, latestBuildId: null, latestCheckedAt: null });
  });

  it('enqueues the jobs on the local agent', () => {
    expect(builds.install({ validate: true })).toMatchObject({
      type: 'INSTALL_BUILD',
      status: 'PENDING',
      params: { validate: true },
      agentId: AGENT,
    });
    expect(builds.install({})).toMatchObject({ params: { validate: false } });
    expect(builds.checkLatest()).toMatchObject({ type: 'CHECK_LATEST_BUILD', status: 'PENDING' });
    expect(builds.installSteamcmd()).toMatchObject({ type: 'INSTALL_STEAMCMD', status: 'PENDING' });
  });

  it('answers 404 and 409 for a delete before any job exists', () => {
    addBuild('11111111', '2024-01-01T00:00:00.000Z');
    addBuild('22222222', '2024-02-01T00:00:00.000Z');
    addInstance('11111111');
    expect(codeOf(() => builds.delete('99999999'))).toBe('build-not-found');
    expect(codeOf(() => builds.delete('11111111'))).toBe('conflict');
    expect(store.jobs.list({ limit: 50 }).items).toEqual([]);
    expect(builds.delete('22222222')).toMatchObject({ type: 'DELETE_BUILD', params: { buildId: '22222222' } });
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InstanceSettings } from '@ark-asa/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildDir } from '../../agents/builds/build-paths.ts';
import { createStore, openDatabase, type Store } from '../../store/index.ts';
import type { JobRunner } from '../job-runner.ts';
import { deleteBuildJob } from './delete-build-job.ts';
import { seedAgent } from '../../../test/helpers/store-fixtures.ts';
import { jobTestbed } from '../../../test/helpers/job-testbed.ts';

const AGENT = 'a0000000-0000-4000-8000-000000000000';
let dir: string;
let dataRoot: string;
let store: Store;
let runner: JobRunner;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ark-dbj-'));
  dataRoot = path.join(dir, 'data');
  store = createStore(openDatabase(dir));
  const bed = jobTestbed(store);
  runner = bed.runner;
  const { logger } = bed;
  runner.register(deleteBuildJob({ store, dataRoot: () => dataRoot, logger }));
  seedAgent(store, AGENT);
});
afterEach(async () => {
  await runner.shutdown();
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function addBuild(buildId: string, installPath = buildDir(dataRoot, buildId)): string {
  fs.mkdirSync(installPath, { recursive: true });
  fs.writeFileSync(path.join(installPath, 'file.bin'), 'x');
  store.builds.upsert({ buildId, installPath, installedAt: new Date().toISOString(), sizeBytes: 1 });
  return installPath;
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

async function remove(buildId: string) {
  const job = runner.enqueue({ type: 'DELETE_BUILD', params: { buildId } });
  const done = await runner.waitFor(job.id);
  const run = store.jobRuns.listForJob(job.id)[0];
  return { status: done.status, error: run?.error ?? null, result: run?.result ?? null };
}

describe('DELETE_BUILD', () => {
  it('refuses a build an instance uses and deletes an unused one', async () => {
    const used = addBuild('11111111');
    const unused = addBuild('22222222');
    const instanceId = addInstance('11111111');

    const refused = await remove('11111111');
    expect(refused.status).toBe('FAILED');
    expect(refused.error).toMatchObject({ code: 'conflict' });
    expect(refused.error?.message).toContain(instanceId);
    expect(fs.existsSync(used)).toBe(true);
    expect(store.builds.get('11111111')).not.toBeNull();

    const deleted = await remove('22222222');
    expect(deleted.status).toBe('COMPLETED');
    expect(deleted.result).toEqual({ buildId: '22222222', installPath: unused, folderRemoved: true });
    expect(fs.existsSync(unused)).toBe(false);
    expect(store.builds.get('22222222')).toBeNull();
  });

  it('removes only the record of a build whose folder lies outside server_builds', async () => {
    const outside = addBuild('33333333', path.join(dir, 'elsewhere', '33333333'));
    const result = await remove('33333333');
    expect(result.status).toBe('COMPLETED');
    expect(result.result).toMatchObject({ folderRemoved: false });
    expect(fs.existsSync(outside)).toBe(true);
    expect(store.builds.get('33333333')).toBeNull();
  });

  it('fails with BUILD_NOT_FOUND for an unknown build', async () => {
    const result = await remove('44444444');
    expect(result.error).toEqual({ code: 'build-not-found', message: 'Build 44444444 is not installed' });
  });
});

import path from 'node:path';
import type { Job, WSEvent } from '@ark-asa/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BackupJobResult, RestoreResult } from '@ark-asa/contracts';
import { FakeProcessHost } from '../../agents/supervisor/fake-process-host.ts';
import { Supervisor } from '../../agents/supervisor/supervisor.ts';
import {
  backupFixture,
  ISLAND_FILES,
  noJob,
  readSaved,
  writeSaved,
  type Fixture,
} from '../../agents/backups/test-fixtures.ts';
import type { EventBus } from '../../events/event-bus.ts';
import { createLogger } from '../../logger.ts';
import type { JobRunner } from '../job-runner.ts';
import { backupBeforeUpdate, backupInstanceJob } from './backup-instance-job.ts';
import { updateInstanceJob } from './lifecycle-jobs.ts';
import { restoreBackupJob } from './restore-backup-job.ts';
import { jobTestbed } from '../../../test/helpers/job-testbed.ts';

let f: Fixture;
let events: WSEvent[];
let runner: JobRunner;
let bus: EventBus;
const logger = createLogger({ silent: true });

beforeEach(() => {
  f = backupFixture('ark-bjob');
  ({ runner, bus, events } = jobTestbed(f.store, { clock: f.clock, progressIntervalMs: 0 }));
  runner.register(backupInstanceJob({ backups: f.manager }));
  runner.register(restoreBackupJob({ backups: f.manager }));
});
afterEach(async () => {
  await runner.shutdown();
  f.close();
});

const run = async (job: Job) => {
  const done = await runner.waitFor(job.id);
  const runs = f.store.jobRuns.listForJob(job.id);
  return { status: done.status, result: runs.at(-1)?.result, error: runs.at(-1)?.error };
};

describe('BACKUP_INSTANCE and RESTORE_BACKUP jobs', () => {
  it('BACKUP_INSTANCE completes with the backup and reports progress as it goes', async () => {
    const inst = f.addInstance();
    const job = runner.enqueue({
      type: 'BACKUP_INSTANCE',
      instanceId: inst.id,
      params: { kind: 'manual', note: 'hi' },
    });
    const { status, result } = await run(job);
    expect(status).toBe('COMPLETED');
    const parsed = BackupJobResult.parse(result);
    expect(parsed.backup).toMatchObject({ kind: 'manual', note: 'hi', verified: true });
    const progress = events
      .filter((e) => e.event === 'job:progress' && e.data.jobId === job.id)
      .map((e) => (e.data as { percent: number }).percent);
    expect(progress.length).toBeGreaterThan(3);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('RESTORE_BACKUP completes with what it replaced and the safety backup', async () => {
    const inst = f.addInstance();
    const { backup } = await f.manager.take(inst.id, { kind: 'manual' }, noJob());
    writeSaved(inst.installPath!, { 'SavedArks/TheIsland_WP/TheIsland_WP.ark': 'world v2' });
    const { status, result } = await run(
      runner.enqueue({ type: 'RESTORE_BACKUP', instanceId: inst.id, params: { backupId: backup.id } }),
    );
    expect(status).toBe('COMPLETED');
    const restored = RestoreResult.parse(result);
    expect(restored.replaced).toContain('SavedArks/TheIsland_WP/TheIsland_WP.ark');
    expect(f.repo.get(restored.safetyBackupId!)?.kind).toBe('pre-restore');
    expect(readSaved(inst.installPath!, 'SavedArks/TheIsland_WP/TheIsland_WP.ark')).toBe('world v1');
  });

  it('RESTORE_BACKUP fails with instance-running when the server started in the meantime', async () => {
    const inst = f.addInstance();
    const { backup } = await f.manager.take(inst.id, { kind: 'manual' }, noJob());
    f.running.add(inst.id);
    const { status, error } = await run(
      runner.enqueue({ type: 'RESTORE_BACKUP', instanceId: inst.id, params: { backupId: backup.id } }),
    );
    expect(status).toBe('FAILED');
    expect(error?.code).toBe('instance-running');
  });
});

describe('the backupBeforeUpdate hook of UPDATE_INSTANCE', () => {
  function updateJob(relinked: string[], order: string[]) {
    const supervisor = new Supervisor({
      store: f.store,
      bus,
      clock: f.clock,
      logger,
      host: new FakeProcessHost(),
      logs: { append: () => undefined },
      files: { instanceDir: (id) => path.join(f.dir, id), ensureManagedSettings: () => Promise.resolve() },
      followLog: () => ({ stop: () => undefined }),
      crashPolicy: () => ({ maxRestarts: 1, windowMs: 1000 }),
      requestRestart: () => undefined,
      portFree: () => Promise.resolve(true),
    });
    const hook = backupBeforeUpdate({ backups: f.manager });
    return updateInstanceJob({
      supervisor,
      store: f.store,
      relink: (instance) => {
        order.push('relink');
        relinked.push(instance.id);
        return Promise.resolve(instance.installPath!);
      },
      changed: () => undefined,
      backupBeforeUpdate: async (id, ctx) => {
        order.push('backup');
        return hook(id, ctx);
      },
    });
  }

  function onBuildA(files?: Record<string, string>, settings?: object) {
    const now = new Date().toISOString();
    for (const buildId of ['1001', '1002'])
      f.store.builds.upsert({ buildId, installPath: path.join(f.dir, buildId), installedAt: now, sizeBytes: 0 });
    const inst = f.addInstance({ files, settings });
    f.store.instances.update({ ...inst, buildId: '1001' });
    return inst;
  }

  it('takes a pre-update backup before the build is switched', async () => {
    const order: string[] = [];
    const relinked: string[] = [];
    runner.register(updateJob(relinked, order));
    const inst = onBuildA();
    const { status } = await run(
      runner.enqueue({ type: 'UPDATE_INSTANCE', instanceId: inst.id, params: { buildId: '1002' } }),
    );
    expect(status).toBe('COMPLETED');
    expect(order).toEqual(['backup', 'relink']);
    const backups = f.repo.listAll(inst.id);
    expect(backups.map((b) => b.kind)).toEqual(['pre-update']);
    expect(backups[0]?.note).toMatch(/before an update/);
  });

  it('fails the update, before touching the build, when the backup fails', async () => {
    const order: string[] = [];
    const relinked: string[] = [];
    runner.register(updateJob(relinked, order));
    // A save folder the manager refuses to follow: the backup fails, so the update must not run.
    const inst = onBuildA(ISLAND_FILES, { extraQueryArgs: ['AltSaveDirectoryName=../elsewhere'] });
    const { status, error } = await run(
      runner.enqueue({ type: 'UPDATE_INSTANCE', instanceId: inst.id, params: { buildId: '1002' } }),
    );
    expect(status).toBe('FAILED');
    expect(error?.code).toBe('backup-failed');
    expect(relinked).toEqual([]);
    expect(f.store.instances.get(inst.id)?.buildId).toBe('1001');
  });

  it('skips the backup for an instance that has never saved a world (nothing to lose)', async () => {
    const order: string[] = [];
    runner.register(updateJob([], order));
    const inst = onBuildA({ 'Config/WindowsServer/GameUserSettings.ini': '[ServerSettings]\n' });
    const { status } = await run(
      runner.enqueue({ type: 'UPDATE_INSTANCE', instanceId: inst.id, params: { buildId: '1002' } }),
    );
    expect(status).toBe('COMPLETED');
    expect(order).toEqual(['backup', 'relink']);
    expect(f.repo.listAll(inst.id)).toEqual([]);
  });

  it('skips the backup for an instance that has no files yet', async () => {
    const order: string[] = [];
    runner.register(updateJob([], order));
    const inst = onBuildA(ISLAND_FILES);
    f.store.instances.update({ ...f.store.instances.get(inst.id)!, installPath: null });
    const { status } = await run(
      runner.enqueue({ type: 'UPDATE_INSTANCE', instanceId: inst.id, params: { buildId: '1002' } }),
    );
    expect(status).toBe('COMPLETED');
    expect(f.repo.listAll(inst.id)).toEqual([]);
  });
});

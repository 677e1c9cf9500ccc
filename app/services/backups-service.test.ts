import { randomUUID } from 'node:crypto';
import type { EnqueueRequest } from '../jobs/job-runner.ts';
import type { Job } from '@ark-asa/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupFixture, noJob, type Fixture } from '../agents/backups/test-fixtures.ts';
import { isAppError } from '../domain/app-error.ts';
import { BackupsService } from './backups-service.ts';

let f: Fixture;
let queued: EnqueueRequest[];
let service: BackupsService;

beforeEach(() => {
  f = backupFixture('ark-bsvc');
  queued = [];
  const enqueue = (req: EnqueueRequest): Job => {
    queued.push(req);
    const now = new Date().toISOString();
    return {
      id: randomUUID(),
      type: req.type,
      status: 'PENDING',
      instanceId: req.instanceId ?? null,
      agentId: req.agentId ?? null,
      params: req.params ?? {},
      createdAt: now,
      updatedAt: now,
      startedAt: null,
      finishedAt: null,
      error: null,
    };
  };
  const instance = (id: string) => {
    const r = f.store.instances.get(id);
    if (!r) throw new Error('not found');
    return r;
  };
  service = new BackupsService({
    instance,
    runner: { enqueue },
    isRunning: (id) => f.running.has(id),
    manager: f.manager,
    repo: f.repo,
    pages: f.store.pages,
    clock: f.clock,
  });
});
afterEach(() => f.close());

const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return 'ok';
  } catch (err) {
    return isAppError(err) ? err.code : String(err);
  }
};

describe('BackupsService', () => {
  it('queues BACKUP_INSTANCE with the kind and note', () => {
    const inst = f.addInstance();
    const job = service.create(inst.id, { note: 'before wipe' });
    expect(job.type).toBe('BACKUP_INSTANCE');
    expect(queued).toEqual([
      {
        type: 'BACKUP_INSTANCE',
        instanceId: inst.id,
        agentId: inst.agentId,
        params: { kind: 'manual', note: 'before wipe' },
      },
    ]);
    service.create(inst.id, {}, 'scheduled');
    expect(queued[1]?.params).toEqual({ kind: 'scheduled' });
  });

  it('answers 409 at once for a restore while the server is not stopped, and 404 for an unknown backup', async () => {
    const inst = f.addInstance();
    const { backup } = await f.manager.take(inst.id, { kind: 'manual' }, noJob());
    expect(codeOf(() => service.restore(inst.id, randomUUID()))).toBe('not-found');
    f.running.add(inst.id);
    expect(codeOf(() => service.restore(inst.id, backup.id))).toBe('instance-running');
    f.running.delete(inst.id);
    for (const status of ['STARTING', 'RUNNING', 'STOPPING', 'UPDATING'] as const) {
      f.store.instances.setStatus(inst.id, status, new Date().toISOString());
      expect(codeOf(() => service.restore(inst.id, backup.id))).toBe('instance-running');
    }
    expect(queued).toEqual([]);
    f.store.instances.setStatus(inst.id, 'CRASHED', new Date().toISOString());
    expect(service.restore(inst.id, backup.id).type).toBe('RESTORE_BACKUP');
    expect(queued[0]?.params).toEqual({ backupId: backup.id });
  });

  it('lists, gets and deletes; another instance’s backup is 404', async () => {
    const a = f.addInstance();
    const b = f.addInstance();
    const { backup } = await f.manager.take(a.id, { kind: 'manual' }, noJob());
    expect(service.list(a.id, 50).items).toEqual([backup]);
    expect(service.list(b.id, 50)).toEqual({ items: [], nextCursor: null });
    expect(service.get(a.id, backup.id)).toEqual(backup);
    expect(codeOf(() => service.get(b.id, backup.id))).toBe('not-found');
    expect((await service.download(a.id, backup.id)).fileName).toBe(backup.fileName);
    await service.delete(a.id, backup.id);
    expect(service.list(a.id, 50).items).toEqual([]);
  });

  it('deletes a backup once when ten deletions of it race: one succeeds, the others are 404', async () => {
    const a = f.addInstance();
    const { backup } = await f.manager.take(a.id, { kind: 'manual' }, noJob());
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () =>
        service.delete(a.id, backup.id).then(
          () => 'ok',
          (err: unknown) => (isAppError(err) ? err.code : String(err)),
        ),
      ),
    );
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'not-found')).toHaveLength(9);
  });

  it('reads the default policy and stores a new one', () => {
    const inst = f.addInstance();
    expect(service.policy(inst.id)).toEqual({ keepCount: 48, maxAgeDays: null, maxTotalBytes: 20 * 1024 ** 3 });
    expect(service.setPolicy(inst.id, { keepCount: 5, maxAgeDays: 14, maxTotalBytes: null })).toEqual({
      keepCount: 5,
      maxAgeDays: 14,
      maxTotalBytes: null,
    });
    expect(service.policy(inst.id)).toEqual({ keepCount: 5, maxAgeDays: 14, maxTotalBytes: null });
  });
});

import type { Job, StopInstanceBody } from '@ark-asa/contracts';
import { describe, expect, it } from 'vitest';
import type { ScheduleResult } from '@ark-asa/contracts';
import { AppError } from '../../domain/app-error.ts';
import type { EnqueueRequest } from '../../jobs/job-runner.ts';
import type { JobOutcome } from './job-outcome.ts';
import { fireSchedule, type FiringDeps, type InstanceView } from './schedule-firing.ts';
import { AGENT_ID, scheduleRecord } from './test-fixtures.ts';

const INSTANCE = 'b0000000-0000-4000-8000-000000000001';

function job(type: Job['type']): Job {
  const now = new Date().toISOString();
  return {
    id: crypto.randomUUID(),
    type,
    status: 'PENDING',
    instanceId: INSTANCE,
    agentId: AGENT_ID,
    params: {},
    createdAt: now,
    updatedAt: now,
    startedAt: null,
    finishedAt: null,
    error: null,
  };
}

function world(
  over: Partial<FiringDeps> & {
    inst?: Partial<InstanceView>;
    players?: number | null;
    outcome?: JobOutcome['status'];
  } = {},
) {
  const calls = {
    restart: [] as StopInstanceBody[],
    enqueue: [] as EnqueueRequest[],
    rcon: [] as string[],
    progress: [] as ScheduleResult[],
  };
  const deps: FiringDeps = {
    instance: () => ({ name: 'Island', status: 'RUNNING', buildId: '100', agentId: AGENT_ID, ...over.inst }),
    isBusy: () => false,
    playersOnline: () =>
      Promise.resolve(
        over.players === null ? { unknown: 'ListPlayers failed: RCON timed out' } : { count: over.players ?? 0 },
      ),
    rcon: (_id, command) => (calls.rcon.push(command), Promise.resolve('Server received, But no response!! ')),
    restart: (_id, body) => (calls.restart.push(body), job('RESTART_INSTANCE')),
    enqueue: (req) => (calls.enqueue.push(req), job(req.type)),
    awaitJob: (jobId) =>
      Promise.resolve({
        jobId,
        status: over.outcome ?? 'COMPLETED',
        error: over.outcome === 'FAILED' ? 'The server did not exit' : null,
        result: null,
      }),
    autoUpdate: () => Promise.resolve({ status: 'started', reason: 'updated' }),
    ...over,
  };
  const ctx = { signal: new AbortController().signal, progress: (r: ScheduleResult) => void calls.progress.push(r) };
  return { deps, calls, ctx };
}

describe('fireSchedule', () => {
  it('restarts with a countdown that warns exactly at the schedule’s minutes', async () => {
    const { deps, calls, ctx } = world();
    const s = scheduleRecord(INSTANCE, { warningMinutes: [15, 5, 1], message: 'daily restart' });
    const result = await fireSchedule(deps, s, ctx);
    expect(calls.restart).toEqual([{ countdownMinutes: 15, warningMinutes: [15, 5, 1], message: 'daily restart' }]);
    expect(calls.progress).toEqual([{ status: 'started', reason: 'Restart job queued', jobId: expect.any(String) }]);
    expect(result).toEqual({ status: 'started', reason: 'Restart done', jobId: calls.progress[0]!.jobId });
  });

  it('skips with a reason: players online (only when empty), a job running, a server not running', async () => {
    const empty = scheduleRecord(INSTANCE, { onlyWhenEmpty: true });
    const a = world({ players: 2 });
    expect(await fireSchedule(a.deps, empty, a.ctx)).toEqual({
      status: 'skipped',
      reason: '2 players online (this schedule runs only when nobody is)',
    });
    const b = world({ isBusy: () => true });
    expect((await fireSchedule(b.deps, scheduleRecord(INSTANCE), b.ctx)).reason).toMatch(/Another job/);
    const c = world({ inst: { status: 'STOPPED' } });
    expect(await fireSchedule(c.deps, scheduleRecord(INSTANCE), c.ctx)).toEqual({
      status: 'skipped',
      reason: 'The server is stopped, not running',
    });
    const d = world({ players: 0 });
    expect((await fireSchedule(d.deps, empty, d.ctx)).status).toBe('started');
    for (const w of [a, b, c]) expect(w.calls.restart).toEqual([]);
  });

  it("runs nothing for a remote host's server: that host runs its schedules", async () => {
    for (const action of ['RESTART', 'BACKUP', 'UPDATE', 'RCON'] as const) {
      let updated = false;
      const w = world({
        inst: { agentId: 'b0000000-0000-4000-8000-00000000000f' },
        localAgentId: () => AGENT_ID,
        autoUpdate: () => ((updated = true), Promise.resolve({ status: 'started', reason: 'updated' })),
      });
      expect(await fireSchedule(w.deps, scheduleRecord(INSTANCE, { action, command: 'x' }), w.ctx)).toEqual({
        status: 'skipped',
        reason: 'The server runs on another host: its own manager runs its schedules',
      });
      expect([w.calls.restart, w.calls.enqueue, w.calls.rcon, updated]).toEqual([[], [], [], false]);
    }
  });

  it('never restarts an only-when-empty schedule when the player count is unknown', async () => {
    const empty = scheduleRecord(INSTANCE, { onlyWhenEmpty: true });
    const w = world({ players: null });
    const result = await fireSchedule(w.deps, empty, w.ctx);
    expect(result.status).toBe('skipped');
    expect(result.reason).toMatch(/Cannot tell whether anyone is online \(ListPlayers failed: RCON timed out\)/);
    expect(w.calls.restart).toEqual([]);
  });

  it('tells a cancelled countdown and a failed job apart', async () => {
    const cancelled = world({ outcome: 'CANCELLED' });
    expect(await fireSchedule(cancelled.deps, scheduleRecord(INSTANCE), cancelled.ctx)).toMatchObject({
      status: 'skipped',
      reason: 'Restart cancelled by a user',
    });
    const failed = world({ outcome: 'FAILED' });
    expect(await fireSchedule(failed.deps, scheduleRecord(INSTANCE), failed.ctx)).toMatchObject({
      status: 'failed',
      reason: 'Restart failed: The server did not exit',
    });
  });

  it('queues a scheduled backup even while the server is stopped, and reports a refusal to queue', async () => {
    const { deps, calls, ctx } = world({ inst: { status: 'STOPPED' } });
    const s = scheduleRecord(INSTANCE, { action: 'BACKUP' });
    expect((await fireSchedule(deps, s, ctx)).status).toBe('started');
    expect(calls.enqueue).toEqual([
      { type: 'BACKUP_INSTANCE', instanceId: INSTANCE, agentId: AGENT_ID, params: { kind: 'scheduled' } },
    ]);
    const refused = world({
      enqueue: () => {
        throw AppError.invalidState('No handler for job type BACKUP_INSTANCE');
      },
    });
    expect(await fireSchedule(refused.deps, s, refused.ctx)).toEqual({
      status: 'failed',
      reason: 'Backup could not be queued: No handler for job type BACKUP_INSTANCE',
    });
  });

  it('broadcasts and runs RCON commands on a running server', async () => {
    const { deps, calls, ctx } = world();
    const broadcast = await fireSchedule(
      deps,
      scheduleRecord(INSTANCE, { action: 'BROADCAST', message: 'Dino dance at 20:00' }),
      ctx,
    );
    const rcon = await fireSchedule(
      deps,
      scheduleRecord(INSTANCE, { action: 'RCON', command: 'DestroyWildDinos' }),
      ctx,
    );
    expect(calls.rcon).toEqual(['Broadcast Dino dance at 20:00', 'DestroyWildDinos']);
    expect(broadcast).toEqual({
      status: 'started',
      reason: 'Sent; the server answered: Server received, But no response!!',
    });
    expect(rcon.status).toBe('started');
    const down = world({ rcon: () => Promise.reject(new Error('connection refused')) });
    expect(
      await fireSchedule(down.deps, scheduleRecord(INSTANCE, { action: 'RCON', command: 'SaveWorld' }), down.ctx),
    ).toEqual({ status: 'failed', reason: 'RCON failed: connection refused' });
  });

  it('hands UPDATE to the automatic update, whatever the server’s state', async () => {
    const { deps, ctx } = world({ inst: { status: 'STOPPED' } });
    expect(await fireSchedule(deps, scheduleRecord(INSTANCE, { action: 'UPDATE' }), ctx)).toEqual({
      status: 'started',
      reason: 'updated',
    });
    const gone = world({ instance: () => null });
    expect((await fireSchedule(gone.deps, scheduleRecord(INSTANCE), gone.ctx)).status).toBe('skipped');
  });
});

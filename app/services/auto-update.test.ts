import type { InstanceStatus, Job } from '@ark-asa/contracts';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../test/helpers/fake-clock.ts';
import type { ScheduleResult } from '@ark-asa/contracts';
import type { EnqueueRequest } from '../jobs/job-runner.ts';
import type { ScheduleRecord } from '../store/schedules-repo.ts';
import { AutoUpdater, newestBuild, type AutoUpdateDeps } from './auto-update.ts';
import type { JobOutcome } from './scheduler/job-outcome.ts';
import { AGENT_ID, scheduleRecord } from './scheduler/test-fixtures.ts';

const INSTANCE = 'b0000000-0000-4000-8000-000000000001';

interface World {
  latest: string;
  installed: string[];
  inst: { status: InstanceStatus; buildId: string | null };
  /** Builds whose server crashes at start. */
  broken: Set<string>;
  players: number | null;
  busy: boolean;
  /** Jobs the crash guard queued on its own, run before ours. */
  queuedByOthers: string[];
  enqueued: EnqueueRequest[];
  errors: { code: string; message: string }[];
  lines: string[];
  skipBuild: string | null;
  progress: ScheduleResult[];
}

/** A fake control plane: each job does to the world what the real one does to the instance. */
function setUp(over: Partial<World> = {}, now = '2030-06-01T05:00:00Z') {
  const w: World = {
    ...{
      latest: '200',
      installed: ['100'],
      inst: { status: 'RUNNING', buildId: '100' },
      broken: new Set<string>(),
      players: 0,
      busy: false,
    },
    ...{ queuedByOthers: [], enqueued: [], errors: [], lines: [], skipBuild: null, progress: [] },
    ...over,
  };
  const jobs = new Map<string, EnqueueRequest>();
  const run = (req: EnqueueRequest, jobId: string): JobOutcome => {
    const done = (result: unknown = null): JobOutcome => ({ jobId, status: 'COMPLETED', error: null, result });
    const target = req.params?.['buildId'] as string;
    switch (req.type) {
      case 'CHECK_LATEST_BUILD':
        return done({ latestBuildId: w.latest });
      case 'INSTALL_BUILD':
        w.installed.push(w.latest);
        return done();
      case 'UPDATE_INSTANCE':
        w.inst.buildId = target;
        if (!w.broken.has(target))
          return ((w.inst.status = w.inst.status === 'RUNNING' ? 'RUNNING' : 'STOPPED'), done());
        w.inst.status = 'CRASHED';
        return { jobId, status: 'FAILED', error: 'The server exited while starting; its log shows why', result: null };
      case 'START_INSTANCE':
        w.inst.status = w.broken.has(w.inst.buildId ?? '') ? 'CRASHED' : 'RUNNING';
        return done();
      default:
        return done();
    }
  };
  const deps: AutoUpdateDeps = {
    clock: new FakeClock(now),
    instance: () => ({ name: 'Island', agentId: AGENT_ID, ...w.inst }),
    installedBuildIds: () => [...w.installed],
    latestKnownBuildId: () => w.latest,
    isBusy: () => w.busy,
    playersOnline: () =>
      Promise.resolve(w.players === null ? { unknown: 'ListPlayers failed: RCON timed out' } : { count: w.players }),
    enqueue: (req) => {
      const id = crypto.randomUUID();
      jobs.set(id, req);
      w.enqueued.push(req);
      return { id } as Job;
    },
    awaitJob: (jobId) => {
      const req = jobs.get(jobId);
      if (req) return Promise.resolve(run(req, jobId));
      w.inst.status = 'RUNNING'; // a crash-guard restart, now on the good build
      return Promise.resolve({ jobId, status: 'COMPLETED', error: null, result: null });
    },
    activeJobIds: () => w.queuedByOthers.splice(0),
    agentId: () => AGENT_ID,
    setSkipBuild: (_id, buildId) => (w.skipBuild = buildId),
    say: (_id, _level, message) => void w.lines.push(message),
    error: (code, message) => void w.errors.push({ code, message }),
  };
  const ctx = { signal: new AbortController().signal, progress: (r: ScheduleResult) => void w.progress.push(r) };
  const update = (s: Partial<ScheduleRecord> = {}) =>
    new AutoUpdater(deps).run(
      scheduleRecord(INSTANCE, {
        action: 'UPDATE',
        warningMinutes: [10],
        message: 'new ARK build',
        skipBuildId: w.skipBuild,
        ...s,
      }),
      ctx,
    );
  return { w, update };
}

const types = (w: World) => w.enqueued.map((r) => r.type);

describe('AutoUpdater', () => {
  it('downloads a new build while the server runs, then counts down and switches', async () => {
    const { w, update } = setUp();
    expect(await update()).toMatchObject({ status: 'started', reason: 'Updated from build 100 to 200' });
    expect(types(w)).toEqual(['CHECK_LATEST_BUILD', 'INSTALL_BUILD', 'UPDATE_INSTANCE']);
    expect(w.enqueued[2]).toEqual({
      type: 'UPDATE_INSTANCE',
      instanceId: INSTANCE,
      agentId: AGENT_ID,
      params: { buildId: '200', countdownMinutes: 10, warningMinutes: [10], message: 'new ARK build' },
    });
    expect(w.inst).toEqual({ status: 'RUNNING', buildId: '200' });
    expect(w.lines[0]).toMatch(/build 200 is out; downloading it while the server keeps running/);
  });

  it('never restarts outside the update window: the download waits for it', async () => {
    const { w, update } = setUp({}, '2030-06-01T12:00:00Z');
    const result = await update({ updateWindow: { start: '04:00', end: '07:00' } });
    expect(result).toEqual({
      status: 'skipped',
      reason: 'Outside the update window (04:00–07:00); build 200 is downloaded and waits for it',
    });
    expect(types(w)).toEqual(['CHECK_LATEST_BUILD', 'INSTALL_BUILD']);
    expect(w.inst).toEqual({ status: 'RUNNING', buildId: '100' });
    // A window that wraps midnight holds 23:30.
    const late = setUp({ installed: ['100', '200'] }, '2030-06-01T23:30:00Z');
    expect((await late.update({ updateWindow: { start: '22:00', end: '02:00' } })).status).toBe('started');
  });

  it('does nothing more when the server is already on the newest build', async () => {
    const { w, update } = setUp({ latest: '100' });
    expect(await update()).toEqual({ status: 'started', reason: 'Up to date: on build 100, the one Steam serves' });
    expect(types(w)).toEqual(['CHECK_LATEST_BUILD']);
  });

  it('rolls back a build that does not start, reports it, and does not try it again', async () => {
    const { w, update } = setUp({ broken: new Set(['200']) });
    const result = await update();
    expect(result.status).toBe('failed');
    expect(types(w)).toEqual([
      'CHECK_LATEST_BUILD',
      'INSTALL_BUILD',
      'UPDATE_INSTANCE',
      'UPDATE_INSTANCE',
      'START_INSTANCE',
    ]);
    expect(w.enqueued[3]?.params).toEqual({ buildId: '100' });
    expect(w.inst).toEqual({ status: 'RUNNING', buildId: '100' });
    expect(w.errors).toEqual([
      {
        code: 'update-rolled-back',
        message:
          '"Island": build 200 did not start: The server exited while starting; its log shows why; rolled back to build 100; now on build 100, RUNNING',
      },
    ]);
    expect(w.skipBuild).toBe('200');
    w.enqueued.length = 0;
    expect(await update()).toEqual({
      status: 'skipped',
      reason: 'Build 200 was rolled back on this server before; waiting for Steam to serve another build',
    });
    expect(types(w)).toEqual(['CHECK_LATEST_BUILD']);
  });

  it('lets an automatic restart the crash guard queued bring the server back, instead of starting it twice', async () => {
    const { w, update } = setUp({ broken: new Set(['200']), queuedByOthers: ['crash-guard-start'] });
    await update();
    expect(types(w)).toEqual(['CHECK_LATEST_BUILD', 'INSTALL_BUILD', 'UPDATE_INSTANCE', 'UPDATE_INSTANCE']);
    expect(w.inst).toEqual({ status: 'RUNNING', buildId: '100' });
  });

  it('holds the switch back while players are online (only when empty) or a job runs', async () => {
    const a = setUp({ players: 3, installed: ['100', '200'] });
    expect(await a.update({ onlyWhenEmpty: true })).toEqual({
      status: 'skipped',
      reason: '3 players online (this schedule runs only when nobody is); build 200 waits',
    });
    const b = setUp({ busy: true, installed: ['100', '200'] });
    expect((await b.update()).reason).toMatch(/Another job/);
    for (const { w } of [a, b]) expect(types(w)).toEqual(['CHECK_LATEST_BUILD']);
  });

  it('switches a stopped server without starting it', async () => {
    const { w, update } = setUp({ inst: { status: 'STOPPED', buildId: '100' }, installed: ['100', '200'] });
    expect((await update()).status).toBe('started');
    expect(w.inst).toEqual({ status: 'STOPPED', buildId: '200' });
  });

  it('follows Steam back to a lower build it serves again, downloading it if needed', async () => {
    const { w, update } = setUp({ latest: '150', installed: ['200'], inst: { status: 'RUNNING', buildId: '200' } });
    expect(await update()).toMatchObject({ status: 'started', reason: 'Updated from build 200 to 150' });
    expect(types(w)).toEqual(['CHECK_LATEST_BUILD', 'INSTALL_BUILD', 'UPDATE_INSTANCE']);
    expect(w.enqueued[2]?.params).toMatchObject({ buildId: '150' });
    expect(w.lines[0]).toMatch(/Steam rolled back to build 150; downloading it while the server keeps running/);
    expect(w.inst).toEqual({ status: 'RUNNING', buildId: '150' });
  });

  it('switches back to a lower build already installed without downloading it again', async () => {
    const { w, update } = setUp({
      latest: '150',
      installed: ['150', '200'],
      inst: { status: 'STOPPED', buildId: '200' },
    });
    expect((await update()).status).toBe('started');
    expect(types(w)).toEqual(['CHECK_LATEST_BUILD', 'UPDATE_INSTANCE']);
    expect(w.inst.buildId).toBe('150');
  });

  it('does not retry a build rolled back on this server, even when Steam serves it as a rollback', async () => {
    const { w, update } = setUp({
      latest: '150',
      installed: ['150', '200'],
      inst: { status: 'RUNNING', buildId: '200' },
      skipBuild: '150',
    });
    expect(await update()).toEqual({
      status: 'skipped',
      reason: 'Build 150 was rolled back on this server before; waiting for Steam to serve another build',
    });
    expect(types(w)).toEqual(['CHECK_LATEST_BUILD']);
  });

  it('orders build ids numerically', () => {
    expect(newestBuild(['9', '100', '25'])).toBe('100');
    expect(newestBuild([])).toBeNull();
  });
});

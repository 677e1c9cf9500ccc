import type { WSEvent } from '@ark-asa/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../test/helpers/fake-clock.ts';
import type { ScheduleResult } from '@ark-asa/contracts';
import { createLogger } from '../../logger.ts';
import type { ScheduleRecord } from '../../store/schedules-repo.ts';
import type { FireContext } from './schedule-firing.ts';
import { ScheduleReporter } from './schedule-report.ts';
import { Scheduler } from './scheduler.ts';
import { scheduleRecord, scheduleTestStore, type ScheduleTestStore } from './test-fixtures.ts';

let t: ScheduleTestStore;
let clock: FakeClock;
let events: WSEvent[];
let lines: string[];
let fired: { id: string; at: string }[];
let fire: (s: ScheduleRecord, ctx: FireContext) => Promise<ScheduleResult>;
let scheduler: Scheduler;
let instanceId: string;

beforeEach(() => {
  t = scheduleTestStore();
  clock = new FakeClock('2030-06-01T04:59:00Z');
  events = [];
  lines = [];
  fired = [];
  fire = (s) => {
    fired.push({ id: s.id, at: clock.now().toISOString() });
    return Promise.resolve({ status: 'started', reason: 'done' });
  };
  const reporter = new ScheduleReporter({
    repo: t.repo,
    bus: { publish: (event, data) => void events.push({ event, data } as WSEvent) },
    logs: { append: (_id, line) => void lines.push(line.message) },
    clock,
  });
  scheduler = new Scheduler({
    repo: t.repo,
    clock,
    logger: createLogger({ silent: true }),
    reporter,
    fire: (s, ctx) => fire(s, ctx),
  });
  instanceId = t.addInstance();
});
afterEach(async () => {
  await scheduler.stop();
  t.close();
});

const add = (over: Partial<ScheduleRecord> = {}) => {
  const s = scheduleRecord(instanceId, { nextRunAt: '2030-06-01T05:00:00.000Z', ...over });
  t.repo.insert(s);
  return s;
};
const systemErrors = () =>
  events.filter((e) => e.event === 'system:error').map((e) => e.data as { code: string; message: string });

describe('Scheduler', () => {
  it('fires a due run at its time, once, and schedules the next', async () => {
    const s = add();
    expect(scheduler.start()).toEqual([]);
    await clock.advanceTo('2030-06-01T04:59:59Z');
    expect(fired).toEqual([]);
    await clock.advanceTo('2030-06-01T05:00:00Z');
    expect(fired).toEqual([{ id: s.id, at: '2030-06-01T05:00:00.000Z' }]);
    expect(t.repo.get(s.id)).toMatchObject({
      lastRunAt: '2030-06-01T05:00:00.000Z',
      nextRunAt: '2030-06-02T05:00:00.000Z',
      lastResult: { status: 'started', reason: 'done' },
    });
    await clock.advanceTo('2030-06-02T04:59:00Z');
    expect(fired).toHaveLength(1);
    await clock.advanceTo('2030-06-02T05:00:00Z');
    expect(fired).toHaveLength(2);
  });

  it('never fires a disabled schedule, and arms it once enabled', async () => {
    const s = add({ enabled: false, nextRunAt: null });
    scheduler.start();
    await clock.advanceTo('2030-06-01T05:30:00Z');
    expect(fired).toEqual([]);
    t.repo.updateDefinition({ ...s, enabled: true, cron: '0 6 * * *', nextRunAt: null });
    scheduler.refresh(s.id);
    await clock.advanceTo('2030-06-01T06:00:00Z');
    expect(fired).toEqual([{ id: s.id, at: '2030-06-01T06:00:00.000Z' }]);
  });

  it('applies a changed cron at once, waking the loop from its nap', async () => {
    const s = add({ cron: '0 9 * * *', nextRunAt: '2030-06-01T09:00:00.000Z' });
    scheduler.start();
    await clock.advance(0);
    t.repo.updateDefinition({ ...s, cron: '0 5 * * *', nextRunAt: '2030-06-01T05:00:00.000Z' });
    scheduler.refresh(s.id);
    await clock.advanceTo('2030-06-01T05:00:00Z');
    expect(fired).toHaveLength(1);
    t.repo.delete(s.id);
    scheduler.refresh(s.id);
    await clock.advanceTo('2030-06-03T05:00:00Z');
    expect(fired).toHaveLength(1);
  });

  it('reports a run missed while the manager was down, announced later, and does not fire it', async () => {
    const s = add();
    clock.set('2030-06-01T08:30:00Z');
    const announcements = scheduler.start();
    expect(announcements).toHaveLength(1);
    expect(systemErrors()).toEqual([]);
    announcements[0]!();
    expect(systemErrors()).toEqual([
      {
        code: 'schedule-missed',
        message: expect.stringMatching(
          /Scheduled restart \(At 05:00\): Missed the run due at 2030-06-01 05:00 \(UTC\)/,
        ),
        subjectId: instanceId,
        timestamp: '2030-06-01T08:30:00.000Z',
      },
    ]);
    expect(t.repo.get(s.id)).toMatchObject({
      nextRunAt: '2030-06-02T05:00:00.000Z',
      lastRunAt: null,
      lastResult: { status: 'missed' },
    });
    expect(lines.at(-1)).toMatch(
      /missed — Missed the run due at 2030-06-01 05:00 \(UTC\).*Next run: 2030-06-02 05:00 \(UTC\)/,
    );
    await clock.advance(60 * 60_000);
    expect(fired).toEqual([]);
  });

  it('reports a run missed while the computer slept, instead of firing it hours late', async () => {
    const s = add();
    scheduler.start();
    await clock.advance(0); // napping until 05:00
    clock.jump(3 * 60 * 60_000); // suspended from 04:59 to 07:59
    await clock.advance(0);
    expect(fired).toEqual([]);
    expect(systemErrors().map((e) => e.code)).toEqual(['schedule-missed']);
    expect(t.repo.get(s.id)?.nextRunAt).toBe('2030-06-02T05:00:00.000Z');
  });

  it('still fires a run found a little late (within the grace)', async () => {
    add();
    scheduler.start();
    await clock.advance(0);
    clock.jump(2 * 60_000);
    await clock.advance(0);
    expect(fired).toEqual([{ id: expect.any(String), at: '2030-06-01T05:01:00.000Z' }]);
    expect(systemErrors()).toEqual([]);
  });

  it('skips runs that fall inside a long previous run, without calling them missed', async () => {
    const s = add({ cron: '*/10 * * * *' });
    fire = async (rec, ctx) => {
      fired.push({ id: rec.id, at: clock.now().toISOString() });
      ctx.progress({ status: 'started', reason: 'countdown running' });
      if (fired.length === 1) await clock.sleep(25 * 60_000, ctx.signal);
      return { status: 'started', reason: 'done' };
    };
    scheduler.start();
    await clock.advanceTo('2030-06-01T05:30:00Z');
    expect(fired.map((f) => f.at)).toEqual(['2030-06-01T05:00:00.000Z', '2030-06-01T05:30:00.000Z']);
    expect(systemErrors()).toEqual([]);
    expect(
      lines.some((l) => /skipped the run due at 2030-06-01 05:10 \(UTC\), the previous one was still going/.test(l)),
    ).toBe(true);
    expect(t.repo.get(s.id)?.lastResult).toEqual({ status: 'started', reason: 'done' });
  });

  it('records a thrown error as a failed run and carries on', async () => {
    const s = add({ cron: '0 * * * *' });
    fire = () => Promise.reject(new Error('boom'));
    scheduler.start();
    await clock.advanceTo('2030-06-01T05:00:00Z');
    expect(t.repo.get(s.id)).toMatchObject({
      lastResult: { status: 'failed', reason: 'boom' },
      nextRunAt: '2030-06-01T06:00:00.000Z',
    });
  });

  it('stops: no run fires after stop(), and a running one is let go', async () => {
    add({ cron: '*/5 * * * *' });
    fire = async (rec, ctx) => {
      fired.push({ id: rec.id, at: clock.now().toISOString() });
      await clock.sleep(60 * 60_000, ctx.signal);
      return { status: 'started', reason: 'done' };
    };
    scheduler.start();
    await clock.advanceTo('2030-06-01T05:00:00Z');
    await scheduler.stop();
    await clock.advanceTo('2030-06-01T07:00:00Z');
    expect(fired).toHaveLength(1);
    expect(clock.pending()).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { duration, jobTimes, runTime } from './job-look.ts';

describe('duration', () => {
  it('reads as seconds, minutes or hours', () => {
    expect(duration(4_400)).toBe('4 s');
    expect(duration(125_000)).toBe('2 min 5 s');
    expect(duration(120_000)).toBe('2 min');
    expect(duration(3_780_000)).toBe('1 h 3 min');
    expect(duration(-5)).toBe('0 s');
  });
});

const T = (s: number) => new Date(Date.UTC(2026, 0, 1, 10, 0, s)).toISOString();
const now = Date.parse(T(200));

describe('runTime and jobTimes', () => {
  it('measure a finished job from its start, not from when it was queued', () => {
    const job = { createdAt: T(0), startedAt: T(3), finishedAt: T(65) };
    expect(runTime(job, 'COMPLETED', now)).toBe('1 min 2 s');
    expect(jobTimes(job, 'COMPLETED', now)).toBe('waited 3 s, ran 1 min 2 s');
  });

  it('count a running job up to now and a waiting one as waiting', () => {
    expect(runTime({ createdAt: T(0), startedAt: T(80), finishedAt: null }, 'RUNNING', now)).toBe('2 min');
    expect(jobTimes({ createdAt: T(0), startedAt: T(80), finishedAt: null }, 'RUNNING', now)).toBe(
      'waited 1 min 20 s, running for 2 min',
    );
    expect(runTime({ createdAt: T(20), startedAt: null, finishedAt: null }, 'PENDING', now)).toBe('waiting 3 min');
    expect(jobTimes({ createdAt: T(20), startedAt: null, finishedAt: null }, 'PENDING', now)).toBe('waiting for 3 min');
  });

  it('say that a job ended in the queue never ran', () => {
    const job = { createdAt: T(0), startedAt: null, finishedAt: T(12) };
    expect(runTime(job, 'CANCELLED', now)).toBe('did not run');
    expect(jobTimes(job, 'CANCELLED', now)).toBe('waited 12 s, never ran');
  });

  it('trust a live RUNNING status before the list has the start time', () => {
    const job = { createdAt: T(0), startedAt: null, finishedAt: null };
    expect(runTime(job, 'RUNNING', now)).toBe('starting');
  });
});

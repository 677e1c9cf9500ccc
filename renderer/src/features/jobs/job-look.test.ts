import { describe, expect, it } from 'vitest';
import { duration, jobDuration } from './job-look.ts';

describe('duration', () => {
  it('reads as seconds, minutes or hours', () => {
    expect(duration(4_400)).toBe('4 s');
    expect(duration(125_000)).toBe('2 min 5 s');
    expect(duration(120_000)).toBe('2 min');
    expect(duration(3_780_000)).toBe('1 h 3 min');
    expect(duration(-5)).toBe('0 s');
  });
});

describe('jobDuration', () => {
  const job = { createdAt: '2026-01-01T10:00:00.000Z', updatedAt: '2026-01-01T10:00:30.000Z' };
  it('measures a finished job to its last change and a running one to now', () => {
    expect(jobDuration(job, 'COMPLETED', Date.parse('2026-01-01T11:00:00Z'))).toBe('30 s');
    expect(jobDuration(job, 'RUNNING', Date.parse('2026-01-01T10:01:00Z'))).toBe('1 min');
  });
});

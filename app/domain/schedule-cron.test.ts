import { describe, expect, it } from 'vitest';
import { cronProblem, describeCron, hostTimeZone, nextRunAfter } from './schedule-cron.ts';

const at = (iso: string) => new Date(iso);

describe('schedule cron', () => {
  it('computes the next run strictly after the given instant, in the schedule’s zone', () => {
    expect(nextRunAfter('0 5 * * *', 'UTC', at('2030-06-01T04:59:59Z'))).toEqual(at('2030-06-01T05:00:00Z'));
    expect(nextRunAfter('0 5 * * *', 'UTC', at('2030-06-01T05:00:00Z'))).toEqual(at('2030-06-02T05:00:00Z'));
    // 05:00 in Berlin is 03:00 UTC in summer and 04:00 UTC in winter.
    expect(nextRunAfter('0 5 * * *', 'Europe/Berlin', at('2030-06-01T00:00:00Z'))).toEqual(at('2030-06-01T03:00:00Z'));
    expect(nextRunAfter('0 5 * * *', 'Europe/Berlin', at('2030-01-10T00:00:00Z'))).toEqual(at('2030-01-10T04:00:00Z'));
  });

  it('keeps a daily time across the spring DST change', () => {
    // Europe/Berlin skips 02:00–03:00 on 2030-03-31; a 05:00 restart still happens at 05:00 local.
    const runs = [at('2030-03-30T00:00:00Z')];
    for (let i = 0; i < 2; i += 1) runs.push(nextRunAfter('0 5 * * *', 'Europe/Berlin', runs.at(-1)!)!);
    expect(runs.slice(1)).toEqual([at('2030-03-30T04:00:00Z'), at('2030-03-31T03:00:00Z')]);
  });

  it('says why an expression cannot be used', () => {
    const now = at('2030-06-01T00:00:00Z');
    expect(cronProblem('*/30 4-6 * * *', 'UTC', now)).toBeNull();
    expect(cronProblem('@daily', 'UTC', now)).toBeNull();
    expect(cronProblem('0 5 * * * *', 'UTC', now)).toMatch(/five fields/);
    expect(cronProblem('bogus', 'UTC', now)).toMatch(/five fields/);
    expect(cronProblem('61 * * * *', 'UTC', now)).toMatch(/minute/);
    expect(cronProblem('0 5 31 2 *', 'UTC', now)).toMatch(/never/);
    expect(nextRunAfter('bogus', 'UTC', now)).toBeNull();
  });

  it('describes an expression in words, 24-hour clock', () => {
    expect(describeCron('0 5 * * *')).toBe('At 05:00');
    expect(describeCron('*/30 4-6 * * *')).toBe('Every 30 minutes, between 04:00 and 06:59');
  });

  it('knows the host’s zone', () => {
    expect(hostTimeZone()).toMatch(/\w/);
  });
});

import { describe, expect, it } from 'vitest';
import { cronToPreset, presetToCron, switchPreset, type CronPreset } from './cron-presets.ts';

describe('cron presets', () => {
  it.each<[CronPreset, string]>([
    [{ kind: 'daily', time: '05:00' }, '0 5 * * *'],
    [{ kind: 'daily', time: '23:45' }, '45 23 * * *'],
    [{ kind: 'hours', every: 2 }, '0 */2 * * *'],
    [{ kind: 'hours', every: 1 }, '0 * * * *'],
    [{ kind: 'minutes', every: 30 }, '*/30 * * * *'],
    [{ kind: 'minutes', every: 1 }, '* * * * *'],
    [{ kind: 'weekly', day: 1, time: '04:30' }, '30 4 * * 1'],
    [{ kind: 'weekly', day: 0, time: '12:00' }, '0 12 * * 0'],
    [{ kind: 'custom', cron: '  15 */6 * * 1-5 ' }, '15 */6 * * 1-5'],
  ])('%j emits %s and reads back as the same preset', (preset, cron) => {
    expect(presetToCron(preset)).toBe(cron);
    const back = cronToPreset(cron);
    expect(back.kind).toBe(preset.kind);
    expect(presetToCron(back)).toBe(cron);
  });

  it('opens whatever the builder would not write back identically as custom', () => {
    for (const cron of ['00 05 * * *', '0 5 1 * *', '*/7 * * * *', '0 */5 * * *', '0 5 * * 1-5', '@daily', '0 5 * *']) {
      expect(cronToPreset(cron)).toEqual({ kind: 'custom', cron });
    }
  });

  it('keeps the time when switching between daily and weekly, and hands the cron to custom', () => {
    const daily: CronPreset = { kind: 'daily', time: '06:15' };
    expect(switchPreset(daily, 'weekly')).toEqual({ kind: 'weekly', day: 1, time: '06:15' });
    expect(switchPreset(daily, 'custom')).toEqual({ kind: 'custom', cron: '15 6 * * *' });
    expect(presetToCron(switchPreset(daily, 'hours'))).toBe('0 */2 * * *');
  });
});

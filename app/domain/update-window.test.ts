import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { insideWindow, localMinutes, minutesOfDay } from './update-window.ts';

const utc = (hhmm: string) => new Date(`2030-06-01T${hhmm}:00Z`);

describe('update window', () => {
  it('holds [start, end) of a window inside one day', () => {
    const w = { start: '04:00', end: '07:00' };
    expect(insideWindow(utc('03:59'), w, 'UTC')).toBe(false);
    expect(insideWindow(utc('04:00'), w, 'UTC')).toBe(true);
    expect(insideWindow(utc('06:59'), w, 'UTC')).toBe(true);
    expect(insideWindow(utc('07:00'), w, 'UTC')).toBe(false);
  });

  it('wraps midnight when the end is before the start', () => {
    const w = { start: '22:00', end: '02:00' };
    expect(insideWindow(utc('23:30'), w, 'UTC')).toBe(true);
    expect(insideWindow(utc('00:00'), w, 'UTC')).toBe(true);
    expect(insideWindow(utc('01:59'), w, 'UTC')).toBe(true);
    expect(insideWindow(utc('02:00'), w, 'UTC')).toBe(false);
    expect(insideWindow(utc('12:00'), w, 'UTC')).toBe(false);
  });

  it('reads the window in the schedule’s zone', () => {
    // 03:30 UTC is 05:30 in Berlin in summer.
    expect(insideWindow(utc('03:30'), { start: '05:00', end: '06:00' }, 'Europe/Berlin')).toBe(true);
    expect(insideWindow(utc('03:30'), { start: '05:00', end: '06:00' }, 'UTC')).toBe(false);
    expect(localMinutes(utc('00:00'), 'UTC')).toBe(0);
  });

  it('a window and its complement never both hold (property)', () => {
    const hhmm = fc
      .integer({ min: 0, max: 1439 })
      .map((m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);
    fc.assert(
      fc.property(hhmm, hhmm, fc.integer({ min: 0, max: 1439 }), (a, b, t) => {
        fc.pre(a !== b);
        const at = new Date(Date.UTC(2030, 5, 1, 0, t));
        const inside = insideWindow(at, { start: a, end: b }, 'UTC');
        const outside = insideWindow(at, { start: b, end: a }, 'UTC');
        expect(inside).not.toBe(outside);
        expect(minutesOfDay(a)).toBeLessThan(1440);
      }),
    );
  });
});

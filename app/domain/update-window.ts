import type { UpdateWindow } from '@ark-asa/contracts';
/** Minutes since midnight of an "HH:MM" string (validated by the contracts). */
export function minutesOfDay(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** Minutes since local midnight of `at` in the zone `timeZone`. */
export function localMinutes(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: 'hour' | 'minute') => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return part('hour') * 60 + part('minute');
}

/**
 * Whether `at` falls in the window [start, end) read in `timeZone`. A window whose end is before its
 * start wraps midnight (22:00–02:00 holds 23:30 and 01:00, not 12:00).
 */
export function insideWindow(at: Date, window: UpdateWindow, timeZone: string): boolean {
  const t = localMinutes(at, timeZone);
  const start = minutesOfDay(window.start);
  const end = minutesOfDay(window.end);
  return start < end ? t >= start && t < end : t >= start || t < end;
}

export const describeWindow = (w: UpdateWindow): string => `${w.start}–${w.end}`;

/**
 * The schedule builder's presets and the cron strings they stand for. Only steps that divide the
 * hour or the day evenly are offered: cron restarts a step at every hour (or midnight), so
 * "every 7 minutes" would run at :56 and again at :00, four minutes later.
 */
export type CronPreset =
  | { kind: 'daily'; time: string }
  | { kind: 'hours'; every: number }
  | { kind: 'minutes'; every: number }
  | { kind: 'weekly'; day: number; time: string }
  | { kind: 'custom'; cron: string };

export type PresetKind = CronPreset['kind'];

export const HOUR_STEPS = [1, 2, 3, 4, 6, 8, 12] as const;
export const MINUTE_STEPS = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30] as const;
/** Cron weekday numbers: Sunday is 0. Listed from Monday, as most of the world reads a week. */
export const WEEKDAYS = [
  { value: 1, label: 'Monday' },
  { value: 2, label: 'Tuesday' },
  { value: 3, label: 'Wednesday' },
  { value: 4, label: 'Thursday' },
  { value: 5, label: 'Friday' },
  { value: 6, label: 'Saturday' },
  { value: 0, label: 'Sunday' },
] as const;

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** "05:30" → [5, 30]; anything else → midnight (the time input always gives HH:MM or nothing). */
function hourMinute(time: string): [number, number] {
  const m = HHMM.exec(time);
  return m ? [Number(m[1]), Number(m[2])] : [0, 0];
}

const pad = (n: number) => String(n).padStart(2, '0');

export function presetToCron(p: CronPreset): string {
  switch (p.kind) {
    case 'daily': {
      const [h, m] = hourMinute(p.time);
      return `${m} ${h} * * *`;
    }
    case 'hours':
      return p.every === 1 ? '0 * * * *' : `0 */${p.every} * * *`;
    case 'minutes':
      return p.every === 1 ? '* * * * *' : `*/${p.every} * * * *`;
    case 'weekly': {
      const [h, m] = hourMinute(p.time);
      return `${m} ${h} * * ${p.day}`;
    }
    case 'custom':
      return p.cron.trim();
  }
}

const num = (s: string | undefined, max: number): number | null => {
  if (s === undefined || !/^\d{1,2}$/.test(s)) return null;
  const n = Number(s);
  return n <= max ? n : null;
};

/** A step field such as "*" or "*\/6", if its step is one the builder offers. */
function step(field: string | undefined, steps: readonly number[]): number | null {
  if (field === '*') return 1;
  const m = /^\*\/(\d+)$/.exec(field ?? '');
  const n = m ? Number(m[1]) : null;
  return n !== null && steps.includes(n) && n > 1 ? n : null;
}

/**
 * The preset a stored cron string came from, so editing a schedule opens the builder it was made
 * with; anything the builder would not write back identically ("00 05 * * *") opens as custom, so
 * the builder never rewrites an expression the user typed.
 */
export function cronToPreset(cron: string): CronPreset {
  const found = recognise(cron);
  return presetToCron(found) === cron.trim() ? found : { kind: 'custom', cron: cron.trim() };
}

function recognise(cron: string): CronPreset {
  const f = cron.trim().split(/\s+/);
  const custom: CronPreset = { kind: 'custom', cron: cron.trim() };
  if (f.length !== 5) return custom;
  const [mi, ho, dom, mon, dow] = f;
  if (dom !== '*' || mon !== '*') return custom;
  const minute = num(mi, 59);
  const hour = num(ho, 23);
  if (minute !== null && hour !== null) {
    const time = `${pad(hour)}:${pad(minute)}`;
    if (dow === '*') return { kind: 'daily', time };
    const day = num(dow, 6);
    return day === null ? custom : { kind: 'weekly', day, time };
  }
  if (dow !== '*') return custom;
  const hours = step(ho, HOUR_STEPS);
  if (mi === '0' && hours !== null) return { kind: 'hours', every: hours };
  const minutes = step(mi, MINUTE_STEPS);
  if (ho === '*' && minutes !== null) return { kind: 'minutes', every: minutes };
  return custom;
}

/** The preset a user lands on when switching kinds, carrying over what still makes sense. */
export function switchPreset(from: CronPreset, kind: PresetKind): CronPreset {
  const time = from.kind === 'daily' || from.kind === 'weekly' ? from.time : '05:00';
  switch (kind) {
    case 'daily':
      return { kind, time };
    case 'weekly':
      return { kind, day: from.kind === 'weekly' ? from.day : 1, time };
    case 'hours':
      return { kind, every: 2 };
    case 'minutes':
      return { kind, every: 30 };
    case 'custom':
      return { kind, cron: presetToCron(from) };
  }
}

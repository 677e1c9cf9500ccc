import type { ScheduleAction, ScheduleResultStatus } from '@ark-asa/contracts';

export const ACTION_LOOK: Record<ScheduleAction, { label: string; color: string; hint: string }> = {
  RESTART: { label: 'Restart', color: 'orange', hint: 'Warns the players, saves, stops and starts the server again' },
  UPDATE: {
    label: 'Update',
    color: 'blue',
    hint: 'Asks Steam for a new server build; downloads it while the server runs, then switches inside the update window',
  },
  BACKUP: {
    label: 'Backup',
    color: 'teal',
    hint: 'Saves the world and zips the save folder; retention is set on the Backups tab',
  },
  BROADCAST: { label: 'Broadcast', color: 'grape', hint: 'Sends a message to everyone in game' },
  RCON: { label: 'RCON command', color: 'gray', hint: 'Runs one console command over RCON' },
};

export const RESULT_COLOR: Record<ScheduleResultStatus, string> = {
  started: 'teal',
  skipped: 'yellow',
  missed: 'orange',
  failed: 'red',
};

/** "in 4 min", "in 3 h 20 min", "in 2 d 5 h" (and "… ago" for a time already past). */
export function relative(iso: string | Date, now = Date.now()): string {
  const at = typeof iso === 'string' ? Date.parse(iso) : iso.getTime();
  const diff = at - now;
  const m = Math.round(Math.abs(diff) / 60_000);
  const text =
    m < 1
      ? 'less than a minute'
      : m < 60
        ? `${m} min`
        : m < 1440
          ? `${Math.floor(m / 60)} h${m % 60 ? ` ${m % 60} min` : ''}`
          : `${Math.floor(m / 1440)} d${Math.floor((m % 1440) / 60) ? ` ${Math.floor((m % 1440) / 60)} h` : ''}`;
  return diff >= 0 ? `in ${text}` : `${text} ago`;
}

/** The wall-clock time in the schedule's zone: the cron expression is read there, not in the browser's. */
export function inZone(iso: string | Date, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat(undefined, {
      timeZone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'short',
    }).format(new Date(iso));
  } catch {
    return new Date(iso).toLocaleString();
  }
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** IANA zones for the picker; UTC and the current value are always there (some engines omit UTC). */
export function timeZones(current: string): string[] {
  const all = new Set(typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []);
  all.add('UTC');
  all.add(browserTimeZone());
  if (current) all.add(current);
  return [...all].sort();
}

const VERB: Partial<Record<ScheduleAction, string>> = { RESTART: 'restarting', UPDATE: 'restarting for an update' };

/**
 * What players read at one warning, as the manager words it: the message is a reason appended to
 * the default text, unless it holds {minutes} or {time}, in which case it is the whole warning.
 */
export function warningPreview(action: ScheduleAction, minutesLeft: number, message: string): string {
  const time = minutesLeft === 1 ? '1 minute' : `${minutesLeft} minutes`;
  const msg = message.trim();
  if (/\{(minutes|time)\}/.test(msg))
    return msg.replaceAll('{minutes}', String(minutesLeft)).replaceAll('{time}', time);
  const base = `Server ${VERB[action] ?? 'restarting'} in ${time}`;
  return msg ? `${base}: ${msg}` : `${base}.`;
}

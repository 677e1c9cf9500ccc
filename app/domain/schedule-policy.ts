import type { StopInstanceBody } from '@ark-asa/contracts';
import type { ScheduleAction } from '@ark-asa/contracts';

/** A run found this late is still fired (a timer a little behind, a busy event loop)… */
export const MISSED_GRACE_MS = 2 * 60_000;
/**
 * …and a later one is reported as missed, never fired hours late. Waits are cut into naps of at
 * most this long: timers do not count time the computer spends asleep, so a long single wait would
 * notice a suspend only hours after the wake-up; naps notice it within one.
 */
export const MAX_NAP_MS = 60_000;

export type DueState = { kind: 'wait'; ms: number } | { kind: 'fire' } | { kind: 'missed'; lateMs: number };

export function dueState(nowMs: number, dueMs: number, graceMs = MISSED_GRACE_MS): DueState {
  if (nowMs < dueMs) return { kind: 'wait', ms: dueMs - nowMs };
  const lateMs = nowMs - dueMs;
  return lateMs > graceMs ? { kind: 'missed', lateMs } : { kind: 'fire' };
}

/** The stop options of a scheduled restart or update: warn exactly at the chosen minutes. */
export function countdownOptions(s: { warningMinutes: number[] | null; message: string | null }): StopInstanceBody {
  const warnings = s.warningMinutes?.length ? s.warningMinutes : null;
  return {
    countdownMinutes: warnings ? Math.max(...warnings) : 0,
    ...(warnings && { warningMinutes: warnings }),
    ...(s.message && { message: s.message }),
  };
}

const LABEL: Record<ScheduleAction, string> = {
  RESTART: 'restart',
  UPDATE: 'update',
  BACKUP: 'backup',
  BROADCAST: 'broadcast',
  RCON: 'RCON command',
};

/** "Scheduled restart (At 05:00)" — how log lines and errors name a schedule. */
export function scheduleLabel(action: ScheduleAction, description: string): string {
  return `Scheduled ${LABEL[action]} (${description})`;
}

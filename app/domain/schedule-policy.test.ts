import { describe, expect, it } from 'vitest';
import { countdownOptions, dueState, MISSED_GRACE_MS, scheduleLabel } from './schedule-policy.ts';

describe('schedule policy', () => {
  it('waits before the time, fires within the grace, reports a miss after it', () => {
    expect(dueState(1_000, 61_000)).toEqual({ kind: 'wait', ms: 60_000 });
    expect(dueState(61_000, 61_000)).toEqual({ kind: 'fire' });
    expect(dueState(61_000 + MISSED_GRACE_MS, 61_000)).toEqual({ kind: 'fire' });
    expect(dueState(61_001 + MISSED_GRACE_MS, 61_000)).toEqual({ kind: 'missed', lateMs: MISSED_GRACE_MS + 1 });
  });

  it('turns warning minutes into a countdown that warns exactly at them', () => {
    expect(countdownOptions({ warningMinutes: [15, 5, 1], message: 'daily restart' })).toEqual({
      countdownMinutes: 15,
      warningMinutes: [15, 5, 1],
      message: 'daily restart',
    });
    expect(countdownOptions({ warningMinutes: null, message: null })).toEqual({ countdownMinutes: 0 });
  });

  it('names a schedule in log lines', () => {
    expect(scheduleLabel('RESTART', 'At 05:00')).toBe('Scheduled restart (At 05:00)');
  });
});

import { describe, expect, it } from 'vitest';
import { nextRuns } from './cron-preview.ts';
import { draftToBody, emptyDraft, localErrors, normaliseWarnings, type ScheduleDraft } from './schedule-draft.ts';
import { SCHEDULE_TEMPLATES } from './schedule-templates.ts';

const draft = (patch: Partial<ScheduleDraft>): ScheduleDraft => ({ ...emptyDraft('Europe/Berlin'), ...patch });

describe('schedule drafts', () => {
  it('the three templates are the issue’s sentences, and valid as they are', () => {
    const bodies = SCHEDULE_TEMPLATES.map((t) => draftToBody(draft(t.draft)));
    expect(bodies[0]).toMatchObject({
      action: 'RESTART',
      cron: '0 5 * * *',
      warningMinutes: [15, 5, 1],
      updateWindow: null,
    });
    expect(bodies[1]).toMatchObject({ action: 'BACKUP', cron: '0 */2 * * *', warningMinutes: null, message: null });
    expect(bodies[2]).toMatchObject({
      action: 'UPDATE',
      cron: '*/30 * * * *',
      warningMinutes: [10, 5, 1],
      updateWindow: { start: '04:00', end: '07:00' },
    });
    for (const t of SCHEDULE_TEMPLATES) expect(localErrors(draft(t.draft))).toEqual({});
  });

  it('sends null for what the action does not use, so an edit clears it', () => {
    const body = draftToBody(
      draft({ action: 'BACKUP', message: 'left over', command: 'SaveWorld', windowStart: '04:00', windowEnd: '05:00' }),
    );
    expect(body).toMatchObject({ message: null, command: null, warningMinutes: null, updateWindow: null });
  });

  it('finds at the field what the server would refuse', () => {
    expect(localErrors(draft({ action: 'BROADCAST', message: '  ' }))).toHaveProperty('message');
    expect(localErrors(draft({ action: 'RCON', command: '' }))).toHaveProperty('command');
    expect(localErrors(draft({ action: 'UPDATE', windowStart: '04:00', windowEnd: '' }))).toHaveProperty([
      'updateWindow.end',
    ]);
    expect(localErrors(draft({ cron: '61 * * * *' })).cron).toMatch(/five fields/);
    expect(localErrors(draft({ cron: '0 0 31 2 *' })).cron).toMatch(/never comes round/);
  });

  it('reads warning chips as distinct minutes, largest first', () => {
    expect(normaliseWarnings(['1', '15', '5', '5', 'x', '0', '121'])).toEqual([15, 5, 1]);
  });

  it('computes the next runs in the schedule’s zone, not the browser’s', () => {
    const from = new Date('2026-07-01T00:00:00Z');
    const runs = nextRuns('0 5 * * *', 'Europe/Berlin', 3, from).map((d) => d.toISOString());
    expect(runs).toEqual(['2026-07-01T03:00:00.000Z', '2026-07-02T03:00:00.000Z', '2026-07-03T03:00:00.000Z']);
  });
});

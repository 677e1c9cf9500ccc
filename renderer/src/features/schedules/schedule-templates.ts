import type { ScheduleDraft } from './schedule-draft.ts';

export interface ScheduleTemplate {
  label: string;
  /** What the template leaves to other places, said where it is picked. */
  note?: string;
  draft: Partial<ScheduleDraft>;
}

/** The three sentences, one click each; everything stays editable afterwards. */
export const SCHEDULE_TEMPLATES: readonly ScheduleTemplate[] = [
  {
    label: 'Daily restart at 05:00 with warnings at 15, 5, 1',
    draft: { action: 'RESTART', cron: '0 5 * * *', warningMinutes: [15, 5, 1], message: '', onlyWhenEmpty: false },
  },
  {
    label: 'Backup every 2 hours',
    note: 'How many to keep (e.g. 48, at most 20 GiB) is the retention policy on the Backups tab.',
    draft: { action: 'BACKUP', cron: '0 */2 * * *', onlyWhenEmpty: false },
  },
  {
    label: 'Check for updates every 30 minutes, update between 04:00 and 07:00 with a 10-minute countdown',
    draft: {
      action: 'UPDATE',
      cron: '*/30 * * * *',
      warningMinutes: [10, 5, 1],
      windowStart: '04:00',
      windowEnd: '07:00',
      onlyWhenEmpty: false,
    },
  },
];

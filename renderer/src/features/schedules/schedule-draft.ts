import { CreateScheduleBody, SCHEDULE_FIELD_USES, type Schedule, type ScheduleAction } from '@ark-asa/contracts';
import type { z } from 'zod';
import { cronProblem } from './cron-preview.ts';

/** The form's state: every field always present, so switching actions keeps what was typed. */
export interface ScheduleDraft {
  action: ScheduleAction;
  cron: string;
  enabled: boolean;
  message: string;
  command: string;
  warningMinutes: number[];
  onlyWhenEmpty: boolean;
  timezone: string;
  windowStart: string;
  windowEnd: string;
}

export type ScheduleBody = z.input<typeof CreateScheduleBody>;

export function emptyDraft(timezone: string): ScheduleDraft {
  return {
    action: 'RESTART',
    cron: '0 5 * * *',
    enabled: true,
    message: '',
    command: '',
    warningMinutes: [15, 5, 1],
    onlyWhenEmpty: false,
    timezone,
    windowStart: '',
    windowEnd: '',
  };
}

export function draftFromSchedule(s: Schedule): ScheduleDraft {
  return {
    action: s.action,
    cron: s.cron,
    enabled: s.enabled,
    message: s.message ?? '',
    command: s.command ?? '',
    warningMinutes: s.warningMinutes ?? [],
    onlyWhenEmpty: s.onlyWhenEmpty,
    timezone: s.timezone,
    windowStart: s.updateWindow?.start ?? '',
    windowEnd: s.updateWindow?.end ?? '',
  };
}

export const usesField = (action: ScheduleAction, field: keyof typeof SCHEDULE_FIELD_USES): boolean =>
  SCHEDULE_FIELD_USES[field].includes(action);

/**
 * The body for both POST and PATCH. Fields the action does not use are sent as null: the server
 * refuses them on create otherwise, and on edit null clears what an earlier action had stored.
 */
export function draftToBody(d: ScheduleDraft): ScheduleBody {
  const used = (field: keyof typeof SCHEDULE_FIELD_USES) => usesField(d.action, field);
  const windowSet = d.windowStart !== '' || d.windowEnd !== '';
  return {
    action: d.action,
    cron: d.cron.trim(),
    enabled: d.enabled,
    message: used('message') && d.message.trim() ? d.message.trim() : null,
    command: used('command') && d.command.trim() ? d.command.trim() : null,
    warningMinutes: used('warningMinutes') && d.warningMinutes.length ? d.warningMinutes : null,
    onlyWhenEmpty: d.onlyWhenEmpty,
    timezone: d.timezone || null,
    updateWindow: used('updateWindow') && windowSet ? { start: d.windowStart, end: d.windowEnd } : null,
  };
}

/**
 * The same checks the server makes, by dotted field path ("updateWindow.end"), so most mistakes
 * show at their field before anything is sent.
 */
export function localErrors(d: ScheduleDraft): Record<string, string> {
  const errors: Record<string, string> = {};
  const parsed = CreateScheduleBody.safeParse(draftToBody(d));
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const path = issue.path.map(String).join('.');
    errors[path] ??= issue.message;
  }
  if (!errors.cron && !errors.timezone) {
    const problem = cronProblem(d.cron, d.timezone);
    if (problem) errors.cron = problem;
  }
  return errors;
}

/** Warnings as typed ("15, 5, 1" as chips): numbers, each once, largest first, as the contract wants. */
export function normaliseWarnings(values: readonly string[]): number[] {
  const nums = values.map((v) => Number(v.trim())).filter((n) => Number.isInteger(n) && n >= 1 && n <= 120);
  return [...new Set(nums)].sort((a, b) => b - a);
}

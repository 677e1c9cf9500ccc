/* eslint-disable no-control-regex -- refusing control characters is the point of this pattern */
import { z } from 'zod';
import { Id, IsoDateTime } from '../common.ts';

/**
 * Per-instance schedules (docs/rest-api.md#schedules): a cron expression and what to do when it
 * comes round. The cron syntax itself is checked by the server (the contracts import only zod);
 * everything else about a body is checked here, so the UI and the server agree.
 */
export const ScheduleAction = z.enum(['RESTART', 'UPDATE', 'BACKUP', 'BROADCAST', 'RCON']);
export type ScheduleAction = z.infer<typeof ScheduleAction>;

/**
 * started: the action ran (a job was queued, a message sent, an update checked);
 * skipped: a condition held it back (busy, players online, not running, outside the window, cancelled);
 * missed: the manager was not running or the computer slept at the time, so it was not fired late;
 * failed: it ran and went wrong (a failed job, an update that was rolled back).
 */
export const ScheduleResultStatus = z.enum(['started', 'skipped', 'missed', 'failed']);
export type ScheduleResultStatus = z.infer<typeof ScheduleResultStatus>;

export const ScheduleResult = z
  .object({ status: ScheduleResultStatus, reason: z.string(), jobId: Id.optional() })
  .meta({ id: 'ScheduleResult' });
export type ScheduleResult = z.infer<typeof ScheduleResult>;

/** `system:error` codes the scheduler reports with (the event names stay the protocol's 14). */
export const ScheduleErrorCode = {
  MISSED: 'schedule-missed',
  ROLLED_BACK: 'update-rolled-back',
} as const;

const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/;
const oneLine = (max: number, empty: string) =>
  z.string().trim().min(1, empty).max(max).regex(NO_CONTROL, 'One line, without control characters');

const HhMm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'A time of day as HH:MM (00:00–23:59)');

/** Switches happen only between start and end, local time of the schedule; 22:00–02:00 wraps midnight. */
export const UpdateWindow = z
  .strictObject({ start: HhMm, end: HhMm })
  .refine((w) => w.start !== w.end, { message: 'start and end must differ', path: ['end'] })
  .meta({ id: 'UpdateWindow' });
export type UpdateWindow = z.infer<typeof UpdateWindow>;

/** Minutes before the action at which players are warned in game, e.g. [15, 5, 1]. */
export const WarningMinutes = z
  .array(z.int().min(1, 'At least 1 minute').max(120, 'At most 120 minutes'))
  .min(1, 'Give at least one warning, or leave the field out')
  .max(20)
  .refine(
    (m) => m.every((v, i) => i === 0 || v < m[i - 1]!),
    'List the minutes from largest to smallest, each once, e.g. [15, 5, 1]',
  );

function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const TimeZone = z.string().min(1).max(64).refine(validTimeZone, 'An IANA time zone, e.g. Europe/Berlin');

const fields = {
  action: ScheduleAction,
  cron: z.string().trim().min(1, 'Give a cron expression, e.g. "0 5 * * *"').max(120),
  enabled: z.boolean(),
  message: oneLine(200, 'Type a message').nullable().optional(),
  command: oneLine(500, 'Type a command').nullable().optional(),
  warningMinutes: WarningMinutes.nullable().optional(),
  onlyWhenEmpty: z.boolean().optional(),
  timezone: TimeZone.nullable().optional(),
  updateWindow: UpdateWindow.nullable().optional(),
};

const ScheduleFields = z.strictObject(fields);
type ScheduleFields = z.infer<typeof ScheduleFields>;

/** Optional fields and the actions that use them; another action would silently ignore them. */
export const SCHEDULE_FIELD_USES: Record<
  'message' | 'command' | 'warningMinutes' | 'updateWindow',
  readonly ScheduleAction[]
> = {
  message: ['RESTART', 'UPDATE', 'BROADCAST'],
  command: ['RCON'],
  warningMinutes: ['RESTART', 'UPDATE'],
  updateWindow: ['UPDATE'],
};

/**
 * The rules between fields: what each action needs and what it would silently ignore. Exported so
 * the server checks a PATCH merged with the stored schedule by the very same rules.
 */
export function checkScheduleRules(s: Partial<ScheduleFields>, ctx: z.RefinementCtx): void {
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  if (s.action === 'BROADCAST' && !s.message) issue('message', 'A BROADCAST schedule needs the message to send');
  if (s.action === 'RCON' && !s.command) issue('command', 'An RCON schedule needs the command to run');
  for (const [field, actions] of Object.entries(SCHEDULE_FIELD_USES)) {
    const value = s[field as keyof typeof SCHEDULE_FIELD_USES];
    if (s.action && value !== undefined && value !== null && !actions.includes(s.action)) {
      issue(field, `Only ${actions.join(', ')} schedules use ${field}`);
    }
  }
}

export const CreateScheduleBody = ScheduleFields.extend({
  enabled: z.boolean().default(true),
  onlyWhenEmpty: z.boolean().default(false),
})
  .superRefine(checkScheduleRules)
  .meta({ id: 'CreateScheduleBody' });
export type CreateScheduleBody = z.infer<typeof CreateScheduleBody>;

/** Only the fields sent change; null clears an optional one. The result is checked as a whole. */
export const UpdateScheduleBody = ScheduleFields.partial().meta({ id: 'UpdateScheduleBody' });
export type UpdateScheduleBody = z.infer<typeof UpdateScheduleBody>;

export const Schedule = z
  .object({
    id: Id,
    instanceId: Id,
    action: ScheduleAction,
    cron: z.string(),
    description: z.string().describe('The cron expression in words, e.g. "At 05:00"'),
    enabled: z.boolean(),
    message: z
      .string()
      .nullable()
      .describe('BROADCAST: the text; RESTART/UPDATE: the reason or a template with {minutes} / {time}'),
    command: z.string().nullable(),
    warningMinutes: z.array(z.int()).nullable(),
    onlyWhenEmpty: z.boolean(),
    timezone: z.string().describe('IANA zone the cron expression and the update window are read in'),
    updateWindow: UpdateWindow.nullable(),
    nextRunAt: IsoDateTime.nullable().describe('null while disabled'),
    lastRunAt: IsoDateTime.nullable(),
    lastResult: ScheduleResult.nullable(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'Schedule' });
export type Schedule = z.infer<typeof Schedule>;

export const ScheduleParams = z.object({ id: Id, scheduleId: Id });

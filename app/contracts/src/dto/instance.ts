import { z } from 'zod';
import { hasControlCharacter, Id, IsoDateTime } from '../common.ts';
import { InstanceSettings, InstanceSettingsPatch } from './instance-settings.ts';

/** docs/architecture.md#the-model. RUNNING means advertising for join / answering RCON, not merely a process. */
export const InstanceStatus = z.enum([
  'NOT_INSTALLED',
  'STOPPED',
  'STARTING',
  'RUNNING',
  'STOPPING',
  'CRASHED',
  'UPDATING',
]);
export type InstanceStatus = z.infer<typeof InstanceStatus>;

export const InstanceRuntime = z
  .object({
    pid: z.int().nullable(),
    startedAt: IsoDateTime.nullable(),
    playersOnline: z.int().nonnegative(),
    cpuPercent: z.number().nonnegative().nullable(),
    memoryBytes: z.number().nonnegative().nullable(),
  })
  .meta({ id: 'InstanceRuntime' });
export type InstanceRuntime = z.infer<typeof InstanceRuntime>;

export const UpdateDirection = z.enum(['newer', 'rollback']);
export type UpdateDirection = z.infer<typeof UpdateDirection>;

export const UpdateAvailable = z
  .object({
    buildId: z.string().describe('The build Steam serves now: the one to install'),
    direction: UpdateDirection.describe(
      'newer: Steam serves a higher build id; rollback: Steam went back to a lower one (a pulled patch)',
    ),
  })
  .meta({ id: 'UpdateAvailable' });
export type UpdateAvailable = z.infer<typeof UpdateAvailable>;

export const InstanceAttention = z
  .object({
    kind: z
      .literal('unconfirmed-process')
      .describe(
        'A process recorded as this server still runs after a manager restart but could not be confirmed as it; starts are refused until the user adopts or ends it (POST /api/v1/instances/{id}/unconfirmed-process) or it exits',
      ),
    pid: z.int().positive(),
    message: z.string(),
  })
  .meta({ id: 'InstanceAttention' });
export type InstanceAttention = z.infer<typeof InstanceAttention>;

export const Instance = z
  .object({
    id: Id,
    name: z.string(),
    agentId: Id,
    status: InstanceStatus,
    buildId: z.string().nullable(),
    installPath: z.string().nullable().describe('The instance directory, <dataRoot>/runtime/instances/<id>'),
    settings: InstanceSettings.describe('Passwords are returned masked'),
    runtime: InstanceRuntime.nullable().optional(),
    updateAvailable: UpdateAvailable.nullable()
      .optional()
      .describe(
        "The build Steam serves when it differs from this instance's build (newer or rolled back), null when they match or either is unknown",
      ),
    clusterId: Id.nullable()
      .optional()
      .describe(
        'The managed cluster the server belongs to (its -clusterid and -ClusterDirOverride come from it), or null',
      ),
    inPlace: z
      .boolean()
      .optional()
      .describe(
        'Imported to run in place: installPath is the imported folder, never deleted or updated by the manager',
      ),
    attention: InstanceAttention.nullable()
      .optional()
      .describe('Something the user must decide before the server can be started again, or null'),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'Instance' });
export type Instance = z.infer<typeof Instance>;

// The name reaches logs, notifications and terminals: no control characters (no log-line or
// terminal-escape injection).
const InstanceName = z
  .string()
  .trim()
  .min(1, 'Give the instance a name')
  .max(64, 'At most 64 characters')
  .refine((s) => !hasControlCharacter(s), 'Must not contain control characters (line breaks, tabs, escapes)');

export const CreateInstanceBody = z
  .strictObject({
    name: InstanceName,
    settings: InstanceSettings.default(InstanceSettings.parse({})),
    buildId: z
      .string()
      .regex(/^\d{1,20}$/, 'A Steam build id is a number')
      .nullable()
      .optional(),
    agentId: Id.optional().describe('The host to create it on (default: this PC); see GET /api/v1/agents'),
  })
  .meta({ id: 'CreateInstanceBody' });
export type CreateInstanceBody = z.infer<typeof CreateInstanceBody>;

export const UpdateInstanceBody = z
  .strictObject({
    name: InstanceName.optional(),
    settings: InstanceSettingsPatch.optional(),
    clusterId: Id.nullable()
      .optional()
      .describe('Join a cluster (its id) or leave it (null); applies from the next start'),
  })
  .meta({ id: 'UpdateInstanceBody' });
export type UpdateInstanceBody = z.infer<typeof UpdateInstanceBody>;

export const StopInstanceBody = z
  .strictObject({
    countdownMinutes: z.int().min(0).max(120).optional().describe('Warn players in game for this many minutes first'),
    warningMinutes: z
      .array(z.int().min(1).max(120))
      .min(1)
      .max(20)
      .optional()
      .describe(
        'Minutes left at which to warn, e.g. [15, 5, 1] (default: the usual marks); players are also warned when the countdown starts',
      ),
    message: z
      .string()
      .max(200)
      .optional()
      .describe('Reason shown in the in-game warnings, or the whole warning with {minutes} or {time} in it'),
  })
  .refine((b) => !b.warningMinutes || b.warningMinutes.every((m) => m <= (b.countdownMinutes ?? 0)), {
    message: 'Each warning must fall within the countdown: set countdownMinutes to at least the largest warning',
    path: ['warningMinutes'],
  })
  .meta({ id: 'StopInstanceBody' });
export type StopInstanceBody = z.infer<typeof StopInstanceBody>;

export const UpdateInstanceBuildBody = z
  .strictObject({
    buildId: z
      .string()
      .regex(/^\d{1,20}$/, 'A Steam build id is a number')
      .optional(),
  })
  .meta({ id: 'UpdateInstanceBuildBody' });
export type UpdateInstanceBuildBody = z.infer<typeof UpdateInstanceBuildBody>;

export const UnconfirmedProcessBody = z
  .strictObject({
    action: z
      .enum(['adopt', 'end'])
      .describe(
        'adopt: it is this server, supervise it (RUNNING once RCON answers); end: end that process (SIGTERM, then a tree kill), leaving the instance STOPPED',
      ),
  })
  .meta({ id: 'UnconfirmedProcessBody' });
export type UnconfirmedProcessBody = z.infer<typeof UnconfirmedProcessBody>;

export const InstanceIdParams = z.object({ id: Id });

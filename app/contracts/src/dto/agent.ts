import { z } from 'zod';
import { hasControlCharacter, Id, IsoDateTime } from '../common.ts';
import { AbsolutePath } from './settings.ts';

export const AgentStatus = z.enum(['ONLINE', 'OFFLINE']);
export type AgentStatus = z.infer<typeof AgentStatus>;

export const HostMetrics = z
  .object({
    cpuPercent: z.number().min(0).max(100),
    cpuCount: z.int().min(1),
    memoryTotalBytes: z.number().nonnegative(),
    memoryUsedBytes: z.number().nonnegative(),
    diskFreeBytes: z.number().nonnegative().describe('Free space on the volume of the data root'),
    diskTotalBytes: z.number().nonnegative(),
    uptimeSec: z.number().nonnegative(),
  })
  .meta({ id: 'HostMetrics' });
export type HostMetrics = z.infer<typeof HostMetrics>;

/**
 * Settings of one remote agent (`PATCH /api/v1/agents/:id`). The local agent has none of its own:
 * it uses the manager settings. `null` means "not set": the agent's command line default applies
 * (its data dir for `dataRoot`), then nothing.
 */
export const AgentSettings = z
  .object({
    steamcmdPath: AbsolutePath.nullable().describe('steamcmd executable on that host'),
    dataRoot: AbsolutePath.nullable().describe('Where builds, instances and backups live on that host'),
  })
  .meta({ id: 'AgentSettings' });
export type AgentSettings = z.infer<typeof AgentSettings>;

export const Agent = z
  .object({
    id: Id,
    name: z.string(),
    kind: z.enum(['local', 'remote']),
    status: AgentStatus,
    hostname: z.string(),
    platform: z.string().describe('process.platform of the host: win32, linux, …'),
    version: z.string().describe('Manager version running the agent'),
    registeredAt: IsoDateTime,
    lastHeartbeatAt: IsoDateTime.nullable(),
    metrics: HostMetrics.nullable(),
    settings: AgentSettings.nullable()
      .optional()
      .describe('Remote agents only; the local agent uses the manager settings'),
    revokedAt: IsoDateTime.nullable()
      .optional()
      .describe('Set once the host was revoked: its token is refused from then on'),
  })
  .meta({ id: 'Agent' });
export type Agent = z.infer<typeof Agent>;

export const AgentSettingsPatch = z.strictObject({
  steamcmdPath: AbsolutePath.nullable().optional(),
  dataRoot: AbsolutePath.nullable().optional(),
});
export type AgentSettingsPatch = z.infer<typeof AgentSettingsPatch>;

/** A host's display name: what the UI lists and what error messages about the host say. */
export const AgentName = z
  .string()
  .trim()
  .min(1, 'Give the host a name')
  .max(64, 'Use at most 64 characters')
  .refine((s) => !hasControlCharacter(s), 'Must not contain control characters (line breaks, tabs)');

/** `POST /api/v1/agents` */
export const CreateAgentBody = z.strictObject({ name: AgentName });
export type CreateAgentBody = z.infer<typeof CreateAgentBody>;

/** `201` of `POST /api/v1/agents`: the token is shown this once; the control plane keeps only its hash. */
export const CreatedAgent = z
  .object({
    agent: Agent,
    token: z.string().describe('The agent token, shown once: give it to `npm run agent -- --token`'),
  })
  .meta({ id: 'CreatedAgent' });
export type CreatedAgent = z.infer<typeof CreatedAgent>;

/** `PATCH /api/v1/agents/:agentId` */
export const UpdateAgentBody = z
  .strictObject({ name: AgentName.optional(), settings: AgentSettingsPatch.optional() })
  .refine((b) => b.name !== undefined || b.settings !== undefined, 'Give name or settings');
export type UpdateAgentBody = z.infer<typeof UpdateAgentBody>;

import { z } from 'zod';
import { Id, IsoDateTime, SECRET_MASK } from '../common.ts';

/** What a notification target can be told about. */
export const NOTIFICATION_EVENT_KINDS = [
  'server-started',
  'server-stopped',
  'server-crashed',
  'server-updated',
  'backup-failed',
  'player-joined',
  'player-left',
  'mod-update-available',
  // In-game chat relayed to the channel; off unless chosen (noisy on a busy server).
  'chat',
] as const;
export const NotificationEventKind = z.enum(NOTIFICATION_EVENT_KINDS);
export type NotificationEventKind = z.infer<typeof NotificationEventKind>;

/**
 * `https://discord.com/api/webhooks/<id>/<token>` (also discordapp.com, ptb., canary., an API
 * version, a thread_id). Anything else is refused: the manager posts only to Discord.
 */
export const DISCORD_WEBHOOK_PATTERN =
  /^https:\/\/(?:(?:ptb|canary)\.)?discord(?:app)?\.com\/api(?:\/v\d{1,2})?\/webhooks\/\d{5,30}\/[A-Za-z0-9_-]{10,200}(?:\?thread_id=\d{5,30})?$/;

export const DiscordWebhookUrl = z
  .string()
  .trim()
  .regex(DISCORD_WEBHOOK_PATTERN, 'Paste the webhook URL Discord gives, https://discord.com/api/webhooks/<id>/<token>');

/** The webhook URL is a secret (whoever has it can post): clients see only its host. */
export function maskWebhookUrl(url: string): string {
  const host = /^https:\/\/([^/]+)/.exec(url)?.[1] ?? 'discord.com';
  return `https://${host}/api/webhooks/${SECRET_MASK}`;
}

export const NotificationDeliveryStats = z
  .object({
    sent: z.int().nonnegative().describe('Messages Discord accepted since the manager started'),
    failed: z.int().nonnegative().describe('Messages given up on (after retries)'),
    dropped: z.int().nonnegative().describe('Notifications dropped because too many were waiting'),
    queued: z.int().nonnegative(),
    lastSentAt: IsoDateTime.nullable(),
    lastError: z.string().nullable(),
  })
  .meta({ id: 'NotificationDeliveryStats' });
export type NotificationDeliveryStats = z.infer<typeof NotificationDeliveryStats>;

export const NotificationTarget = z
  .object({
    id: Id,
    name: z.string(),
    type: z.literal('discord'),
    webhookUrl: z.string().describe('Masked: only the host is shown'),
    events: z.array(NotificationEventKind),
    instanceIds: z.array(Id).nullable().describe('Only these instances; null for every instance'),
    enabled: z.boolean(),
    delivery: NotificationDeliveryStats,
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'NotificationTarget' });
export type NotificationTarget = z.infer<typeof NotificationTarget>;

const TargetName = z.string().trim().min(1, 'Give the target a name').max(64, 'At most 64 characters');
const EventList = z
  .array(NotificationEventKind)
  .min(1, 'Choose at least one event')
  .refine((kinds) => new Set(kinds).size === kinds.length, 'Each event may appear only once');
const InstanceFilter = z.array(Id).min(1, 'Use null for every instance').max(100).nullable();

export const CreateNotificationTargetBody = z
  .strictObject({
    name: TargetName,
    webhookUrl: DiscordWebhookUrl,
    events: EventList,
    instanceIds: InstanceFilter.default(null),
    enabled: z.boolean().default(true),
  })
  .meta({ id: 'CreateNotificationTargetBody' });
export type CreateNotificationTargetBody = z.infer<typeof CreateNotificationTargetBody>;

export const UpdateNotificationTargetBody = z
  .strictObject({
    name: TargetName,
    webhookUrl: z
      .string()
      .trim()
      .refine(
        (url) => url.includes(SECRET_MASK) || DISCORD_WEBHOOK_PATTERN.test(url),
        'Paste the webhook URL Discord gives, https://discord.com/api/webhooks/<id>/<token>',
      )
      .describe('A new URL, or the masked one as returned to keep the stored URL'),
    events: EventList,
    instanceIds: InstanceFilter,
    enabled: z.boolean(),
  })
  .partial()
  .meta({ id: 'UpdateNotificationTargetBody' });
export type UpdateNotificationTargetBody = z.infer<typeof UpdateNotificationTargetBody>;

export const NotificationTargetParams = z.object({ id: Id });

/** The outcome of "send test": delivered or not, and Discord's answer when it refused. */
export const NotificationTestResult = z
  .object({
    delivered: z.boolean(),
    status: z.int().nullable().describe("Discord's HTTP status; null when it could not be reached"),
    message: z.string(),
  })
  .meta({ id: 'NotificationTestResult' });
export type NotificationTestResult = z.infer<typeof NotificationTestResult>;

import {
  CreateNotificationTargetBody,
  UpdateNotificationTargetBody,
  type NotificationEventKind,
  type NotificationTarget,
} from '@ark-asa/contracts';
import type { z } from 'zod';
import { DEFAULT_EVENTS } from './event-labels.ts';

/** The form's state. `webhookUrl` is empty when editing and the stored URL is kept (the API never returns it). */
export interface WebhookDraft {
  name: string;
  webhookUrl: string;
  events: NotificationEventKind[];
  /** null: every server. */
  instanceIds: string[] | null;
  enabled: boolean;
}

export type DraftField = 'name' | 'webhookUrl' | 'events' | 'instanceIds';
export type DraftErrors = Partial<Record<DraftField, string>>;

export function draftOf(target?: NotificationTarget): WebhookDraft {
  if (!target) return { name: '', webhookUrl: '', events: [...DEFAULT_EVENTS], instanceIds: null, enabled: true };
  return {
    name: target.name,
    webhookUrl: '',
    events: [...target.events],
    instanceIds: target.instanceIds,
    enabled: target.enabled,
  };
}

/** The schema's messages by top-level field: the same words the API would answer with. */
function errorsOf(error: z.ZodError): DraftErrors {
  const out: DraftErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '') as DraftField;
    out[field] ??= issue.message;
  }
  return out;
}

export function createBody(d: WebhookDraft): { body?: CreateNotificationTargetBody; errors: DraftErrors } {
  const parsed = CreateNotificationTargetBody.safeParse(d);
  return parsed.success ? { body: parsed.data, errors: {} } : { errors: errorsOf(parsed.error) };
}

const sameList = (a: readonly string[] | null, b: readonly string[] | null) =>
  a === b || (!!a && !!b && a.length === b.length && a.every((x, i) => x === b[i]));

/** A PATCH of what changed only; an empty URL keeps the stored one. */
export function updateBody(
  target: NotificationTarget,
  d: WebhookDraft,
): { body?: UpdateNotificationTargetBody; errors: DraftErrors } {
  const patch: UpdateNotificationTargetBody = {};
  if (d.name !== target.name) patch.name = d.name;
  if (d.webhookUrl.trim()) patch.webhookUrl = d.webhookUrl;
  if (!sameList(d.events, target.events)) patch.events = d.events;
  if (!sameList(d.instanceIds, target.instanceIds)) patch.instanceIds = d.instanceIds;
  if (d.enabled !== target.enabled) patch.enabled = d.enabled;
  const parsed = UpdateNotificationTargetBody.safeParse(patch);
  return parsed.success ? { body: parsed.data, errors: {} } : { errors: errorsOf(parsed.error) };
}

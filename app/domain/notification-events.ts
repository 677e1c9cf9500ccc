import type { InstanceStatus, JobType, WSEvent } from '@ark-asa/contracts';
import type { NotificationEventKind } from '@ark-asa/contracts';
import { parseServerLogLine } from './server-log.ts';
import { parsePresenceLine } from './players.ts';

/** A notification kind, plus the message "send test" posts. */
export type NotificationKind = NotificationEventKind | 'test';

/** Something worth telling a Discord channel about, already free of secrets. */
export interface NotificationEvent {
  kind: NotificationKind;
  instanceId: string | null;
  instanceName: string | null;
  /** ISO time of what happened. */
  at: string;
  /** One sentence: the crash reason, the build change, the error, the mod file. */
  detail: string | null;
  /** Joins and leaves; a burst of them is merged into one notification while it waits. */
  players?: { joined: string[]; left: string[] };
  /** Chat lines, oldest first; lines said while one waits are merged into it. */
  chat?: string[];
}

/** Lookups the mapping needs; the dispatcher answers them from the store. */
export interface NotificationContext {
  instanceName(instanceId: string): string | null;
  job(jobId: string): { type: JobType; instanceId: string | null } | null;
}

/** Leaving these for STOPPED is a real stop; UPDATING → STOPPED is the middle of an update, NOT_INSTALLED → STOPPED an install. */
const STOPPED_FROM: readonly InstanceStatus[] = ['STOPPING', 'RUNNING', 'STARTING'];

/** Maps one bus event to the notification it stands for, or null when it stands for none. */
export function notificationOf(event: WSEvent, ctx: NotificationContext): NotificationEvent | null {
  switch (event.event) {
    case 'instance:status_changed':
      return fromStatus(event.data, ctx);
    case 'job:completed':
      return fromUpdateJob(event.data.jobId, event.data.result, event.data.completedAt, ctx);
    case 'job:failed': {
      const job = ctx.job(event.data.jobId);
      if (job?.type !== 'BACKUP_INSTANCE') return null;
      return make('backup-failed', job.instanceId, event.data.failedAt, event.data.error.message, ctx);
    }
    case 'instance:log':
      return fromLogLine(event.data, ctx);
    default:
      return null;
  }
}

type StatusData = Extract<WSEvent, { event: 'instance:status_changed' }>['data'];
type LogData = Extract<WSEvent, { event: 'instance:log' }>['data'];

function fromStatus(d: StatusData, ctx: NotificationContext): NotificationEvent | null {
  if (d.status === 'CRASHED') {
    return make('server-crashed', d.instanceId, d.changedAt, d.reason ?? 'The server exited unexpectedly', ctx);
  }
  if (d.status === 'RUNNING' && d.previousStatus !== 'RUNNING') {
    return make('server-started', d.instanceId, d.changedAt, d.reason ?? null, ctx);
  }
  if (d.status === 'STOPPED' && (d.previousStatus === undefined || STOPPED_FROM.includes(d.previousStatus))) {
    return make('server-stopped', d.instanceId, d.changedAt, d.reason ?? null, ctx);
  }
  return null;
}

function fromUpdateJob(jobId: string, result: unknown, at: string, ctx: NotificationContext): NotificationEvent | null {
  const job = ctx.job(jobId);
  if (job?.type !== 'UPDATE_INSTANCE' || !isRecord(result) || result.changed !== true) return null;
  const from = typeof result.fromBuildId === 'string' ? result.fromBuildId : null;
  const to = typeof result.toBuildId === 'string' ? result.toBuildId : '?';
  const detail = from ? `Build ${from} → ${to}` : `Now on build ${to}`;
  return make('server-updated', job.instanceId, at, detail, ctx);
}

function fromLogLine(d: LogData, ctx: NotificationContext): NotificationEvent | null {
  if (d.source === 'chat') return { ...make('chat', d.instanceId, d.timestamp, null, ctx), chat: [d.message] };
  if (d.source === 'manager') return fromPresenceLine(d, ctx);
  // Cheap test first: this runs for every server log line.
  if (d.source !== 'server' || !d.message.includes(' this ARK!')) return null;
  const marker = parseServerLogLine(d.message).marker;
  if (marker?.kind === 'player-joined') {
    return {
      ...make('player-joined', d.instanceId, d.timestamp, null, ctx),
      players: { joined: [marker.player.name], left: [] },
    };
  }
  if (marker?.kind === 'player-left') {
    return {
      ...make('player-left', d.instanceId, d.timestamp, null, ctx),
      players: { joined: [], left: [marker.player.name] },
    };
  }
  return null;
}

function make(
  kind: NotificationKind,
  instanceId: string | null,
  at: string,
  detail: string | null,
  ctx: NotificationContext,
): NotificationEvent {
  return { kind, instanceId, instanceName: instanceId ? ctx.instanceName(instanceId) : null, at, detail };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * Merges a join or leave into a waiting join/leave notification of the same instance, so a burst
 * (a wave of players after a restart) becomes one summary message instead of a flood. Returns
 * false when there is nothing to merge into.
 */
export function coalescePlayers(waiting: NotificationEvent[], incoming: NotificationEvent): boolean {
  if (!incoming.players) return false;
  const into = waiting.find((w) => w.players && w.instanceId === incoming.instanceId);
  if (!into?.players) return false;
  into.players.joined.push(...incoming.players.joined);
  into.players.left.push(...incoming.players.left);
  into.at = incoming.at;
  return true;
}

/** Chat lines per notification at most: a busy chat becomes several messages, not one clipped one. */
export const MAX_CHAT_LINES = 20;

/** Like coalescePlayers, for chat: a line joins the waiting chat notification of its instance. */
export function coalesceChat(waiting: NotificationEvent[], incoming: NotificationEvent): boolean {
  if (!incoming.chat) return false;
  const into = waiting.find((w) => w.chat && w.instanceId === incoming.instanceId);
  if (!into?.chat || into.chat.length + incoming.chat.length > MAX_CHAT_LINES) return false;
  into.chat.push(...incoming.chat);
  into.at = incoming.at;
  return true;
}

/** A join or leave ListPlayers showed and the server log did not (players.ts presenceLine). */
function fromPresenceLine(d: LogData, ctx: NotificationContext): NotificationEvent | null {
  const presence = d.message.startsWith('Player ') ? parsePresenceLine(d.message) : null;
  if (!presence) return null;
  const kind = presence.kind === 'joined' ? 'player-joined' : 'player-left';
  const players =
    presence.kind === 'joined' ? { joined: [presence.name], left: [] } : { joined: [], left: [presence.name] };
  return { ...make(kind, d.instanceId, d.timestamp, null, ctx), players };
}

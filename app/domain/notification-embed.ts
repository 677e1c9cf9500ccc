import type { NotificationEvent, NotificationKind } from './notification-events.ts';

/** The part of Discord's "Execute Webhook" body the manager sends. */
export interface DiscordMessage {
  username: string;
  content?: string;
  embeds: DiscordEmbed[];
  /** Always empty: a player named "@everyone" must not ping a whole server. */
  allowed_mentions: { parse: never[] };
}

export interface DiscordEmbed {
  title: string;
  description?: string;
  color: number;
  timestamp: string;
  fields?: { name: string; value: string; inline?: boolean }[];
  footer: { text: string };
}

/** Discord takes at most 10 embeds per message. */
export const MAX_EMBEDS = 10;
const SENDER = 'ARK Server Manager';
const MAX_NAMES = 15;
const MAX_DESCRIPTION = 1000;

const STYLE: Record<NotificationKind, { title: string; color: number }> = {
  'server-started': { title: 'Server started', color: 0x2ecc71 },
  'server-stopped': { title: 'Server stopped', color: 0x95a5a6 },
  'server-crashed': { title: 'Server crashed', color: 0xe74c3c },
  'server-updated': { title: 'Server updated', color: 0x3498db },
  'backup-failed': { title: 'Backup failed', color: 0xe67e22 },
  'player-joined': { title: 'Player joined', color: 0x1abc9c },
  'player-left': { title: 'Player left', color: 0x7f8c8d },
  'mod-update-available': { title: 'Mod update available', color: 0x9b59b6 },
  chat: { title: 'Chat', color: 0xf1c40f },
  test: { title: 'Test notification', color: 0x5865f2 },
};

/** Discord renders markdown in embeds; a player name like `*x*` should show as typed. */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\*_~`|>[\]()#-])/g, '\\$1');
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function names(list: string[]): string {
  const shown = list.slice(0, MAX_NAMES).map(escapeMarkdown).join(', ');
  return list.length > MAX_NAMES ? `${shown} and ${list.length - MAX_NAMES} more` : shown;
}

function playersTitle(joined: number, left: number): string {
  if (joined && left) return 'Players joined and left';
  if (joined) return joined === 1 ? 'Player joined' : `${joined} players joined`;
  return left === 1 ? 'Player left' : `${left} players left`;
}

function playersText(p: { joined: string[]; left: string[] }): string {
  const lines: string[] = [];
  if (p.joined.length) lines.push(`Joined: ${names(p.joined)}`);
  if (p.left.length) lines.push(`Left: ${names(p.left)}`);
  return lines.join('\n');
}

export function embedOf(n: NotificationEvent): DiscordEmbed {
  const style = STYLE[n.kind];
  const title = n.players ? playersTitle(n.players.joined.length, n.players.left.length) : style.title;
  const description = n.players
    ? playersText(n.players)
    : n.chat
      ? n.chat.map(escapeMarkdown).join('\n')
      : n.detail && escapeMarkdown(n.detail);
  const embed: DiscordEmbed = {
    title: clip(n.instanceName ? `${title} · ${n.instanceName}` : title, 256),
    color: style.color,
    timestamp: n.at,
    footer: { text: SENDER },
  };
  if (description) embed.description = clip(description, MAX_DESCRIPTION);
  if (n.instanceName)
    embed.fields = [{ name: 'Server', value: clip(escapeMarkdown(n.instanceName), 1024), inline: true }];
  return embed;
}

/**
 * One webhook request for up to MAX_EMBEDS waiting notifications; `dropped` tells the channel
 * that some were left out because too many were waiting.
 */
export function discordMessageOf(events: NotificationEvent[], dropped = 0): DiscordMessage {
  const message: DiscordMessage = {
    username: SENDER,
    embeds: events.slice(0, MAX_EMBEDS).map(embedOf),
    allowed_mentions: { parse: [] },
  };
  if (dropped > 0)
    message.content = `${dropped} older notification${dropped === 1 ? ' was' : 's were'} dropped: too many at once.`;
  return message;
}

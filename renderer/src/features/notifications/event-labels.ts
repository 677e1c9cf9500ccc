import { NOTIFICATION_EVENT_KINDS, type NotificationEventKind } from '@ark-asa/contracts';

/** Each event kind as the user reads it, in the contract's order (lifecycle, backups, players, mods). */
export const EVENT_LABELS: Record<NotificationEventKind, string> = {
  'server-started': 'Server started',
  'server-stopped': 'Server stopped',
  'server-crashed': 'Server crashed',
  'server-updated': 'Server updated',
  'backup-failed': 'Backup failed',
  'player-joined': 'Player joined',
  'player-left': 'Player left',
  'mod-update-available': 'Mod update available',
  chat: 'In-game chat (relayed)',
};

export const EVENT_OPTIONS = NOTIFICATION_EVENT_KINDS.map((kind) => ({ value: kind, label: EVENT_LABELS[kind] }));

/** What a new target listens to: the events worth a ping, not every join and leave. */
export const DEFAULT_EVENTS: NotificationEventKind[] = [
  'server-crashed',
  'server-updated',
  'backup-failed',
  'mod-update-available',
];

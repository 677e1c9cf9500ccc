import type { BackupKind, InstanceStatus } from '@ark-asa/contracts';

export const KIND_LOOK: Record<BackupKind, { label: string; color: string; hint: string }> = {
  manual: { label: 'manual', color: 'blue', hint: 'Taken with “Back up now”' },
  scheduled: { label: 'scheduled', color: 'teal', hint: 'Taken by a BACKUP schedule' },
  'pre-update': { label: 'pre-update', color: 'violet', hint: 'Taken before a build switch' },
  'pre-restore': {
    label: 'pre-restore',
    color: 'orange',
    hint: 'What was there before a restore: restore it to undo that restore',
  },
};

/** The statuses a restore may start from (the server checks the same: 409 otherwise). */
const RESTORABLE: readonly InstanceStatus[] = ['STOPPED', 'CRASHED', 'NOT_INSTALLED'];

/** Why a restore cannot start now, or null when it can. */
export function restoreBlocked(status: InstanceStatus): string | null {
  if (RESTORABLE.includes(status)) return null;
  return `The server is ${status.toLowerCase().replace('_', ' ')}: stop it to restore a backup (a running server would overwrite the restored files on its next save).`;
}

/** "Nov 26, 2026, 8:51 AM": how backups are named on screen (the zip's name has the seconds). */
export const shortTime = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

import type { InstanceStatus } from '@ark-asa/contracts';

/** Statuses without a server process, so a written file is not overwritten at exit (the API agrees). */
const EDITABLE: readonly InstanceStatus[] = ['STOPPED', 'CRASHED'];

export const canEditFiles = (status: InstanceStatus): boolean => EDITABLE.includes(status);

/** Why the settings cannot be saved now, in the words the raw editor uses; null when they can. */
export function readOnlyReason(status: InstanceStatus): string | null {
  if (canEditFiles(status)) return null;
  if (status === 'NOT_INSTALLED') return 'This server is not installed yet, so it has no config files to change.';
  if (status === 'STARTING' || status === 'RUNNING' || status === 'STOPPING')
    return `Read-only while the server is ${status.toLowerCase()}. Stop the server first: it rewrites GameUserSettings.ini when it exits, so changes made now would be lost.`;
  return `Read-only while the server is busy (${status.toLowerCase()}); editing comes back when it has finished.`;
}

import { apiRoutes, type Backup } from '@ark-asa/contracts';
import { getToken } from '../../api/auth.ts';

/** The route's path for one backup's zip. */
export function downloadPath(b: Pick<Backup, 'id' | 'instanceId'>): string {
  return apiRoutes.downloadBackup.path
    .replace(':id', encodeURIComponent(b.instanceId))
    .replace(':backupId', encodeURIComponent(b.id));
}

/**
 * An exposed manager wants `Authorization: Bearer`, which a plain link cannot send, so the zip is
 * fetched with the header and handed to the browser as a blob (held in memory until saved; a local
 * manager needs no token and the plain link streams it instead).
 */
export async function downloadWithToken(b: Pick<Backup, 'id' | 'instanceId' | 'fileName'>): Promise<void> {
  const token = getToken();
  const res = await fetch(downloadPath(b), { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!res.ok)
    throw new Error(res.status === 404 ? 'The backup file is missing' : `The manager answered ${res.status}`);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = b.fileName;
  document.body.append(a);
  a.click();
  a.remove();
  // The click only starts the save; revoking at once can cancel it in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

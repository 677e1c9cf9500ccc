import { Alert } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { call } from '../api/http.ts';
import { bytes } from './format.ts';

/**
 * Says so, on every screen, when the disk holding the manager's data runs low: saves, backups and
 * the database then fail one after another, and a user should hear it before a job does.
 */
export function DiskBanner() {
  const health = useQuery({
    queryKey: ['health', 'disk'],
    queryFn: () => call('health', {}),
    refetchInterval: 60_000,
  });
  const disk = health.data?.disk;
  if (!disk?.low) return null;
  return (
    <Alert color="red" title="The disk holding the manager’s data is almost full" mb="md" data-testid="disk-banner">
      {disk.dataRootFreeBytes === null ? 'Its free space cannot be read.' : `${bytes(disk.dataRootFreeBytes)} free.`}{' '}
      Saves, backups and updates fail when it is full: delete old backups or unused server builds, or move the data root
      to a larger disk in Settings.
    </Alert>
  );
}

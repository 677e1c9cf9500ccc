import type { DiskHealth } from '@ark-asa/contracts';
import { diskSpace } from '../agents/host-probes.ts';

/**
 * Below this, what the manager writes next may not fit: a save of a big map, a backup archive, a
 * log rotation. An update needs far more (a build is over 10 GB) and checks for itself.
 */
export const LOW_DISK_BYTES = 1024 ** 3;

/** Free space of the data root for `/health`; a volume that cannot be read counts as low. */
export async function diskHealth(dataRoot: string, lowBelowBytes = LOW_DISK_BYTES): Promise<DiskHealth> {
  try {
    const { freeBytes } = await diskSpace(dataRoot);
    return { dataRootFreeBytes: freeBytes, low: freeBytes < lowBelowBytes };
  } catch {
    return { dataRootFreeBytes: null, low: true };
  }
}

/**
 * `diskHealth` read at most once per `maxAgeMs` for a data root: `/health` is polled by every open
 * UI and by monitoring scripts, and a statfs per call (a thread-pool round trip) was a fifth of the
 * route's cost, for a figure that moves slowly. A new data root is read at once.
 */
export function cachedDiskHealth(
  maxAgeMs = 1000,
  read: (dataRoot: string) => Promise<DiskHealth> = diskHealth,
  // Monotonic: a wall clock stepped back would keep an old figure until it caught up.
  now: () => number = () => performance.now(),
): (dataRoot: string) => Promise<DiskHealth> {
  let last: { dataRoot: string; at: number; value: Promise<DiskHealth> } | null = null;
  return (dataRoot) => {
    const at = now();
    if (!last || last.dataRoot !== dataRoot || at - last.at >= maxAgeMs) last = { dataRoot, at, value: read(dataRoot) };
    return last.value;
  };
}

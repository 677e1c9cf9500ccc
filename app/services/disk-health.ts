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

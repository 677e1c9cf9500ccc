import type { DiskHealth } from '@ark-asa/contracts';
import { describe, expect, it } from 'vitest';
import { cachedDiskHealth } from './disk-health.ts';

describe('cachedDiskHealth', () => {
  it('reads a data root once per second, and a new data root at once', async () => {
    const reads: string[] = [];
    let t = 0;
    const read = (dataRoot: string): Promise<DiskHealth> => {
      reads.push(dataRoot);
      return Promise.resolve({ dataRootFreeBytes: reads.length, low: false });
    };
    const health = cachedDiskHealth(1000, read, () => t);
    expect(await health('/data')).toEqual({ dataRootFreeBytes: 1, low: false });
    t = 999;
    expect((await health('/data')).dataRootFreeBytes).toBe(1);
    expect((await health('/other')).dataRootFreeBytes).toBe(2);
    t = 2100;
    expect((await health('/other')).dataRootFreeBytes).toBe(3);
    expect(reads).toEqual(['/data', '/other', '/other']);
  });
});

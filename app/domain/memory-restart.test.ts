import { describe, expect, it } from 'vitest';
import { isMemoryRestart, memoryLimitBytes } from './memory-restart.ts';

const GB = 1024 ** 3;

describe('memory restarts (-GBUsageToForceRestart)', () => {
  it('reads the limit from the flag, 35 GB without it', () => {
    expect(memoryLimitBytes([])).toBe(35 * GB);
    expect(memoryLimitBytes(['-NoHangDetection', '-GBUsageToForceRestart=24'])).toBe(24 * GB);
    expect(memoryLimitBytes(['gbusagetoforcerestart=0.5'])).toBe(0.5 * GB);
  });

  it('is a memory restart only when the last sample was near the limit', () => {
    expect(isMemoryRestart(23 * GB, ['-GBUsageToForceRestart=24'])).toBe(true);
    expect(isMemoryRestart(10 * GB, ['-GBUsageToForceRestart=24'])).toBe(false);
    expect(isMemoryRestart(34 * GB, [])).toBe(true);
    expect(isMemoryRestart(null, ['-GBUsageToForceRestart=1'])).toBe(false);
  });
});

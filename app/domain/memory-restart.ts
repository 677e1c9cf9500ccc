/**
 * `-GBUsageToForceRestart=<GB>` (35 GB when not given, per the wiki's command-line table) makes ASA
 * save and exit by itself when its memory passes the limit, expecting whoever runs it to start it
 * again. That exit is a restart the server asked for, not a crash, and must not count towards the
 * crash-loop guard. Its exit code and log text are not documented (docs/ark-facts.md, open
 * questions), so it is recognised by what the manager measured last: memory near the limit.
 */
export const DEFAULT_MEMORY_LIMIT_GB = 35;
/** Memory is sampled every few seconds and grows between samples: within 10 % of the limit counts. */
const NEAR_LIMIT = 0.9;

export function memoryLimitBytes(extraDashArgs: readonly string[]): number {
  for (const arg of extraDashArgs) {
    const match = /^-?GBUsageToForceRestart=(\d+(?:\.\d+)?)$/i.exec(arg);
    if (match) return Number(match[1]) * 1024 ** 3;
  }
  return DEFAULT_MEMORY_LIMIT_GB * 1024 ** 3;
}

/** True when an unrequested exit is the server's own memory restart. */
export function isMemoryRestart(lastMemoryBytes: number | null | undefined, extraDashArgs: readonly string[]): boolean {
  return typeof lastMemoryBytes === 'number' && lastMemoryBytes >= NEAR_LIMIT * memoryLimitBytes(extraDashArgs);
}

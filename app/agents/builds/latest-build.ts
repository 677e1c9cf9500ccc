import type { Store } from '../../store/index.ts';

/** Settings keys of the newest build id known on Steam and when Steam was last asked. */
export const LATEST_BUILD_ID_KEY = 'latestBuildId';
export const LATEST_CHECKED_AT_KEY = 'latestCheckedAt';

export interface LatestBuild {
  latestBuildId: string | null;
  latestCheckedAt: string | null;
}

export function readLatestBuild(store: Store): LatestBuild {
  return {
    latestBuildId: store.settings.get<string>(LATEST_BUILD_ID_KEY) ?? null,
    latestCheckedAt: store.settings.get<string>(LATEST_CHECKED_AT_KEY) ?? null,
  };
}

export function recordLatestBuild(store: Store, buildId: string, checkedAt: string): void {
  store.settings.setMany({ [LATEST_BUILD_ID_KEY]: buildId, [LATEST_CHECKED_AT_KEY]: checkedAt });
}

/** Orders Steam build ids numerically (they are 64-bit numbers, kept as text). */
export function compareBuildIds(a: string, b: string): number {
  // A value that is not a number (edited by hand) sorts below every real build id.
  const num = (s: string): bigint => (/^\d+$/.test(s) ? BigInt(s) : -1n);
  const x = num(a);
  const y = num(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * After an install: app_update fetched the newest public build, so what was installed is at least
 * as new as anything known; an older known value is replaced and the check time renewed.
 */
export function noteInstalledBuild(store: Store, buildId: string, now: string): void {
  const known = readLatestBuild(store).latestBuildId;
  if (known === null || compareBuildIds(buildId, known) >= 0) recordLatestBuild(store, buildId, now);
}

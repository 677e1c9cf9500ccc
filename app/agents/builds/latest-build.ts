import type { Store } from '../../store/index.ts';

export { compareBuildIds } from '../../domain/build-update.ts';

/** Settings keys of the build id Steam serves on the public branch and when Steam was last asked. */
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

/** Remembers the build Steam serves; true when it differs from the one remembered before. */
export function recordLatestBuild(store: Store, buildId: string, checkedAt: string): boolean {
  const changed = readLatestBuild(store).latestBuildId !== buildId;
  store.settings.setMany({ [LATEST_BUILD_ID_KEY]: buildId, [LATEST_CHECKED_AT_KEY]: checkedAt });
  return changed;
}

/**
 * After an install: app_update fetched the build Steam serves on the public branch, so that is now
 * the latest known build, even when it is lower than the one remembered (Steam rolled back).
 */
export function noteInstalledBuild(store: Store, buildId: string, now: string): boolean {
  return recordLatestBuild(store, buildId, now);
}

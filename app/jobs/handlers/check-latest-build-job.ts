import { BUILDS_LOCK } from '../../agents/builds/build-paths.ts';
import type { BuildCache } from '../../agents/builds/build-cache.ts';
import type { JobHandler } from '../job-handler.ts';

/**
 * CHECK_LATEST_BUILD: ask Steam which build it serves on the public branch; result `{ latestBuildId }`. It holds
 * the builds lock because two SteamCMD processes must not share one SteamCMD folder.
 */
export function checkLatestBuildJob(deps: {
  cache: Pick<BuildCache, 'checkLatest'>;
}): JobHandler<'CHECK_LATEST_BUILD', { latestBuildId: string }> {
  return {
    type: 'CHECK_LATEST_BUILD',
    lockKey: () => BUILDS_LOCK,
    async run(ctx) {
      ctx.progress(10, 'Asking Steam for the latest build…');
      return deps.cache.checkLatest({ signal: ctx.signal });
    },
  };
}

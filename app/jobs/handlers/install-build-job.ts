import type { JobResult } from '@ark-asa/contracts';
import { BUILDS_LOCK } from '../../agents/builds/build-paths.ts';
import type { BuildCache } from '../../agents/builds/build-cache.ts';
import type { JobHandler } from '../job-handler.ts';

/** INSTALL_BUILD: install or update the newest build into the build cache; result `{ buildId, installPath, upToDate }`. */
export function installBuildJob(deps: {
  cache: Pick<BuildCache, 'install'>;
}): JobHandler<'INSTALL_BUILD', JobResult<'INSTALL_BUILD'>> {
  return {
    type: 'INSTALL_BUILD',
    lockKey: () => BUILDS_LOCK,
    async run(ctx) {
      ctx.progress(0, 'Preparing the install…');
      const { buildId, installPath, upToDate } = await deps.cache.install({
        validate: ctx.params.validate === true,
        signal: ctx.signal,
        onProgress: (percent, message) => ctx.progress(percent, message),
      });
      // Exactly these keys: the job:completed contract (docs/event-protocol.md#jobcompleted).
      return { buildId, installPath, upToDate };
    },
  };
}

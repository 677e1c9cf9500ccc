import { BUILDS_LOCK } from '../../agents/builds/build-paths.ts';
import { removeBuild, type BuildRemovalDeps, type RemovedBuild } from '../../agents/builds/build-removal.ts';
import type { JobHandler } from '../job-handler.ts';

/**
 * DELETE_BUILD: delete a build no instance uses (CONFLICT while one does). It holds the builds lock
 * so that it never deletes the build an install is copying.
 */
export function deleteBuildJob(deps: BuildRemovalDeps): JobHandler<'DELETE_BUILD', RemovedBuild> {
  return {
    type: 'DELETE_BUILD',
    lockKey: () => BUILDS_LOCK,
    async run(ctx) {
      const { buildId } = ctx.params;
      ctx.progress(10, `Deleting build ${buildId}…`);
      return removeBuild(deps, buildId);
    },
  };
}

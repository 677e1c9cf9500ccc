import { ErrorCode } from '@ark-asa/contracts';
import { BUILDS_LOCK } from '../../agents/builds/build-paths.ts';
import { removeBuild, type BuildRemovalDeps, type RemovedBuild } from '../../agents/builds/build-removal.ts';
import { AppError } from '../../domain/app-error.ts';
import type { JobHandler } from '../job-handler.ts';

export interface DeleteBuildParams {
  buildId?: unknown;
}

/**
 * DELETE_BUILD: delete a build no instance uses (CONFLICT while one does). It holds the builds lock
 * so that it never deletes the build an install is copying.
 */
export function deleteBuildJob(deps: BuildRemovalDeps): JobHandler<DeleteBuildParams, RemovedBuild> {
  return {
    type: 'DELETE_BUILD',
    lockKey: () => BUILDS_LOCK,
    async run(ctx) {
      const { buildId } = ctx.params;
      if (typeof buildId !== 'string' || !/^\d{1,20}$/.test(buildId)) {
        throw new AppError(ErrorCode.VALIDATION_FAILED, 'DELETE_BUILD needs a numeric buildId');
      }
      ctx.progress(10, `Deleting build ${buildId}…`);
      return removeBuild(deps, buildId);
    },
  };
}

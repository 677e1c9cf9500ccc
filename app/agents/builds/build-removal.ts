import { rm } from 'node:fs/promises';
import { ErrorCode } from '@ark-asa/contracts';
import { AppError } from '../../domain/app-error.ts';
import type { Logger } from '../../logger.ts';
import type { BuildRecord, Store } from '../../store/index.ts';
import { isInside, serverBuildsDir } from './build-paths.ts';
import { fsError } from './build-cache.ts';

export interface BuildRemovalDeps {
  store: Store;
  dataRoot: () => string;
  logger: Logger;
}

export interface RemovedBuild {
  buildId: string;
  installPath: string;
  /** False when the folder lay outside server_builds (e.g. the data root moved) and was left alone. */
  folderRemoved: boolean;
}

/** The build's record, or the error a client should get: 404 unknown, 409 in use. */
export function removableBuild(store: Store, buildId: string): BuildRecord {
  const record = store.builds.get(buildId);
  if (!record) throw new AppError(ErrorCode.BUILD_NOT_FOUND, `Build ${buildId} is not installed`);
  const users = store.builds.usage().get(buildId) ?? [];
  if (users.length > 0) {
    throw new AppError(
      ErrorCode.CONFLICT,
      `Build ${buildId} is used by ${users.length} instance(s) (${users.join(', ')}): update them to another build or delete them first`,
      { usedBy: users },
    );
  }
  return record;
}

function isForeignKeyError(err: unknown): boolean {
  return (
    typeof err === 'object' &&
    err !== null &&
    'code' in err &&
    String(err.code).startsWith('SQLITE_CONSTRAINT_FOREIGNKEY')
  );
}

/**
 * Deletes a build no instance uses. The record goes first: the foreign key from instances makes
 * that fail if an instance was put on the build meanwhile, and a folder left by a failed delete
 * is only wasted space, while a record without its folder would be a broken build.
 */
export async function removeBuild(deps: BuildRemovalDeps, buildId: string): Promise<RemovedBuild> {
  const record = removableBuild(deps.store, buildId);
  try {
    deps.store.builds.delete(buildId);
  } catch (err) {
    if (isForeignKeyError(err))
      throw new AppError(
        ErrorCode.CONFLICT,
        `Build ${buildId} is used by an instance: update it to another build first`,
      );
    throw err;
  }
  const root = serverBuildsDir(deps.dataRoot());
  // Only ever delete inside the build cache, whatever path the record holds.
  if (!isInside(root, record.installPath)) {
    deps.logger.warn(
      { buildId, installPath: record.installPath, root },
      'build folder is outside the build cache; left in place',
    );
    return { buildId, installPath: record.installPath, folderRemoved: false };
  }
  try {
    await rm(record.installPath, { recursive: true, force: true, maxRetries: 3 });
  } catch (err) {
    throw fsError(
      err,
      `Build ${buildId} was removed from the list, but its folder ${record.installPath} could not be deleted; delete it by hand`,
    );
  }
  deps.logger.info({ buildId, installPath: record.installPath }, 'build deleted');
  return { buildId, installPath: record.installPath, folderRemoved: true };
}

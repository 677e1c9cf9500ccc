import path from 'node:path';

/** Every job that runs SteamCMD or changes the build cache holds this lock, so they never overlap. */
export const BUILDS_LOCK = 'builds';

/** The server executable a complete build has (docs/ark-facts.md#judging-success). */
export const SERVER_EXE_REL = path.join('ShooterGame', 'Binaries', 'Win64', 'ArkAscendedServer.exe');

/** Published builds: `<dataRoot>/runtime/cache/server_builds/ASA/<buildId>` (docs/architecture.md#the-model). */
export function serverBuildsDir(dataRoot: string): string {
  return path.join(dataRoot, 'runtime', 'cache', 'server_builds', 'ASA');
}

export function buildDir(dataRoot: string, buildId: string): string {
  return path.join(serverBuildsDir(dataRoot), buildId);
}

/**
 * The one folder SteamCMD installs and updates into. It sits on the same volume as the published
 * builds, so publishing is a rename, and a folder left by an interrupted install is resumed.
 */
export function stagingDir(dataRoot: string): string {
  return path.join(dataRoot, 'runtime', 'cache', 'staging', 'ASA');
}

/** Where a copy of the newest build is made before it becomes the staging folder. */
export function stagingCopyDir(dataRoot: string): string {
  return `${stagingDir(dataRoot)}.copying`;
}

/** True when `child` lies strictly inside `parent` (after resolving `..`). */
export function isInside(parent: string, child: string): boolean {
  const rel = path.relative(path.resolve(parent), path.resolve(child));
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

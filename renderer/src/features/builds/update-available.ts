import type { BuildList, Instance } from '@ark-asa/contracts';

const newest = (ids: (string | null | undefined)[]) =>
  ids.filter((x): x is string => !!x).sort((a, b) => (BigInt(a) > BigInt(b) ? -1 : BigInt(a) < BigInt(b) ? 1 : 0))[0] ?? null;

/** The build an instance could move to (installed or announced by Steam), or null when it is current. */
export function updateAvailable(instance: Instance, builds: BuildList | undefined): string | null {
  if (!builds || !instance.buildId) return null;
  const best = newest([builds.latestBuildId, ...builds.items.map((b) => b.buildId)]);
  return best && BigInt(best) > BigInt(instance.buildId) ? best : null;
}

export const newestBuildId = (builds: BuildList | undefined) => newest(builds?.items.map((b) => b.buildId) ?? []);

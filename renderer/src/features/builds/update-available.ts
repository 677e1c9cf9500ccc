import type { BuildList, Instance, UpdateAvailable } from '@ark-asa/contracts';

/** Build ids are numbers beyond 2^53: compared as BigInt. */
const higher = (a: string, b: string) => BigInt(a) > BigInt(b);

const newest = (ids: (string | null | undefined)[]) =>
  ids.filter((x): x is string => !!x).sort((a, b) => (higher(a, b) ? -1 : higher(b, a) ? 1 : 0))[0] ?? null;

/**
 * The build Steam serves when it differs from `installed`, newer or rolled back (Wildcard pulls
 * broken patches); null when they match or either is unknown. The same rule as the control plane's.
 */
export function offer(installed: string | null, served: string | null): UpdateAvailable | null {
  if (!installed || !served || installed === served) return null;
  return { buildId: served, direction: higher(served, installed) ? 'newer' : 'rollback' };
}

/** The update an instance is offered: the control plane's `updateAvailable`, or derived from the builds list. */
export function updateAvailable(instance: Instance, builds: BuildList | undefined): UpdateAvailable | null {
  if (instance.updateAvailable !== undefined) return instance.updateAvailable;
  return offer(instance.buildId, builds?.latestBuildId ?? null);
}

/** "Update available: build 200" or "Steam rolled back to build 150". */
export function updateText(u: UpdateAvailable): string {
  return u.direction === 'newer' ? `Update available: build ${u.buildId}` : `Steam rolled back to build ${u.buildId}`;
}

/** Whether Steam serves a build the cache lacks (to download), and which way it lies from the newest installed. */
export function downloadOffer(builds: BuildList): UpdateAvailable | null {
  const served = builds.latestBuildId;
  if (!served || builds.items.some((b) => b.buildId === served)) return null;
  const installed = newestBuildId(builds);
  return installed ? offer(installed, served) : { buildId: served, direction: 'newer' };
}

export const newestBuildId = (builds: BuildList | undefined) => newest(builds?.items.map((b) => b.buildId) ?? []);

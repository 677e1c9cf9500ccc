import type { UpdateAvailable } from '@ark-asa/contracts';

/** Orders Steam build ids numerically (they are 64-bit numbers, kept as text). */
export function compareBuildIds(a: string, b: string): number {
  // A value that is not a number (edited by hand) sorts below every real build id.
  const num = (s: string): bigint => (/^\d+$/.test(s) ? BigInt(s) : -1n);
  const x = num(a);
  const y = num(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * The build to move to is the one Steam serves, whichever way it lies: Wildcard sometimes pulls a
 * broken patch and serves the previous build again, and a server left on the pulled build cannot
 * join clients on the served one. Null when the installed build is the served one, or either is unknown.
 */
export function updateAvailableFor(installed: string | null, served: string | null): UpdateAvailable | null {
  if (!installed || !served || installed === served) return null;
  return { buildId: served, direction: compareBuildIds(served, installed) > 0 ? 'newer' : 'rollback' };
}

/** "build 200 is out" / "Steam rolled back to build 150", for messages about an update. */
export function describeUpdate(u: UpdateAvailable): string {
  return u.direction === 'newer' ? `build ${u.buildId} is out` : `Steam rolled back to build ${u.buildId}`;
}

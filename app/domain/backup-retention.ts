import type { BackupPolicy } from '@ark-asa/contracts';

export interface RetainedBackup {
  id: string;
  createdAt: string;
  sizeBytes: number;
  verified: boolean;
}

const DAY_MS = 86_400_000;

/** Newest first; the id breaks ties so the order (and so the selection) never depends on input order. */
export function newestFirst<T extends RetainedBackup>(backups: readonly T[]): T[] {
  return [...backups].sort((a, b) =>
    a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1,
  );
}

/**
 * Which backups the policy lets go, given "now". Call it only after a backup succeeded: a failing
 * backup must delete nothing, or a broken disk would eat the history one failure at a time.
 *
 * The kept set is the newest run of backups that fits every limit at once (count, age, total
 * size), so history is never full of holes; everything older goes. The newest verified backup is
 * always kept — even when it alone is over the size limit — because deleting the one copy known to
 * be good is never what a limit is for. `protect` keeps more (the archive a restore is about to
 * read); protected backups count toward the limits but are never selected.
 */
export function selectExpired(
  backups: readonly RetainedBackup[],
  policy: BackupPolicy,
  now: Date,
  protect: readonly string[] = [],
): string[] {
  const ordered = newestFirst(backups);
  const anchor = ordered.find((b) => b.verified);
  const pinned = new Set([...protect, ...(anchor ? [anchor.id] : [])]);
  let count = 0;
  let total = 0;
  for (const b of ordered) {
    if (!pinned.has(b.id)) continue;
    count += 1;
    total += b.sizeBytes;
  }
  const oldest = policy.maxAgeDays === null ? -Infinity : now.getTime() - policy.maxAgeDays * DAY_MS;
  const expired: string[] = [];
  let full = false;
  for (const b of ordered) {
    if (pinned.has(b.id)) continue;
    full ||=
      count + 1 > policy.keepCount ||
      Date.parse(b.createdAt) < oldest ||
      (policy.maxTotalBytes !== null && total + b.sizeBytes > policy.maxTotalBytes);
    if (full) {
      expired.push(b.id);
      continue;
    }
    count += 1;
    total += b.sizeBytes;
  }
  return expired;
}

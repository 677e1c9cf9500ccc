import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKUP_POLICY, type BackupPolicy } from '@ark-asa/contracts';
import { newestFirst, selectExpired, type RetainedBackup } from './backup-retention.ts';

const NOW = new Date('2026-03-01T00:00:00.000Z');
const DAY = 86_400_000;
const MB = 1024 * 1024;

/** Backup `i` days old, `mb` MB. */
const b = (id: string, daysOld: number, mb = 1, verified = true): RetainedBackup => ({
  id,
  createdAt: new Date(NOW.getTime() - daysOld * DAY).toISOString(),
  sizeBytes: mb * MB,
  verified,
});
const policy = (p: Partial<BackupPolicy>): BackupPolicy => ({ ...DEFAULT_BACKUP_POLICY, ...p });

describe('selectExpired', () => {
  it('keeps the newest keepCount backups and deletes exactly the older ones', () => {
    const all = [b('a', 5), b('b', 1), b('c', 3), b('d', 0), b('e', 4)];
    expect(selectExpired(all, policy({ keepCount: 3 }), NOW).sort()).toEqual(['a', 'e']);
  });

  it('deletes backups older than maxAgeDays, keeping one exactly at the limit', () => {
    const all = [b('new', 0), b('edge', 7), b('old', 7.01), b('older', 30)];
    expect(selectExpired(all, policy({ maxAgeDays: 7 }), NOW)).toEqual(['old', 'older']);
  });

  it('keeps the newest run whose sizes fit maxTotalBytes, and everything older goes (no holes)', () => {
    const all = [b('n0', 0, 4), b('n1', 1, 4), b('n2', 2, 4), b('small', 3, 1)];
    // 4 + 4 = 8 fits in 10 MB; n2 would make 12; `small` would fit alone but sits behind it.
    expect(selectExpired(all, policy({ maxTotalBytes: 10 * MB }), NOW)).toEqual(['n2', 'small']);
  });

  it('never deletes the newest verified backup, even when it alone breaks the size limit', () => {
    const all = [b('big', 0, 50), b('older', 1, 1)];
    expect(selectExpired(all, policy({ maxTotalBytes: 10 * MB }), NOW)).toEqual(['older']);
  });

  it('never deletes the newest verified backup when every newer one is unverified', () => {
    const all = [b('broken1', 0, 1, false), b('broken2', 1, 1, false), b('good', 50, 1), b('old', 60)];
    const expired = selectExpired(all, policy({ keepCount: 1, maxAgeDays: 10 }), NOW);
    expect(expired).not.toContain('good');
    expect(expired.sort()).toEqual(['broken1', 'broken2', 'old']);
  });

  it('keeps protected backups (the one being restored) and counts them toward the limits', () => {
    const all = [b('safety', 0), b('x', 1), b('y', 2), b('restoring', 9)];
    expect(selectExpired(all, policy({ keepCount: 2 }), NOW, ['restoring']).sort()).toEqual(['x', 'y']);
  });

  it('deletes nothing under the default policy for a normal history', () => {
    const all = Array.from({ length: 48 }, (_, i) => b(`b${i}`, i / 24, 100));
    expect(selectExpired(all, DEFAULT_BACKUP_POLICY, NOW)).toEqual([]);
    expect(selectExpired([...all, b('49th', 3, 100)], DEFAULT_BACKUP_POLICY, NOW)).toEqual(['49th']);
  });

  it('does not depend on the order it is given', () => {
    const all = [b('a', 1), b('b', 1), b('c', 2)];
    const p = policy({ keepCount: 2 });
    expect(selectExpired(all, p, NOW)).toEqual(selectExpired([...all].reverse(), p, NOW));
  });
});

const backupArb = fc.record({
  id: fc.uuid(),
  createdAt: fc.integer({ min: 0, max: 400 * DAY }).map((ago) => new Date(NOW.getTime() - ago).toISOString()),
  sizeBytes: fc.integer({ min: 0, max: 5 * 1024 * MB }),
  verified: fc.integer({ min: 0, max: 9 }).map((n) => n < 8),
});
const policyArb = fc.record({
  keepCount: fc.integer({ min: 1, max: 60 }),
  maxAgeDays: fc.option(fc.double({ min: 0.01, max: 365, noNaN: true }), { nil: null }),
  maxTotalBytes: fc.option(fc.integer({ min: 1, max: 40 * 1024 * MB }), { nil: null }),
});

describe('selectExpired (properties over random backup sets)', () => {
  it('the kept set satisfies every limit, holds the newest verified backup, and is the largest newest run', () => {
    fc.assert(
      fc.property(fc.uniqueArray(backupArb, { selector: (x) => x.id, maxLength: 80 }), policyArb, (backups, p) => {
        const expired = new Set(selectExpired(backups, p, NOW));
        const ordered = newestFirst(backups);
        const kept = ordered.filter((x) => !expired.has(x.id));
        const anchor = ordered.find((x) => x.verified);
        if (anchor) expect(kept).toContain(anchor);
        const others = kept.filter((x) => x !== anchor);
        const total = kept.reduce((n, x) => n + x.sizeBytes, 0);
        if (others.length > 0) {
          expect(kept.length).toBeLessThanOrEqual(p.keepCount);
          if (p.maxTotalBytes !== null) expect(total).toBeLessThanOrEqual(p.maxTotalBytes);
          if (p.maxAgeDays !== null) {
            for (const x of others)
              expect(NOW.getTime() - Date.parse(x.createdAt)).toBeLessThanOrEqual(p.maxAgeDays * DAY);
          }
        }
        // No holes: every deleted backup (but the anchor) is older than every kept one.
        const firstExpired = ordered.findIndex((x) => expired.has(x.id));
        if (firstExpired >= 0) {
          expect(ordered.slice(firstExpired).every((x) => expired.has(x.id) || x === anchor)).toBe(true);
          // Maximal: keeping the newest deleted one too would break a limit.
          const next = ordered[firstExpired]!;
          const breaks =
            kept.length + 1 > p.keepCount ||
            (p.maxTotalBytes !== null && total + next.sizeBytes > p.maxTotalBytes) ||
            (p.maxAgeDays !== null && NOW.getTime() - Date.parse(next.createdAt) > p.maxAgeDays * DAY);
          expect(breaks).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});

import type { Db } from './database.ts';

/** The tables whose changes TEMP triggers count: every statement that writes them is seen. */
export const VERSIONED_TABLES = [
  'jobs',
  'backups',
  'schedules',
  'instances',
  'settings',
  'builds',
  'notification_targets',
] as const;
/**
 * The tables whose one repository counts its writes itself (`bump`). log_lines: a trigger made every
 * stored line cost twice as much (bench:logs, no limit), while LogLinesRepo writes its lines in
 * batches, in two statements only. Rows deleted with their instance (ON DELETE CASCADE) are not
 * counted here: a page of them names `instances` too.
 */
export const COUNTED_TABLES = ['log_lines'] as const;
export type VersionedTable = (typeof VERSIONED_TABLES)[number] | (typeof COUNTED_TABLES)[number];

const CHANGED = 'ark_table_changed';
const FOREIGN_CHECK_MS = 100;

/**
 * Counts the changes made to some tables, so that a page read from them can tell whether it is still
 * what a new read would give. TEMP triggers (this connection's own, never written to the database
 * file) call back into this process for every row inserted, updated or deleted, whichever statement
 * did it: no repository has to remember to say so. Writes made through another connection (none in
 * the manager; a tool or a test may) are seen through `PRAGMA data_version`, which changes when one of
 * them commits. That pragma opens a read of the WAL index each time (about a tenth of a kept page's
 * cost), so it is asked at most every FOREIGN_CHECK_MS: such a write shows within that time.
 */
export class TableVersions {
  /**
   * One per connection: a second would register the function again and take the counts from the
   * first, whose pages would then never change again.
   */
  private static readonly byConnection = new WeakMap<Db, TableVersions>();

  static of(db: Db): TableVersions {
    let versions = TableVersions.byConnection.get(db);
    if (!versions) TableVersions.byConnection.set(db, (versions = new TableVersions(db)));
    return versions;
  }

  private readonly counts = new Map<VersionedTable, number>(
    [...VERSIONED_TABLES, ...COUNTED_TABLES].map((t) => [t, 0]),
  );
  private readonly dataVersion: () => number;
  /** What `PRAGMA data_version` said last, when, and how many times it has changed (from 0). */
  private foreign = { version: 0, checkedAt: -Infinity, changes: 0 };

  /** @param now a monotonic clock in ms (default performance.now). */
  private constructor(
    private readonly db: Db,
    private readonly now: () => number = () => performance.now(),
  ) {
    const pragma = db.prepare('PRAGMA data_version').pluck();
    this.dataVersion = () => pragma.get() as number;
    db.function(CHANGED, { deterministic: false }, (table: unknown) => {
      const name = table as VersionedTable;
      this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
      return null;
    });
    for (const table of VERSIONED_TABLES) {
      for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
        db.exec(
          `CREATE TEMP TRIGGER IF NOT EXISTS ark_version_${table}_${event.toLowerCase()} AFTER ${event} ON main.${table}
           BEGIN SELECT ${CHANGED}('${table}'); END`,
        );
      }
    }
  }

  /**
   * Counts a write to a table its repository follows itself (COUNTED_TABLES). Called before or after
   * the write, inside its transaction or not: a count too many only makes a page be read again.
   */
  bump(table: (typeof COUNTED_TABLES)[number]): void {
    this.counts.set(table, this.counts.get(table)! + 1);
  }

  /**
   * A number that differs whenever a row of `tables` has changed since an earlier call gave it, for
   * the same tables: the sum of their counts and of the writes seen from other connections, which
   * only ever grow. (A number, not a text: a kept page's check allocates nothing.) Null inside a
   * transaction: what it has written may still be rolled back, and a page read then must not outlive it.
   */
  stamp(tables: readonly VersionedTable[]): number | null {
    if (this.db.inTransaction) return null;
    let stamp = this.foreignChanges();
    for (const table of tables) stamp += this.counts.get(table)!;
    return stamp;
  }

  /** data_version is only said to differ after another connection's commit, not to grow: count its changes. */
  private foreignChanges(): number {
    const now = this.now();
    if (now - this.foreign.checkedAt >= FOREIGN_CHECK_MS) {
      const version = this.dataVersion();
      const changed = Number(this.foreign.checkedAt !== -Infinity && version !== this.foreign.version);
      this.foreign = { version, checkedAt: now, changes: this.foreign.changes + changed };
    }
    return this.foreign.changes;
  }
}

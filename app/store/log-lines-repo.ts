import type { LogEntry } from '@ark-asa/contracts';
import type { Db } from './database.ts';
import { TableVersions } from './table-versions.ts';

/** instance_id, seq, ts, level, source, message: the columns `page` selects, in order. */
type RawLogRow = [string, number, string, LogEntry['level'], LogEntry['source'], string];

const toEntry = (r: RawLogRow): LogEntry => ({
  instanceId: r[0],
  seq: r[1],
  timestamp: r[2],
  level: r[3],
  source: r[4],
  message: r[5],
});

export class LogLinesRepo {
  /** The connection's synchronous level (FULL, from openDatabase), restored after each lazy commit. */
  private durableLevel: number | null = null;

  /** Told of every write here: the page cache follows log_lines through this count, not a trigger. */
  private readonly versions: TableVersions;

  constructor(private readonly db: Db) {
    this.versions = TableVersions.of(db);
  }

  /** One transaction per batch: per-line autocommit with synchronous=FULL would cost an fsync each. */
  insertMany(entries: LogEntry[]): void {
    this.versions.bump('log_lines');
    const insert = this.db.prepare(
      'INSERT OR IGNORE INTO log_lines (instance_id, seq, ts, level, source, message) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.db.transaction(() => {
      for (const e of entries) insert.run(e.instanceId, e.seq, e.timestamp, e.level, e.source, e.message);
    })();
  }

  /**
   * Runs `write` in one transaction whose commit does not wait for the disk (synchronous=NORMAL for
   * this commit only). Log lines are losable and already sent live when they are stored, and under
   * a flooding server an fsync per batch was the largest cost of ingestion. In WAL mode NORMAL never
   * corrupts the database: a power cut can only lose the newest such commits, and the next durable
   * commit (synchronous=FULL, every other write) syncs the WAL with these pages in it.
   */
  writeLazily<T>(write: () => T): T {
    // Read once: db.pragma() prepares a statement per call, which cost more than the batch's inserts.
    this.durableLevel ??= Number(this.db.pragma('synchronous', { simple: true }));
    // Inside a caller's transaction its commit decides; at NORMAL (1) or OFF (0) there is nothing to relax.
    if (this.db.inTransaction || this.durableLevel <= 1) return this.db.transaction(write)();
    this.db.exec('PRAGMA synchronous = NORMAL');
    try {
      return this.db.transaction(write)();
    } finally {
      this.db.exec(`PRAGMA synchronous = ${this.durableLevel}`);
    }
  }

  maxSeq(instanceId: string): number {
    const row = this.db.prepare('SELECT MAX(seq) AS n FROM log_lines WHERE instance_id = ?').get(instanceId) as {
      n: number | null;
    };
    return row.n ?? 0;
  }

  /**
   * The newest `limit` lines before `before` (exclusive), returned oldest first. Positional rows
   * (`raw`) made straight into entries: a page is hundreds of rows, and a row object per line made
   * only to be copied into another was measurable on the logs route.
   */
  page(instanceId: string, limit: number, before?: number): LogEntry[] {
    const stmt = this.db.prepare(
      'SELECT instance_id, seq, ts, level, source, message FROM log_lines WHERE instance_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?',
    );
    // Not chained: raw() returns the bare statement, past any wrapper of prepare (the plan tests' spy).
    stmt.raw(true);
    const rows = stmt.all(instanceId, before ?? Number.MAX_SAFE_INTEGER, limit) as RawLogRow[];
    const entries = new Array<LogEntry>(rows.length);
    for (let i = 0; i < rows.length; i++) entries[rows.length - 1 - i] = toEntry(rows[i]!);
    return entries;
  }

  /**
   * The same rows as `page`, each already the JSON text of its entry, NEWEST first, with its seq:
   * SQLite writes the JSON in `toEntry`'s key order, so the logs route sends a page without building
   * and serialising an object per line (LogService.pageJson). Concatenation with json_quote, not
   * json_object: it builds no JSON tree per row and took half the time for a 200-line page. Every
   * row starts with the same `{"instanceId":"…","seq":`, written once here by JSON.stringify and
   * bound, instead of quoted again by SQLite on each of the hundreds of rows.
   */
  pageJson(instanceId: string, limit: number, before?: number): [json: string, seq: number][] {
    const stmt = this.db.prepare(
      `SELECT ? || seq || ',"timestamp":' || json_quote(ts) || ',"level":' || json_quote(level)
         || ',"source":' || json_quote(source) || ',"message":' || json_quote(message) || '}', seq
       FROM log_lines WHERE instance_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?`,
    );
    stmt.raw(true);
    const head = `{"instanceId":${JSON.stringify(instanceId)},"seq":`;
    return stmt.all(head, instanceId, before ?? Number.MAX_SAFE_INTEGER, limit) as [string, number][];
  }

  /** Keeps the newest `keep` lines of an instance. */
  trim(instanceId: string, keep: number): void {
    this.versions.bump('log_lines');
    this.db
      .prepare('DELETE FROM log_lines WHERE instance_id = ? AND seq <= ?')
      .run(instanceId, this.maxSeq(instanceId) - keep);
  }
}

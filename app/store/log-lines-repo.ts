import type { LogEntry } from '@ark-asa/contracts';
import type { Db } from './database.ts';

interface LogRow {
  instance_id: string;
  seq: number;
  ts: string;
  level: LogEntry['level'];
  source: LogEntry['source'];
  message: string;
}

const toEntry = (r: LogRow): LogEntry => ({
  instanceId: r.instance_id,
  seq: r.seq,
  timestamp: r.ts,
  level: r.level,
  source: r.source,
  message: r.message,
});

export class LogLinesRepo {
  /** The connection's synchronous level (FULL, from openDatabase), restored after each lazy commit. */
  private durableLevel: number | null = null;

  constructor(private readonly db: Db) {}

  /** One transaction per batch: per-line autocommit with synchronous=FULL would cost an fsync each. */
  insertMany(entries: LogEntry[]): void {
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

  /** The newest `limit` lines before `before` (exclusive), returned oldest first. */
  page(instanceId: string, limit: number, before?: number): LogEntry[] {
    const rows = this.db
      .prepare('SELECT * FROM log_lines WHERE instance_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?')
      .all(instanceId, before ?? Number.MAX_SAFE_INTEGER, limit) as LogRow[];
    return rows.reverse().map(toEntry);
  }

  /** Keeps the newest `keep` lines of an instance. */
  trim(instanceId: string, keep: number): void {
    this.db
      .prepare('DELETE FROM log_lines WHERE instance_id = ? AND seq <= ?')
      .run(instanceId, this.maxSeq(instanceId) - keep);
  }
}

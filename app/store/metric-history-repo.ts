import { MetricSubject } from '@ark-asa/contracts';
import type { Db } from './database.ts';

/** One heartbeat's reading of a host or a server. */
export interface MetricSampleInput {
  kind: MetricSubject;
  id: string;
  cpuPercent: number | null;
  memoryBytes: number | null;
  /** Host only. */
  memoryTotalBytes?: number | null;
  /** Server only. */
  players?: number | null;
}

/** One point of a series: averages and maxima over its bucket (times in ms since the epoch). */
export interface MetricPointRecord {
  t: number;
  cpuAvg: number | null;
  cpuMax: number | null;
  memoryAvg: number | null;
  memoryMax: number | null;
  memoryTotal: number | null;
  playersAvg: number | null;
  playersMax: number | null;
}

export interface SeriesQuery {
  kind: MetricSubject;
  id: string;
  fromMs: number;
  /** The stored resolution read (0: raw samples only). */
  tier: number;
  /** Point width in ms; 1 keeps every stored row as its own point. */
  bucketMs: number;
}

// Weighted by the heartbeats behind each row, and only over the rows that measured the value:
// SUM skips the NULL products, and the IIF keeps a row without the value out of the divisor.
const AGGREGATES = `
  SUM(samples) AS samples,
  SUM(cpu_avg * samples) / SUM(IIF(cpu_avg IS NULL, NULL, samples)) AS cpuAvg,
  MAX(cpu_max) AS cpuMax,
  SUM(memory_avg * samples) / SUM(IIF(memory_avg IS NULL, NULL, samples)) AS memoryAvg,
  MAX(memory_max) AS memoryMax,
  MAX(memory_total) AS memoryTotal,
  SUM(players_avg * samples) / SUM(IIF(players_avg IS NULL, NULL, samples)) AS playersAvg,
  MAX(players_max) AS playersMax`;

const SUBJECT = 'subject_kind = @kind AND subject_id = @id';

// better-sqlite3 binds a JS number as a REAL: the CAST keeps the bucket arithmetic an integer division.
const SERIES_COLUMNS = `(bucket_start / CAST(@bucketMs AS INTEGER)) * CAST(@bucketMs AS INTEGER) AS t, ${AGGREGATES}`;

const RAW_SERIES = `SELECT ${SERIES_COLUMNS} FROM metric_samples
  WHERE resolution = 0 AND ${SUBJECT} AND bucket_start >= @fromMs GROUP BY t ORDER BY t`;

// A tier holds complete buckets only: what came after its last bucket is read from raw samples.
const TIER_SERIES = `SELECT ${SERIES_COLUMNS} FROM (
    SELECT * FROM metric_samples WHERE resolution = @tier AND ${SUBJECT} AND bucket_start >= @fromMs
    UNION ALL
    SELECT * FROM metric_samples WHERE resolution = 0 AND ${SUBJECT} AND bucket_start >= MAX(@fromMs, COALESCE(
      (SELECT MAX(bucket_start) + @tier * 1000 FROM metric_samples WHERE resolution = @tier AND ${SUBJECT}), 0))
  ) GROUP BY t ORDER BY t`;

// Recomputes from this subject's last bucket of the target tier on: idempotent, and a bucket is
// written only once it is complete (before @endMs), so it never needs a second look after that.
const ROLL_UP = `INSERT OR REPLACE INTO metric_samples (resolution, subject_kind, subject_id, bucket_start,
    samples, cpu_avg, cpu_max, memory_avg, memory_max, memory_total, players_avg, players_max)
  SELECT @to, @kind, @id, (bucket_start / CAST(@toMs AS INTEGER)) * CAST(@toMs AS INTEGER) AS b, ${AGGREGATES}
  FROM metric_samples
  WHERE resolution = @from AND ${SUBJECT} AND bucket_start < @endMs AND bucket_start >= COALESCE(
    (SELECT MAX(bucket_start) FROM metric_samples WHERE resolution = @to AND ${SUBJECT}), 0)
  GROUP BY b`;

/** The history of hosts and servers at several resolutions (migration 008, docs/history.md). */
export class MetricHistoryRepo {
  constructor(private readonly db: Db) {}

  /** One heartbeat: every subject's raw sample in one transaction (one commit, one fsync). */
  record(atMs: number, samples: MetricSampleInput[]): void {
    // The recorder writes after the event loop turns; the store may have closed meanwhile on shutdown.
    if (!this.db.open || samples.length === 0) return;
    const insert = this.db.prepare(
      `INSERT OR REPLACE INTO metric_samples (resolution, subject_kind, subject_id, bucket_start, samples,
         cpu_avg, cpu_max, memory_avg, memory_max, memory_total, players_avg, players_max)
       VALUES (0, @kind, @id, @at, 1, @cpu, @cpu, @memory, @memory, @total, @players, @players)`,
    );
    this.db.transaction(() => {
      for (const s of samples) {
        insert.run({
          kind: s.kind,
          id: s.id,
          at: Math.trunc(atMs),
          cpu: s.cpuPercent,
          memory: s.memoryBytes,
          total: s.memoryTotalBytes ?? null,
          players: s.players ?? null,
        });
      }
    })();
  }

  /** Rolls complete buckets of `from` up into `to` (seconds), for every subject with `from` rows. */
  rollUp(from: number, to: number, nowMs: number): void {
    if (!this.db.open) return;
    const toMs = to * 1000;
    const endMs = Math.floor(nowMs / toMs) * toMs;
    const subjects = this.subjects(from);
    const roll = this.db.prepare(ROLL_UP);
    this.db.transaction(() => {
      for (const s of subjects) roll.run({ ...s, from, to, toMs, endMs });
    })();
  }

  /** Deletes the rows of one resolution older than `beforeMs`; returns how many. */
  prune(resolution: number, beforeMs: number): number {
    if (!this.db.open) return 0;
    const del = this.db.prepare(
      `DELETE FROM metric_samples WHERE resolution = @resolution AND ${SUBJECT} AND bucket_start < @before`,
    );
    const subjects = this.subjects(resolution);
    return this.db.transaction(() =>
      subjects.reduce((n, s) => n + del.run({ ...s, resolution, before: Math.trunc(beforeMs) }).changes, 0),
    )();
  }

  /**
   * The subjects with rows at a resolution, one index seek each: a DISTINCT would read every row
   * of the resolution (a day of raw samples per subject) at every maintenance.
   */
  private subjects(resolution: number): { kind: MetricSubject; id: string }[] {
    // Per kind: SQLite scans instead of seeking for a row-value bound over (kind, id).
    const next = this.db.prepare(
      `SELECT subject_id AS id FROM metric_samples
       WHERE resolution = @resolution AND subject_kind = @kind AND subject_id > @after
       ORDER BY subject_id LIMIT 1`,
    );
    const found: { kind: MetricSubject; id: string }[] = [];
    for (const kind of MetricSubject.options) {
      let after = '';
      for (;;) {
        const row = next.get({ resolution, kind, after }) as { id: string } | undefined;
        if (!row) break;
        found.push({ kind, id: row.id });
        after = row.id;
      }
    }
    return found;
  }

  series(q: SeriesQuery): MetricPointRecord[] {
    const sql = q.tier === 0 ? RAW_SERIES : TIER_SERIES;
    const base = { kind: q.kind, id: q.id, fromMs: Math.trunc(q.fromMs), bucketMs: q.bucketMs };
    const rows = this.db.prepare(sql).all(q.tier === 0 ? base : { ...base, tier: q.tier });
    return (rows as (MetricPointRecord & { samples: number })[]).map(({ samples: _, ...point }) => point);
  }

  /** Forgets a subject (a deleted server). */
  deleteSubject(kind: MetricSubject, id: string): void {
    if (!this.db.open) return;
    this.db.prepare('DELETE FROM metric_samples WHERE subject_kind = ? AND subject_id = ?').run(kind, id);
  }

  /** Rows per resolution (tests, docs/history.md sizes). */
  countByResolution(): Record<number, number> {
    const rows = this.db.prepare('SELECT resolution, COUNT(*) AS n FROM metric_samples GROUP BY resolution').all() as {
      resolution: number;
      n: number;
    }[];
    return Object.fromEntries(rows.map((r) => [r.resolution, r.n]));
  }
}

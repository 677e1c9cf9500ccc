import type { Db } from './database.ts';

export interface BuildRecord {
  buildId: string;
  installPath: string;
  installedAt: string;
  sizeBytes: number;
}

interface BuildRow {
  build_id: string;
  install_path: string;
  installed_at: string;
  size_bytes: number;
}

const toRecord = (r: BuildRow): BuildRecord => ({
  buildId: r.build_id,
  installPath: r.install_path,
  installedAt: r.installed_at,
  sizeBytes: r.size_bytes,
});

export class BuildsRepo {
  constructor(private readonly db: Db) {}

  list(): BuildRecord[] {
    return (this.db.prepare('SELECT * FROM builds ORDER BY installed_at DESC').all() as BuildRow[]).map(toRecord);
  }

  get(buildId: string): BuildRecord | null {
    const row = this.db.prepare('SELECT * FROM builds WHERE build_id = ?').get(buildId) as BuildRow | undefined;
    return row ? toRecord(row) : null;
  }

  /** The most recently installed build, the default for new instances. */
  newest(): BuildRecord | null {
    const row = this.db.prepare('SELECT * FROM builds ORDER BY installed_at DESC LIMIT 1').get() as
      BuildRow | undefined;
    return row ? toRecord(row) : null;
  }

  upsert(b: BuildRecord): void {
    this.db
      .prepare(
        `INSERT INTO builds (build_id, install_path, installed_at, size_bytes) VALUES (@buildId, @installPath, @installedAt, @sizeBytes)
         ON CONFLICT (build_id) DO UPDATE SET install_path = excluded.install_path, installed_at = excluded.installed_at,
           size_bytes = excluded.size_bytes`,
      )
      .run(b);
  }

  delete(buildId: string): void {
    this.db.prepare('DELETE FROM builds WHERE build_id = ?').run(buildId);
  }

  /** build id → ids of the instances using it. */
  usage(): Map<string, string[]> {
    const rows = this.db
      .prepare('SELECT build_id, id FROM instances WHERE build_id IS NOT NULL ORDER BY created_at')
      .all() as { build_id: string; id: string }[];
    const map = new Map<string, string[]>();
    for (const r of rows) map.set(r.build_id, [...(map.get(r.build_id) ?? []), r.id]);
    return map;
  }
}

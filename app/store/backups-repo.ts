import { DEFAULT_BACKUP_POLICY, type Backup, type BackupKind, type BackupPolicy } from '@ark-asa/contracts';
import { decodeCursor, encodeCursor, jsonPage } from './cursor.ts';
import type { Db } from './database.ts';

/** A backup as stored: the DTO plus where its file is (absolute, like an instance's installPath). */
export interface BackupRecord extends Backup {
  filePath: string;
}

interface BackupRow {
  id: string;
  instance_id: string;
  file_name: string;
  file_path: string;
  size_bytes: number;
  created_at: string;
  kind: BackupKind;
  entries: number;
  map: string;
  verified: number;
  note: string | null;
}

interface PolicyRow {
  keep_count: number;
  max_age_days: number | null;
  max_total_bytes: number | null;
}

/**
 * A backup row as the JSON text of its DTO (`toBackupDto(toRecord(row))`), keys in the same order.
 * json_object writes strings as JSON.stringify does and the integers alike; `verified` is made a
 * JSON boolean. (Measured against `'{"id":' || json_quote(id) || …` concatenation: json_object was
 * the faster of the two, as for the job list.)
 */
const BACKUP_JSON = `json_object('id', id, 'instanceId', instance_id, 'fileName', file_name, 'sizeBytes', size_bytes,
  'createdAt', created_at, 'kind', kind, 'entries', entries, 'map', map,
  'verified', json(CASE verified WHEN 1 THEN 'true' ELSE 'false' END), 'note', note)`;

function toRecord(r: BackupRow): BackupRecord {
  return {
    id: r.id,
    instanceId: r.instance_id,
    fileName: r.file_name,
    filePath: r.file_path,
    sizeBytes: r.size_bytes,
    createdAt: r.created_at,
    kind: r.kind,
    entries: r.entries,
    map: r.map,
    verified: r.verified === 1,
    note: r.note,
  };
}

export class BackupsRepo {
  constructor(private readonly db: Db) {}

  /** Newest first; the cursor is the (createdAt, id) of the last item of the previous page. */
  list(instanceId: string, limit: number, cursor?: string): { items: BackupRecord[]; nextCursor: string | null } {
    const rows = this.pageRows('*', instanceId, limit, cursor) as BackupRow[];
    const items = rows.slice(0, limit).map(toRecord);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
  }

  /**
   * `list`'s page as the API sends it (`toBackupDto` of each item: no file path), already the JSON
   * text of `{ items, nextCursor }`, byte for byte what JSON.stringify gives (backups-repo.test.ts).
   * SQLite writes each backup's object: a row object, a record and a DTO per backup made only to be
   * serialized again were most of the backups route's own time. `count` is the items on the page.
   */
  listJson(instanceId: string, limit: number, cursor?: string): { text: string; count: number } {
    const rows = this.pageRows(`${BACKUP_JSON}, created_at, id`, instanceId, limit, cursor, true) as [
      string,
      string,
      string,
    ][];
    return jsonPage(rows, limit);
  }

  /** One page plus one row (to tell whether another follows), newest first, as objects or positional rows. */
  private pageRows(columns: string, instanceId: string, limit: number, cursor?: string, raw = false): unknown[] {
    const after = decodeCursor(cursor);
    const stmt = this.db.prepare(
      `SELECT ${columns} FROM backups WHERE instance_id = ?${after ? ' AND (created_at, id) < (?, ?)' : ''}
       ORDER BY created_at DESC, id DESC LIMIT ?`,
    );
    // Set on every use: the statement cache hands the same statement to the next caller of this SQL.
    stmt.raw(raw);
    return after ? stmt.all(instanceId, after.createdAt, after.id, limit + 1) : stmt.all(instanceId, limit + 1);
  }

  /** Every backup of the instance, newest first (retention looks at all of them). */
  listAll(instanceId: string): BackupRecord[] {
    const rows = this.db
      .prepare('SELECT * FROM backups WHERE instance_id = ? ORDER BY created_at DESC, id DESC')
      .all(instanceId) as BackupRow[];
    return rows.map(toRecord);
  }

  get(id: string): BackupRecord | null {
    const row = this.db.prepare('SELECT * FROM backups WHERE id = ?').get(id) as BackupRow | undefined;
    return row ? toRecord(row) : null;
  }

  insert(b: BackupRecord): void {
    this.db
      .prepare(
        `INSERT INTO backups (id, instance_id, file_name, file_path, size_bytes, created_at, kind, entries, map, verified, note)
         VALUES (@id, @instanceId, @fileName, @filePath, @sizeBytes, @createdAt, @kind, @entries, @map, @verified, @note)`,
      )
      .run({ ...b, verified: b.verified ? 1 : 0 });
  }

  setVerified(id: string, verified: boolean): void {
    this.db.prepare('UPDATE backups SET verified = ? WHERE id = ?').run(verified ? 1 : 0, id);
  }

  delete(id: string): void {
    this.db.prepare('DELETE FROM backups WHERE id = ?').run(id);
  }

  /** The instance's policy, or the defaults when none was saved. */
  policy(instanceId: string): BackupPolicy {
    const row = this.db
      .prepare('SELECT keep_count, max_age_days, max_total_bytes FROM backup_policies WHERE instance_id = ?')
      .get(instanceId) as PolicyRow | undefined;
    if (!row) return { ...DEFAULT_BACKUP_POLICY };
    return { keepCount: row.keep_count, maxAgeDays: row.max_age_days, maxTotalBytes: row.max_total_bytes };
  }

  setPolicy(instanceId: string, p: BackupPolicy, updatedAt: string): void {
    this.db
      .prepare(
        `INSERT INTO backup_policies (instance_id, keep_count, max_age_days, max_total_bytes, updated_at)
         VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (instance_id) DO UPDATE SET keep_count = excluded.keep_count, max_age_days = excluded.max_age_days,
           max_total_bytes = excluded.max_total_bytes, updated_at = excluded.updated_at`,
      )
      .run(instanceId, p.keepCount, p.maxAgeDays, p.maxTotalBytes, updatedAt);
  }
}

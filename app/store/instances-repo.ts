import type { InstanceSettings, InstanceStatus } from '@ark-asa/contracts';
import { decodeCursor, encodeCursor, parseJson } from './cursor.ts';
import type { Db } from './database.ts';

/** How a running server is recognised again after the control plane restarts (pid reuse guard). */
export interface ProcessRecord {
  pid: number;
  exePath: string;
  /** Process start time as the OS reports it (epoch ms); a recycled pid has another one. */
  startTimeMs: number;
  startedAt: string;
}

/** An instance as stored: unlike the DTO it holds the secrets in clear. */
export interface InstanceRecord {
  id: string;
  name: string;
  agentId: string;
  status: InstanceStatus;
  buildId: string | null;
  installPath: string | null;
  settings: InstanceSettings;
  process: ProcessRecord | null;
  createdAt: string;
  updatedAt: string;
  /** Imported to run in place: installPath is the user's own folder (docs/import.md). */
  inPlace?: boolean;
}

interface InstanceRow {
  id: string;
  name: string;
  agent_id: string;
  status: InstanceStatus;
  build_id: string | null;
  install_path: string | null;
  settings: string;
  process: string | null;
  created_at: string;
  updated_at: string;
  in_place?: number;
}

function toRecord(r: InstanceRow): InstanceRecord {
  return {
    id: r.id,
    name: r.name,
    agentId: r.agent_id,
    status: r.status,
    buildId: r.build_id,
    installPath: r.install_path,
    settings: JSON.parse(r.settings) as InstanceSettings,
    process: parseJson<ProcessRecord>(r.process),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    ...(r.in_place ? { inPlace: true } : {}),
  };
}

function toParams(i: InstanceRecord) {
  return {
    id: i.id,
    name: i.name,
    agentId: i.agentId,
    status: i.status,
    buildId: i.buildId,
    installPath: i.installPath,
    settings: JSON.stringify(i.settings),
    process: i.process ? JSON.stringify(i.process) : null,
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
    inPlace: i.inPlace ? 1 : 0,
  };
}

export class InstancesRepo {
  constructor(private readonly db: Db) {}

  list(limit = 500, cursor?: string): { items: InstanceRecord[]; nextCursor: string | null } {
    const after = decodeCursor(cursor);
    const rows = (
      after
        ? this.db
            .prepare('SELECT * FROM instances WHERE (created_at, id) > (?, ?) ORDER BY created_at, id LIMIT ?')
            .all(after.createdAt, after.id, limit + 1)
        : this.db.prepare('SELECT * FROM instances ORDER BY created_at, id LIMIT ?').all(limit + 1)
    ) as InstanceRow[];
    const items = rows.slice(0, limit).map(toRecord);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
  }

  listAll(): InstanceRecord[] {
    return (this.db.prepare('SELECT * FROM instances ORDER BY created_at, id').all() as InstanceRow[]).map(toRecord);
  }

  /** Whether the instance exists, without reading and parsing its settings. */
  exists(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM instances WHERE id = ?').get(id) !== undefined;
  }

  get(id: string): InstanceRecord | null {
    const row = this.db.prepare('SELECT * FROM instances WHERE id = ?').get(id) as InstanceRow | undefined;
    return row ? toRecord(row) : null;
  }

  insert(i: InstanceRecord): void {
    this.db
      .prepare(
        `INSERT INTO instances (id, name, agent_id, status, build_id, install_path, settings, process, created_at, updated_at, in_place)
         VALUES (@id, @name, @agentId, @status, @buildId, @installPath, @settings, @process, @createdAt, @updatedAt, @inPlace)`,
      )
      .run(toParams(i));
  }

  update(i: InstanceRecord): void {
    this.db
      .prepare(
        `UPDATE instances SET name = @name, agent_id = @agentId, status = @status, build_id = @buildId,
           install_path = @installPath, settings = @settings, process = @process, updated_at = @updatedAt
         WHERE id = @id`,
      )
      .run(toParams(i));
  }

  setStatus(id: string, status: InstanceStatus, updatedAt: string): void {
    this.db.prepare('UPDATE instances SET status = ?, updated_at = ? WHERE id = ?').run(status, updatedAt, id);
  }

  setProcess(id: string, process: ProcessRecord | null): void {
    this.db.prepare('UPDATE instances SET process = ? WHERE id = ?').run(process ? JSON.stringify(process) : null, id);
  }

  delete(id: string): void {
    this.db.prepare('DELETE FROM instances WHERE id = ?').run(id);
  }
}

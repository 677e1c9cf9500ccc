import type { Instance, InstanceRuntime, InstanceSettings, InstanceStatus } from '@ark-asa/contracts';
import { decodeCursor, encodeCursor, parseJson } from './cursor.ts';
import type { Db } from './database.ts';
import { TableVersions } from './table-versions.ts';

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
  /**
   * Set on the mirror row of a remote agent's server: that agent's latest Instance DTO (secrets
   * already masked by it). Absent on the servers of this process's own agent.
   */
  remoteView?: Instance;
}

/** Statuses in which a server has no process. */
const IDLE: ReadonlySet<InstanceStatus> = new Set(['NOT_INSTALLED', 'STOPPED', 'CRASHED']);

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
  remote_view?: string | null;
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
    ...(r.remote_view ? { remoteView: JSON.parse(r.remote_view) as Instance } : {}),
  };
}

/** A row as `listStored` gives it: the record without its process, the settings as stored (JSON text). */
export type StoredInstance = Omit<InstanceRecord, 'settings' | 'process'> & { settingsText: string };

function toStored(r: InstanceRow): StoredInstance {
  const { settings: _parsed, process: _process, ...rest } = toRecord({ ...r, settings: 'null', process: null });
  return { ...rest, settingsText: r.settings };
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

/** Answers remembered from the instance rows as they were at `stamp` (TableVersions). */
interface Known {
  stamp: number;
  ids: readonly string[] | null;
  /** Instance id → its host; unknown ids are not remembered (anyone can ask for any number of them). */
  hosts: Map<string, string>;
}

export class InstancesRepo {
  private readonly versions: TableVersions;
  /** What ids() and agentIdOf() answered, valid while no instance row has changed since `stamp`. */
  private known: Known = { stamp: -1, ids: null, hosts: new Map() };

  constructor(private readonly db: Db) {
    this.versions = TableVersions.of(db);
  }

  list(limit = 500, cursor?: string): { items: InstanceRecord[]; nextCursor: string | null } {
    const { rows, nextCursor } = this.page(limit, cursor);
    return { items: rows.map(toRecord), nextCursor };
  }

  /**
   * `list`'s page with each row's settings as the JSON text stored, unparsed, and without the
   * process record: for the list sent as JSON (InstancesService.listJson), which reuses the masked
   * settings it already wrote for the same text instead of parsing and masking them again.
   */
  listStored(limit = 500, cursor?: string): { items: StoredInstance[]; nextCursor: string | null } {
    const { rows, nextCursor } = this.page(limit, cursor);
    return { items: rows.map(toStored), nextCursor };
  }

  private page(limit: number, cursor?: string): { rows: InstanceRow[]; nextCursor: string | null } {
    const after = decodeCursor(cursor);
    const rows = (
      after
        ? this.db
            .prepare('SELECT * FROM instances WHERE (created_at, id) > (?, ?) ORDER BY created_at, id LIMIT ?')
            .all(after.createdAt, after.id, limit + 1)
        : this.db.prepare('SELECT * FROM instances ORDER BY created_at, id LIMIT ?').all(limit + 1)
    ) as InstanceRow[];
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const next = rows.length > limit && last ? encodeCursor({ createdAt: last.created_at, id: last.id }) : null;
    return { rows: page, nextCursor: next };
  }

  listAll(): InstanceRecord[] {
    return (this.db.prepare('SELECT * FROM instances ORDER BY created_at, id').all() as InstanceRow[]).map(toRecord);
  }

  /**
   * Every instance's id, nothing else. Kept until an instance row changes: the instance list asks for
   * them on every read, to key its kept page by the servers' runtime. The array is shared: read it only.
   */
  ids(): readonly string[] {
    const known = this.current();
    if (known?.ids) return known.ids;
    const stmt = this.db.prepare('SELECT id FROM instances');
    stmt.pluck(true); // not chained: pluck() returns the bare statement, past any wrapper of prepare
    const ids = stmt.all() as string[];
    if (known) known.ids = ids;
    return ids;
  }

  /** Whether the instance exists, without reading and parsing its settings. */
  exists(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM instances WHERE id = ?').get(id) !== undefined;
  }

  /**
   * The host the instance runs on, or null when there is no such instance; its settings are not read.
   * Asked by every call for a server (which host answers it), so an answer is remembered until an
   * instance row changes: the query was a tenth of a kept schedule page's cost. An unknown id is
   * not remembered (anyone can ask for any number of them).
   */
  agentIdOf(id: string): string | null {
    const known = this.current();
    const host = known?.hosts.get(id);
    if (host !== undefined) return host;
    const stmt = this.db.prepare('SELECT agent_id FROM instances WHERE id = ?');
    stmt.pluck(true); // not chained: pluck() returns the bare statement, past any wrapper of prepare
    const agentId = (stmt.get(id) as string | undefined) ?? null;
    if (known && agentId !== null) known.hosts.set(id, agentId);
    return agentId;
  }

  /**
   * What is remembered of the instance rows, emptied when one has changed; null inside a transaction,
   * whose writes may still be rolled back (nothing read then is remembered).
   */
  private current(): Known | null {
    const stamp = this.versions.stamp(['instances']);
    if (stamp === null) return null;
    if (stamp !== this.known.stamp) this.known = { stamp, ids: null, hosts: new Map() };
    return this.known;
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

  /** The servers of one agent, oldest first (a remote agent's mirror rows, or the local agent's own). */
  listByAgent(agentId: string): InstanceRecord[] {
    return (
      this.db
        .prepare('SELECT * FROM instances WHERE agent_id = ? ORDER BY created_at, id')
        .all(agentId) as InstanceRow[]
    ).map(toRecord);
  }

  /**
   * Inserts or refreshes the mirror row of a remote agent's server from the DTO it reported. The
   * build stays NULL: builds live on that host, and the foreign key to this store's `builds` would
   * refuse one that exists only there. False when the id belongs to another agent (nothing
   * written): an agent never overwrites a server that is not its own.
   */
  upsertMirror(agentId: string, dto: Instance): boolean {
    const { changes } = this.db
      .prepare(
        `INSERT INTO instances (id, name, agent_id, status, build_id, install_path, settings, process, created_at, updated_at, in_place, remote_view)
         VALUES (@id, @name, @agentId, @status, NULL, @installPath, @settings, NULL, @createdAt, @updatedAt, @inPlace, @remoteView)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, status = excluded.status,
           install_path = excluded.install_path, settings = excluded.settings, updated_at = excluded.updated_at,
           in_place = excluded.in_place, remote_view = excluded.remote_view
         WHERE instances.agent_id = excluded.agent_id`,
      )
      .run({
        id: dto.id,
        name: dto.name,
        agentId,
        status: dto.status,
        installPath: dto.installPath,
        settings: JSON.stringify(dto.settings),
        createdAt: dto.createdAt,
        updatedAt: dto.updatedAt,
        inPlace: dto.inPlace ? 1 : 0,
        remoteView: JSON.stringify({ ...dto, agentId }),
      });
    return changes > 0;
  }

  /**
   * A remote server's new status, in the row and in its view alike; a status without a process
   * also clears the view's runtime, as a local server's DTO has none then. False when it is not
   * that agent's.
   */
  setMirrorStatus(agentId: string, id: string, status: InstanceStatus, updatedAt: string): boolean {
    const { changes } = this.db
      .prepare(
        `UPDATE instances SET status = @status, updated_at = @updatedAt,
           remote_view = CASE WHEN @idle
             THEN json_set(remote_view, '$.status', @status, '$.updatedAt', @updatedAt, '$.runtime', NULL)
             ELSE json_set(remote_view, '$.status', @status, '$.updatedAt', @updatedAt) END
         WHERE id = @id AND agent_id = @agentId AND remote_view IS NOT NULL`,
      )
      .run({ id, agentId, status, updatedAt, idle: IDLE.has(status) ? 1 : 0 });
    return changes > 0;
  }

  /** Status and last runtime of each mirror row of a host: what a heartbeat compares, without reading whole rows. */
  mirrorRuntimes(agentId: string): { id: string; status: InstanceStatus; runtime: InstanceRuntime | null }[] {
    const rows = this.db
      .prepare(
        `SELECT id, status, json_extract(remote_view, '$.runtime') AS runtime FROM instances
         WHERE agent_id = ? AND remote_view IS NOT NULL`,
      )
      .all(agentId) as { id: string; status: InstanceStatus; runtime: string | null }[];
    return rows.map((r) => ({ ...r, runtime: parseJson<InstanceRuntime>(r.runtime) }));
  }

  /** A remote server's process metrics (from its host's heartbeat), or null when it runs none. */
  setMirrorRuntime(agentId: string, id: string, runtime: InstanceRuntime | null): void {
    this.db
      .prepare(
        `UPDATE instances SET remote_view = json_set(remote_view, '$.runtime', json(@runtime))
         WHERE id = @id AND agent_id = @agentId AND remote_view IS NOT NULL`,
      )
      .run({ id, agentId, runtime: runtime ? JSON.stringify(runtime) : null });
  }

  /** Removes a remote server's mirror row (its dependants go by their foreign keys). False when it is not that agent's. */
  deleteMirror(agentId: string, id: string): boolean {
    return (
      this.db
        .prepare('DELETE FROM instances WHERE id = ? AND agent_id = ? AND remote_view IS NOT NULL')
        .run(id, agentId).changes > 0
    );
  }
}

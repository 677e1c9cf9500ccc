import type { Agent, AgentStatus, HostMetrics } from '@ark-asa/contracts';
import { parseJson } from './cursor.ts';
import type { Db } from './database.ts';

interface AgentRow {
  id: string;
  name: string;
  kind: 'local' | 'remote';
  status: AgentStatus;
  hostname: string;
  platform: string;
  version: string;
  registered_at: string;
  last_heartbeat_at: string | null;
  metrics: string | null;
}

function toAgent(r: AgentRow): Agent {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    status: r.status,
    hostname: r.hostname,
    platform: r.platform,
    version: r.version,
    registeredAt: r.registered_at,
    lastHeartbeatAt: r.last_heartbeat_at,
    metrics: parseJson<HostMetrics>(r.metrics),
  };
}

export class AgentsRepo {
  constructor(private readonly db: Db) {}

  list(): Agent[] {
    return (this.db.prepare('SELECT * FROM agents ORDER BY registered_at, id').all() as AgentRow[]).map(toAgent);
  }

  get(id: string): Agent | null {
    const row = this.db.prepare('SELECT * FROM agents WHERE id = ?').get(id) as AgentRow | undefined;
    return row ? toAgent(row) : null;
  }

  upsert(a: Agent): void {
    this.db
      .prepare(
        `INSERT INTO agents (id, name, kind, status, hostname, platform, version, registered_at, last_heartbeat_at, metrics)
         VALUES (@id, @name, @kind, @status, @hostname, @platform, @version, @registeredAt, @lastHeartbeatAt, @metrics)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, status = excluded.status,
           hostname = excluded.hostname, platform = excluded.platform, version = excluded.version,
           registered_at = excluded.registered_at, last_heartbeat_at = excluded.last_heartbeat_at, metrics = excluded.metrics`,
      )
      .run({ ...a, metrics: a.metrics ? JSON.stringify(a.metrics) : null });
  }

  recordHeartbeat(id: string, at: string, metrics: HostMetrics): void {
    this.db
      .prepare("UPDATE agents SET last_heartbeat_at = ?, metrics = ?, status = 'ONLINE' WHERE id = ?")
      .run(at, JSON.stringify(metrics), id);
  }

  setStatus(id: string, status: AgentStatus): void {
    this.db.prepare('UPDATE agents SET status = ? WHERE id = ?').run(status, id);
  }

  /** ONLINE agents whose last heartbeat is older than `before` (or that never sent one). */
  listStale(before: string): Agent[] {
    const rows = this.db
      .prepare("SELECT * FROM agents WHERE status = 'ONLINE' AND COALESCE(last_heartbeat_at, registered_at) < ?")
      .all(before) as AgentRow[];
    return rows.map(toAgent);
  }
}

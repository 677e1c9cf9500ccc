import type { Agent, AgentSettings, AgentStatus, HostMetrics } from '@ark-asa/contracts';
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
  token_hash: string | null;
  revoked_at: string | null;
  settings: string | null;
}

/** What a remote agent's token is checked against (docs/agent-channel.md#authentication). */
export interface AgentCredential {
  id: string;
  tokenHash: string;
  revoked: boolean;
}

/** What a remote agent says about itself when it connects. */
export interface AgentIdentity {
  hostname: string;
  platform: string;
  version: string;
}

const NO_SETTINGS: AgentSettings = { steamcmdPath: null, dataRoot: null };

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
    settings: r.kind === 'remote' ? { ...NO_SETTINGS, ...parseJson<Partial<AgentSettings>>(r.settings) } : null,
    revokedAt: r.revoked_at,
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
      .prepare(
        `UPDATE agents SET last_heartbeat_at = ?, metrics = ?,
           status = CASE WHEN revoked_at IS NULL THEN 'ONLINE' ELSE status END WHERE id = ?`,
      )
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

  /** A remote agent that has never connected: OFFLINE, identity unknown until its first hello. */
  createRemote(a: { id: string; name: string; tokenHash: string; registeredAt: string }): void {
    this.db
      .prepare(
        `INSERT INTO agents (id, name, kind, status, hostname, platform, version, registered_at, token_hash, settings)
         VALUES (?, ?, 'remote', 'OFFLINE', '', '', '', ?, ?, ?)`,
      )
      .run(a.id, a.name, a.registeredAt, a.tokenHash, JSON.stringify(NO_SETTINGS));
  }

  /** Every remote agent's token hash, revoked ones included (so they are refused by name). */
  credentials(): AgentCredential[] {
    const rows = this.db
      .prepare("SELECT id, token_hash, revoked_at FROM agents WHERE kind = 'remote' AND token_hash IS NOT NULL")
      .all() as Pick<AgentRow, 'id' | 'token_hash' | 'revoked_at'>[];
    return rows.map((r) => ({ id: r.id, tokenHash: r.token_hash!, revoked: r.revoked_at !== null }));
  }

  /**
   * A remote agent's hello: its identity, ONLINE, and heard from `at`. The hello counts as a sign of
   * life: with the last heartbeat of the previous connection kept, the stale-agent monitor would mark
   * a host that just reconnected OFFLINE again until its first heartbeat arrived.
   */
  recordConnected(id: string, identity: AgentIdentity, at: string): void {
    this.db
      .prepare(
        "UPDATE agents SET hostname = ?, platform = ?, version = ?, status = 'ONLINE', last_heartbeat_at = ? WHERE id = ?",
      )
      .run(identity.hostname, identity.platform, identity.version, at, id);
  }

  rename(id: string, name: string): void {
    this.db.prepare('UPDATE agents SET name = ? WHERE id = ?').run(name, id);
  }

  setSettings(id: string, settings: AgentSettings): void {
    this.db.prepare('UPDATE agents SET settings = ? WHERE id = ?').run(JSON.stringify(settings), id);
  }

  /** Revoked: refused from now on, so nothing is left to remove from it either (cluster copies). */
  revoke(id: string, at: string): void {
    this.db.transaction(() => {
      this.db
        .prepare("UPDATE agents SET revoked_at = COALESCE(revoked_at, ?), status = 'OFFLINE' WHERE id = ?")
        .run(at, id);
      this.db.prepare('DELETE FROM cluster_host_removals WHERE agent_id = ?').run(id);
    })();
  }

  /** Changes the status only when it is `from`; true when it changed (so the caller publishes once). */
  setStatusIf(id: string, from: AgentStatus, to: AgentStatus): boolean {
    // A revoked host never comes back ONLINE, whatever reached us from it late.
    const sql = "UPDATE agents SET status = ? WHERE id = ? AND status = ? AND (? <> 'ONLINE' OR revoked_at IS NULL)";
    return this.db.prepare(sql).run(to, id, from, to).changes > 0;
  }

  /** At start-up no remote agent is connected yet, whatever the previous run left recorded. */
  markRemoteOffline(): void {
    this.db.prepare("UPDATE agents SET status = 'OFFLINE' WHERE kind = 'remote'").run();
  }
}

import type { TransferRules } from '@ark-asa/contracts';
import type { Db } from './database.ts';

export interface ClusterRecord {
  id: string;
  name: string;
  gameClusterId: string;
  /** This PC's default folder, <dataRoot>/runtime/clusters/<id> (or the one a PUT gave). */
  clusterDir: string;
  /** Agent id → the folder as that host sees it. */
  folders: Record<string, string>;
  transferRules: TransferRules;
  createdAt: string;
  updatedAt: string;
}

interface ClusterRow {
  id: string;
  name: string;
  game_cluster_id: string;
  cluster_dir: string;
  folders: string;
  transfer_rules: string;
  created_at: string;
  updated_at: string;
}

const toRecord = (r: ClusterRow): ClusterRecord => ({
  id: r.id,
  name: r.name,
  gameClusterId: r.game_cluster_id,
  clusterDir: r.cluster_dir,
  folders: JSON.parse(r.folders) as Record<string, string>,
  transferRules: JSON.parse(r.transfer_rules) as TransferRules,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toParams = (c: ClusterRecord) => ({
  ...c,
  folders: JSON.stringify(c.folders),
  transferRules: JSON.stringify(c.transferRules),
});

/** Clusters and which instances belong to them (`instances.cluster_id`). */
export class ClustersRepo {
  constructor(private readonly db: Db) {}

  list(): ClusterRecord[] {
    return (this.db.prepare('SELECT * FROM clusters ORDER BY created_at, id').all() as ClusterRow[]).map(toRecord);
  }

  get(id: string): ClusterRecord | null {
    const row = this.db.prepare('SELECT * FROM clusters WHERE id = ?').get(id) as ClusterRow | undefined;
    return row ? toRecord(row) : null;
  }

  /** A cluster defined (again) under an id is no longer to be removed from any host. */
  insert(c: ClusterRecord): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO clusters (id, name, game_cluster_id, cluster_dir, folders, transfer_rules, created_at, updated_at)
           VALUES (@id, @name, @gameClusterId, @clusterDir, @folders, @transferRules, @createdAt, @updatedAt)`,
        )
        .run(toParams(c));
      this.db.prepare('DELETE FROM cluster_host_removals WHERE cluster_id = ?').run(c.id);
    })();
  }

  /** Everything but the id and the creation time: a PUT from a control plane may change the game id and folder. */
  update(c: ClusterRecord): void {
    this.db
      .prepare(
        `UPDATE clusters SET name = @name, game_cluster_id = @gameClusterId, cluster_dir = @clusterDir,
           folders = @folders, transfer_rules = @transferRules, updated_at = @updatedAt WHERE id = @id`,
      )
      .run(toParams(c));
  }

  /** Deletes a cluster here and, in the same transaction, notes the hosts whose copy of it is to be removed. */
  delete(id: string, copiesOn: readonly string[] = []): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM clusters WHERE id = ?').run(id);
      const note = this.db.prepare('INSERT OR IGNORE INTO cluster_host_removals (cluster_id, agent_id) VALUES (?, ?)');
      for (const agentId of copiesOn) note.run(id, agentId);
    })();
  }

  /** The deleted clusters whose copy this host may still hold. */
  removalsOn(agentId: string): string[] {
    const rows = this.db
      .prepare('SELECT cluster_id FROM cluster_host_removals WHERE agent_id = ? ORDER BY cluster_id')
      .all(agentId) as { cluster_id: string }[];
    return rows.map((r) => r.cluster_id);
  }

  /** The host no longer holds the copy (it deleted it, or never had one). */
  removedFrom(clusterId: string, agentId: string): void {
    this.db.prepare('DELETE FROM cluster_host_removals WHERE cluster_id = ? AND agent_id = ?').run(clusterId, agentId);
  }

  /** Instance ids of the members, oldest instance first (the order a cluster start follows). */
  members(clusterId: string): string[] {
    const rows = this.db
      .prepare('SELECT id FROM instances WHERE cluster_id = ? ORDER BY created_at, id')
      .all(clusterId) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** Instance id → cluster id of every instance in a cluster: one query for a whole list page. */
  memberships(): Map<string, string> {
    const rows = this.db.prepare('SELECT id, cluster_id FROM instances WHERE cluster_id IS NOT NULL').all() as {
      id: string;
      cluster_id: string;
    }[];
    return new Map(rows.map((r) => [r.id, r.cluster_id]));
  }

  /** The clusters with at least one member on this host. */
  clusterIdsOnAgent(agentId: string): string[] {
    const rows = this.db
      .prepare('SELECT DISTINCT cluster_id FROM instances WHERE agent_id = ? AND cluster_id IS NOT NULL')
      .all(agentId) as { cluster_id: string }[];
    return rows.map((r) => r.cluster_id);
  }

  /** The hosts at least one member runs on. */
  agentsOf(clusterId: string): string[] {
    const rows = this.db
      .prepare('SELECT DISTINCT agent_id FROM instances WHERE cluster_id = ? AND agent_id IS NOT NULL')
      .all(clusterId) as { agent_id: string }[];
    return rows.map((r) => r.agent_id);
  }

  clusterIdOf(instanceId: string): string | null {
    const row = this.db.prepare('SELECT cluster_id FROM instances WHERE id = ?').get(instanceId) as
      { cluster_id: string | null } | undefined;
    return row?.cluster_id ?? null;
  }

  setMembership(instanceId: string, clusterId: string | null): void {
    this.db.prepare('UPDATE instances SET cluster_id = ? WHERE id = ?').run(clusterId, instanceId);
  }
}

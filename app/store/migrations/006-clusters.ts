/**
 * Managed clusters (docs/clusters.md). Members share one game cluster id and one transfer folder;
 * an instance belongs to at most one cluster. A cluster with members cannot be deleted (RESTRICT):
 * its transfer folder holds players' uploads, so members leave first, on purpose.
 */
export const migration006 = {
  version: 6,
  name: 'clusters',
  sql: `
    CREATE TABLE clusters (
      id               TEXT PRIMARY KEY,
      name             TEXT NOT NULL,
      game_cluster_id  TEXT NOT NULL UNIQUE,
      cluster_dir      TEXT NOT NULL,
      transfer_rules   TEXT NOT NULL,
      created_at       TEXT NOT NULL,
      updated_at       TEXT NOT NULL
    );
    ALTER TABLE instances ADD COLUMN cluster_id TEXT REFERENCES clusters(id) ON DELETE RESTRICT;
    CREATE INDEX instances_cluster ON instances (cluster_id);
  `,
};

/**
 * Clusters deleted here whose copy a remote host may still hold (docs/clusters.md#clusters-across-hosts):
 * one row per cluster and host, removed once the host has deleted its copy (or never had one).
 */
export const migration015 = {
  version: 15,
  name: 'cluster-host-removals',
  sql: `CREATE TABLE cluster_host_removals (
    cluster_id TEXT NOT NULL,
    agent_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    PRIMARY KEY (cluster_id, agent_id)
  );
  CREATE INDEX cluster_host_removals_agent ON cluster_host_removals (agent_id);`,
};

/**
 * A cluster's folder as each host sees it (docs/clusters.md#clusters-across-hosts): agent id →
 * absolute path, as a JSON object. `{}` keeps every host on the folder under its own data root.
 */
export const migration013 = {
  version: 13,
  name: 'cluster-folders',
  sql: `ALTER TABLE clusters ADD COLUMN folders TEXT NOT NULL DEFAULT '{}';`,
};

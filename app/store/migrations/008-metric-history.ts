/**
 * CPU, memory and player history of each host (agent) and server (instance), at three
 * resolutions: raw heartbeat samples (resolution 0) for a day, then 5-minute and 1-hour buckets
 * rolled up from them for a week and for 90 days (docs/history.md). Each row holds the average and
 * the maximum of its bucket and the number of heartbeats behind it, so coarser buckets average the
 * finer ones with the right weights.
 *
 * The key starts with the resolution: the roll-up reads every raw row in order and the prune
 * deletes the oldest rows of one resolution, while a chart reads one subject's range of one
 * resolution, a seek either way. WITHOUT ROWID: the key is the row's identity and its order on
 * disk, so no second b-tree is kept. No foreign key to instances: the history of a deleted server is
 * dropped by the recorder, and a host is an agent id that may be remote.
 */
export const migration008 = {
  version: 8,
  name: 'metric-history',
  sql: `
    CREATE TABLE metric_samples (
      resolution INTEGER NOT NULL,
      subject_kind TEXT NOT NULL CHECK (subject_kind IN ('host', 'instance')),
      subject_id TEXT NOT NULL,
      bucket_start INTEGER NOT NULL,
      samples INTEGER NOT NULL,
      cpu_avg REAL,
      cpu_max REAL,
      memory_avg REAL,
      memory_max REAL,
      memory_total REAL,
      players_avg REAL,
      players_max INTEGER,
      PRIMARY KEY (resolution, subject_kind, subject_id, bucket_start)
    ) WITHOUT ROWID;
  `,
};

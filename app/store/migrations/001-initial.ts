/** Agents, builds, instances, jobs with runs, per-instance log lines and key/value settings. */
export const migration001 = {
  version: 1,
  name: 'initial',
  sql: `
    CREATE TABLE settings (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );

    CREATE TABLE agents (
      id                TEXT PRIMARY KEY,
      name              TEXT NOT NULL,
      kind              TEXT NOT NULL CHECK (kind IN ('local', 'remote')),
      status            TEXT NOT NULL CHECK (status IN ('ONLINE', 'OFFLINE')),
      hostname          TEXT NOT NULL,
      platform          TEXT NOT NULL,
      version           TEXT NOT NULL,
      registered_at     TEXT NOT NULL,
      last_heartbeat_at TEXT,
      metrics           TEXT
    );

    CREATE TABLE builds (
      build_id     TEXT PRIMARY KEY,
      install_path TEXT NOT NULL,
      installed_at TEXT NOT NULL,
      size_bytes   INTEGER NOT NULL DEFAULT 0
    );

    CREATE TABLE instances (
      id            TEXT PRIMARY KEY,
      name          TEXT NOT NULL,
      agent_id      TEXT NOT NULL REFERENCES agents(id),
      status        TEXT NOT NULL CHECK (status IN ('NOT_INSTALLED','STOPPED','STARTING','RUNNING','STOPPING','CRASHED','UPDATING')),
      build_id      TEXT REFERENCES builds(build_id) ON DELETE RESTRICT,
      install_path  TEXT,
      settings      TEXT NOT NULL,
      process       TEXT,
      created_at    TEXT NOT NULL,
      updated_at    TEXT NOT NULL
    );
    CREATE INDEX instances_created ON instances (created_at, id);

    CREATE TABLE jobs (
      id          TEXT PRIMARY KEY,
      type        TEXT NOT NULL,
      status      TEXT NOT NULL CHECK (status IN ('PENDING','RUNNING','COMPLETED','FAILED','CANCELLED')),
      instance_id TEXT REFERENCES instances(id) ON DELETE SET NULL,
      agent_id    TEXT REFERENCES agents(id),
      params      TEXT NOT NULL,
      created_at  TEXT NOT NULL,
      updated_at  TEXT NOT NULL
    );
    CREATE INDEX jobs_created ON jobs (created_at DESC, id DESC);
    CREATE INDEX jobs_status ON jobs (status);
    CREATE INDEX jobs_instance ON jobs (instance_id, created_at DESC);

    CREATE TABLE job_runs (
      id          TEXT PRIMARY KEY,
      job_id      TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
      attempt     INTEGER NOT NULL,
      status      TEXT NOT NULL CHECK (status IN ('PENDING','RUNNING','COMPLETED','FAILED','CANCELLED')),
      percent     REAL NOT NULL DEFAULT 0,
      message     TEXT NOT NULL DEFAULT '',
      started_at  TEXT,
      finished_at TEXT,
      result      TEXT,
      error       TEXT,
      UNIQUE (job_id, attempt)
    );

    CREATE TABLE log_lines (
      instance_id TEXT NOT NULL REFERENCES instances(id) ON DELETE CASCADE,
      seq         INTEGER NOT NULL,
      ts          TEXT NOT NULL,
      level       TEXT NOT NULL,
      source      TEXT NOT NULL,
      message     TEXT NOT NULL,
      PRIMARY KEY (instance_id, seq)
    ) WITHOUT ROWID;
  `,
};

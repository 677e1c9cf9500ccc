/**
 * Per-instance schedules. JSON columns hold the small structured fields (warning minutes, update
 * window, last result). A schedule goes with its instance (ON DELETE CASCADE). `skip_build_id` is
 * the build an UPDATE schedule rolled back from: it is not tried again until a newer one appears.
 */
export const migration003 = {
  version: 3,
  name: 'schedules',
  sql: `
    CREATE TABLE schedules (
      id               TEXT PRIMARY KEY,
      instance_id      TEXT NOT NULL REFERENCES instances(id) ON DELETE CASCADE,
      action           TEXT NOT NULL CHECK (action IN ('RESTART','UPDATE','BACKUP','BROADCAST','RCON')),
      cron             TEXT NOT NULL,
      timezone         TEXT NOT NULL,
      enabled          INTEGER NOT NULL CHECK (enabled IN (0, 1)),
      message          TEXT,
      command          TEXT,
      warning_minutes  TEXT,
      only_when_empty  INTEGER NOT NULL DEFAULT 0 CHECK (only_when_empty IN (0, 1)),
      update_window    TEXT,
      next_run_at      TEXT,
      last_run_at      TEXT,
      last_result      TEXT,
      skip_build_id    TEXT,
      created_at       TEXT NOT NULL,
      updated_at       TEXT NOT NULL
    );
    CREATE INDEX schedules_instance ON schedules (instance_id, created_at);
  `,
};

/**
 * Backups (one row per verified archive) and per-instance retention policies. Rows go with their
 * instance (ON DELETE CASCADE); the archive files deliberately do not: they stay under
 * <dataRoot>/backups/<instanceId>/ as the last copy of a world someone may regret deleting.
 */
export const migration002 = {
  version: 2,
  name: 'backups',
  sql: `
    CREATE TABLE backups (
      id          TEXT PRIMARY KEY,
      instance_id TEXT NOT NULL REFERENCES instances(id) ON DELETE CASCADE,
      file_name   TEXT NOT NULL,
      file_path   TEXT NOT NULL,
      size_bytes  INTEGER NOT NULL CHECK (size_bytes >= 0),
      created_at  TEXT NOT NULL,
      kind        TEXT NOT NULL CHECK (kind IN ('manual','scheduled','pre-update','pre-restore')),
      entries     INTEGER NOT NULL CHECK (entries >= 0),
      map         TEXT NOT NULL,
      verified    INTEGER NOT NULL CHECK (verified IN (0, 1)),
      note        TEXT,
      UNIQUE (instance_id, file_name)
    );
    CREATE INDEX backups_instance_created ON backups (instance_id, created_at DESC, id DESC);

    CREATE TABLE backup_policies (
      instance_id     TEXT PRIMARY KEY REFERENCES instances(id) ON DELETE CASCADE,
      keep_count      INTEGER NOT NULL CHECK (keep_count >= 1),
      max_age_days    REAL CHECK (max_age_days IS NULL OR max_age_days > 0),
      max_total_bytes INTEGER CHECK (max_total_bytes IS NULL OR max_total_bytes >= 1),
      updated_at      TEXT NOT NULL
    );
  `,
};

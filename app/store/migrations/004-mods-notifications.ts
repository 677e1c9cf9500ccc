/**
 * CurseForge: the cached mod details, the API key the user supplied (a secret: kept here, out of
 * the general settings so no settings read can return it), and the mod files already announced
 * per instance (so the periodic check tells about each new file once). Notifications: Discord
 * webhook targets with their event and instance filters.
 */
export const migration004 = {
  version: 4,
  name: 'mods-notifications',
  sql: `
    CREATE TABLE curseforge_mods (
      mod_id           TEXT PRIMARY KEY,
      known            INTEGER NOT NULL CHECK (known IN (0, 1)),
      name             TEXT,
      summary          TEXT,
      authors          TEXT NOT NULL DEFAULT '[]',
      logo_url         TEXT,
      website_url      TEXT,
      latest_file_id   TEXT,
      latest_file_name TEXT,
      latest_file_date TEXT,
      fetched_at       TEXT NOT NULL
    );

    CREATE TABLE curseforge_api_key (
      id         INTEGER PRIMARY KEY CHECK (id = 1),
      api_key    TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );

    CREATE TABLE mod_update_notices (
      instance_id TEXT NOT NULL REFERENCES instances(id) ON DELETE CASCADE,
      mod_id      TEXT NOT NULL,
      file_id     TEXT NOT NULL,
      noticed_at  TEXT NOT NULL,
      PRIMARY KEY (instance_id, mod_id)
    );

    CREATE TABLE notification_targets (
      id           TEXT PRIMARY KEY,
      name         TEXT NOT NULL,
      type         TEXT NOT NULL CHECK (type IN ('discord')),
      webhook_url  TEXT NOT NULL,
      events       TEXT NOT NULL,
      instance_ids TEXT,
      enabled      INTEGER NOT NULL CHECK (enabled IN (0, 1)),
      created_at   TEXT NOT NULL,
      updated_at   TEXT NOT NULL
    );
    CREATE INDEX notification_targets_created ON notification_targets (created_at, id);
  `,
};

import type { ModInfo } from '@ark-asa/contracts';
import type { Db } from './database.ts';

interface ModRow {
  mod_id: string;
  known: number;
  name: string | null;
  summary: string | null;
  authors: string;
  logo_url: string | null;
  website_url: string | null;
  latest_file_id: string | null;
  latest_file_name: string | null;
  latest_file_date: string | null;
  current_file_ids: string;
  fetched_at: string;
}

const toInfo = (r: ModRow): ModInfo => ({
  modId: r.mod_id,
  name: r.name,
  summary: r.summary,
  authors: JSON.parse(r.authors) as string[],
  logoUrl: r.logo_url,
  websiteUrl: r.website_url,
  latestFileId: r.latest_file_id,
  latestFileName: r.latest_file_name,
  latestFileDate: r.latest_file_date,
  currentFileIds: JSON.parse(r.current_file_ids) as string[],
  fetchedAt: r.fetched_at,
  unknown: r.known === 0,
});

export interface StoredApiKey {
  apiKey: string;
  updatedAt: string;
}

/** The CurseForge cache, the user's API key and the mod files already announced per instance. */
export class ModsRepo {
  constructor(private readonly db: Db) {}

  getMany(modIds: readonly string[]): Map<string, ModInfo> {
    const found = new Map<string, ModInfo>();
    if (!modIds.length) return found;
    // json_each keeps it one statement whatever the number of ids (SQLite caps bound parameters).
    const rows = this.db
      .prepare('SELECT * FROM curseforge_mods WHERE mod_id IN (SELECT value FROM json_each(?))')
      .all(JSON.stringify(modIds)) as ModRow[];
    for (const row of rows) found.set(row.mod_id, toInfo(row));
    return found;
  }

  upsertMany(infos: readonly ModInfo[]): void {
    const upsert = this.db.prepare(
      `INSERT INTO curseforge_mods (mod_id, known, name, summary, authors, logo_url, website_url,
         latest_file_id, latest_file_name, latest_file_date, current_file_ids, fetched_at)
       VALUES (@modId, @known, @name, @summary, @authors, @logoUrl, @websiteUrl,
         @latestFileId, @latestFileName, @latestFileDate, @currentFileIds, @fetchedAt)
       ON CONFLICT (mod_id) DO UPDATE SET known = excluded.known, name = excluded.name, summary = excluded.summary,
         authors = excluded.authors, logo_url = excluded.logo_url, website_url = excluded.website_url,
         latest_file_id = excluded.latest_file_id, latest_file_name = excluded.latest_file_name,
         latest_file_date = excluded.latest_file_date, current_file_ids = excluded.current_file_ids,
         fetched_at = excluded.fetched_at`,
    );
    this.db.transaction(() => {
      for (const i of infos) {
        upsert.run({
          ...i,
          known: i.unknown ? 0 : 1,
          authors: JSON.stringify(i.authors),
          currentFileIds: JSON.stringify(i.currentFileIds ?? []),
          fetchedAt: i.fetchedAt ?? new Date(0).toISOString(),
        });
      }
    })();
  }

  apiKey(): StoredApiKey | null {
    const row = this.db.prepare('SELECT api_key, updated_at FROM curseforge_api_key WHERE id = 1').get() as
      { api_key: string; updated_at: string } | undefined;
    return row ? { apiKey: row.api_key, updatedAt: row.updated_at } : null;
  }

  setApiKey(apiKey: string | null, updatedAt: string): void {
    if (apiKey === null) {
      this.db.prepare('DELETE FROM curseforge_api_key WHERE id = 1').run();
      return;
    }
    this.db
      .prepare(
        `INSERT INTO curseforge_api_key (id, api_key, updated_at) VALUES (1, ?, ?)
         ON CONFLICT (id) DO UPDATE SET api_key = excluded.api_key, updated_at = excluded.updated_at`,
      )
      .run(apiKey, updatedAt);
  }

  /** The newest file already announced for this mod of this instance, if any. */
  noticedFile(instanceId: string, modId: string): string | null {
    const row = this.db
      .prepare('SELECT file_id FROM mod_update_notices WHERE instance_id = ? AND mod_id = ?')
      .get(instanceId, modId) as { file_id: string } | undefined;
    return row?.file_id ?? null;
  }

  recordNotice(instanceId: string, modId: string, fileId: string, noticedAt: string): void {
    this.db
      .prepare(
        `INSERT INTO mod_update_notices (instance_id, mod_id, file_id, noticed_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (instance_id, mod_id) DO UPDATE SET file_id = excluded.file_id, noticed_at = excluded.noticed_at`,
      )
      .run(instanceId, modId, fileId, noticedAt);
  }
}

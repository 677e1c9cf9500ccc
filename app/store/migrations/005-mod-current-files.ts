/**
 * Every file CurseForge lists as current for a mod (main file, latest files and their index), not
 * only the main one: an ASA server can install a sibling of the main file (docs/ark-facts.md#mods-on-disk),
 * and that mod is current, not outdated. Rows cached before this have none until the next fetch.
 */
export const migration005 = {
  version: 5,
  name: 'mod-current-files',
  sql: `ALTER TABLE curseforge_mods ADD COLUMN current_file_ids TEXT NOT NULL DEFAULT '[]';`,
};

import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { assertManagerDatabase } from './database-file-check.ts';
import { migrate } from './migrate.ts';
import { MIGRATIONS } from './migrations/index.ts';
import { cacheStatements } from './statement-cache.ts';

export type Db = Database.Database;

export const DATABASE_FILE = 'manager.db';

/**
 * Opens (creating when needed) the one SQLite file of the control plane.
 * WAL lets readers run while a writer commits; synchronous=FULL makes every commit durable before
 * we tell a client it happened (better-sqlite3 defaults WAL to NORMAL, which can lose the last
 * commits on power loss); foreign keys are per-connection and off by default in SQLite.
 */
export function openDatabase(dataDir: string): Db {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, DATABASE_FILE);
  assertManagerDatabase(file);
  const db = new Database(file, { timeout: 5000 });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS);
  cacheStatements(db);
  return db;
}

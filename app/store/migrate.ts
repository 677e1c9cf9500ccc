import { ErrorCode } from '@ark-asa/contracts';
import { AppError } from '../domain/app-error.ts';
import type { Db } from './database.ts';
import type { Migration } from './migrations/index.ts';

/**
 * Applies the migrations the database has not seen, each in its own transaction together with its
 * record in schema_migrations and PRAGMA user_version, so a crash leaves either the old or the new
 * schema, never half of one. A database written by a newer version is refused rather than guessed at.
 */
export function migrate(db: Db, migrations: Migration[]): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  if (current > latest) {
    throw new AppError(
      ErrorCode.CONFLICT,
      `The database is at schema version ${current}, newer than this manager knows (${latest}). Update the manager or use another data directory.`,
    );
  }
  const applied: number[] = [];
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        m.version,
        m.name,
        new Date().toISOString(),
      );
      db.pragma(`user_version = ${m.version}`);
    })();
    applied.push(m.version);
  }
  return applied;
}

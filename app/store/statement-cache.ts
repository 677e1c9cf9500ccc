import type Database from 'better-sqlite3';

/** More distinct SQL texts than the repositories have; the bound only matters for SQL built with literals. */
const MAX_STATEMENTS = 256;

/**
 * Makes `db.prepare` return the statement already compiled for the same SQL text. Repositories
 * call `prepare` on every read, and compiling is the costliest step of a small query: profiling a
 * list route put `prepare` first, ahead of the query itself and of writing the response. A cached
 * statement is reused only when it is not busy (an unfinished `iterate()`); SQLite re-prepares it by
 * itself after a schema change. Least recently used texts go first once the bound is reached.
 */
export function cacheStatements(db: Database.Database): void {
  const prepare = db.prepare.bind(db);
  const cache = new Map<string, Database.Statement>();
  db.prepare = ((sql: string) => {
    const cached = cache.get(sql);
    if (cached && !cached.busy) {
      cache.delete(sql);
      cache.set(sql, cached);
      return cached;
    }
    const stmt = prepare(sql);
    cache.set(sql, stmt);
    if (cache.size > MAX_STATEMENTS) cache.delete(cache.keys().next().value!);
    return stmt;
  }) as Database.Database['prepare'];
}

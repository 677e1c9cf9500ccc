import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cacheStatements } from './statement-cache.ts';

function db(): Database.Database {
  const d = new Database(':memory:');
  cacheStatements(d);
  d.exec('CREATE TABLE t (x INTEGER)');
  d.prepare('INSERT INTO t (x) VALUES (?), (?), (?)').run(1, 2, 3);
  return d;
}

describe('statement cache', () => {
  it('gives back the statement compiled for the same SQL, with new parameters each time', () => {
    const d = db();
    const sql = 'SELECT x FROM t WHERE x >= ? ORDER BY x';
    expect(d.prepare(sql)).toBe(d.prepare(sql));
    expect(d.prepare(sql).all(2)).toEqual([{ x: 2 }, { x: 3 }]);
    expect(d.prepare(sql).all(3)).toEqual([{ x: 3 }]);
  });

  it('compiles a second statement while the first is still iterating', () => {
    const d = db();
    const sql = 'SELECT x FROM t ORDER BY x';
    const seen: number[] = [];
    for (const row of d.prepare(sql).iterate() as IterableIterator<{ x: number }>) {
      seen.push(row.x, (d.prepare(sql).all() as { x: number }[]).length);
    }
    expect(seen).toEqual([1, 3, 2, 3, 3, 3]);
  });

  it('answers from the new schema after a migration', () => {
    const d = db();
    expect(d.prepare('SELECT * FROM t LIMIT 1').get()).toEqual({ x: 1 });
    d.exec("ALTER TABLE t ADD COLUMN y TEXT NOT NULL DEFAULT 'new'");
    expect(d.prepare('SELECT * FROM t LIMIT 1').get()).toEqual({ x: 1, y: 'new' });
  });
});

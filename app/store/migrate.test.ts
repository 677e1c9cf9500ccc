import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './database.ts';
import { migrate } from './migrate.ts';
import { MIGRATIONS } from './migrations/index.ts';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'ark-db-'));

describe('migrations', () => {
  it('build the whole schema from an empty database and record each migration', () => {
    const db = openDatabase(tmp());
    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]
    ).map((t) => t.name);
    expect(tables).toEqual(
      expect.arrayContaining([
        'agents',
        'builds',
        'instances',
        'job_runs',
        'jobs',
        'log_lines',
        'schema_migrations',
        'settings',
      ]),
    );
    const recorded = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    expect(recorded).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('apply nothing the second time and keep the data', () => {
    const dir = tmp();
    const first = openDatabase(dir);
    first.prepare("INSERT INTO settings (key, value) VALUES ('k', '1')").run();
    first.close();
    const again = openDatabase(dir);
    expect(migrate(again, MIGRATIONS)).toEqual([]);
    expect(again.prepare("SELECT value FROM settings WHERE key = 'k'").get()).toEqual({ value: '1' });
    again.close();
  });

  it('apply only the new migrations, in order, each with its record', () => {
    const db = new Database(path.join(tmp(), 'x.db'));
    migrate(db, [{ version: 1, name: 'one', sql: 'CREATE TABLE a (x)' }]);
    const applied = migrate(db, [
      { version: 3, name: 'three', sql: 'ALTER TABLE a ADD COLUMN z' },
      { version: 1, name: 'one', sql: 'CREATE TABLE a (x)' },
      { version: 2, name: 'two', sql: 'ALTER TABLE a ADD COLUMN y' },
    ]);
    expect(applied).toEqual([2, 3]);
    expect(db.pragma('user_version', { simple: true })).toBe(3);
  });

  it('roll back a failing migration completely', () => {
    const db = new Database(path.join(tmp(), 'x.db'));
    expect(() =>
      migrate(db, [{ version: 1, name: 'bad', sql: 'CREATE TABLE a (x); INSERT INTO nope VALUES (1);' }]),
    ).toThrow();
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'a'").get()).toBeUndefined();
    expect(db.pragma('user_version', { simple: true })).toBe(0);
  });

  it('refuse a database written by a newer version', () => {
    const db = new Database(path.join(tmp(), 'x.db'));
    db.pragma('user_version = 99');
    expect(() => migrate(db, MIGRATIONS)).toThrow(/newer than this manager knows/);
  });
});

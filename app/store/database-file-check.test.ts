import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase, DATABASE_FILE } from './database.ts';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'ark-dbcheck-'));
const refusal = (file: string) =>
  `${file} is not an ARK ASA Server Manager database (the file is empty); move it away or choose another --data-dir`;

describe('openDatabase on a file the manager did not write', () => {
  it('refuses an empty manager.db and leaves it as it was', () => {
    const dir = tmp();
    const file = path.join(dir, DATABASE_FILE);
    fs.writeFileSync(file, '');
    expect(() => openDatabase(dir)).toThrow(/\(the file is empty\)/);
    expect(() => openDatabase(dir)).toThrow(refusal(file));
    expect(fs.statSync(file).size).toBe(0);
    expect(fs.readdirSync(dir)).toEqual([DATABASE_FILE]);
  });

  it('refuses a file that is not SQLite, never overwriting it', () => {
    const dir = tmp();
    const file = path.join(dir, DATABASE_FILE);
    fs.writeFileSync(file, 'my tax return 2025\n'.repeat(500));
    expect(() => openDatabase(dir)).toThrow(/\(not an SQLite database\)/);
    expect(fs.readFileSync(file, 'utf8')).toBe('my tax return 2025\n'.repeat(500));
  });

  it('refuses the SQLite database of another program (tables, no schema_migrations)', () => {
    const dir = tmp();
    const file = path.join(dir, DATABASE_FILE);
    const other = new Database(file);
    other.exec('CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)');
    other.close();
    const before = fs.readFileSync(file);
    expect(() => openDatabase(dir)).toThrow(/another program, with tables moz_places/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('opens a new data directory, its own database again, and an SQLite file without tables', () => {
    const dir = tmp();
    openDatabase(dir).close();
    const db = openDatabase(dir);
    expect(db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get()).toMatchObject({ n: expect.any(Number) });
    db.close();
    const bare = tmp();
    new Database(path.join(bare, DATABASE_FILE)).pragma('user_version = 0');
    openDatabase(bare).close();
  });
});

import fs from 'node:fs';
import Database from 'better-sqlite3';
import { ErrorCode } from '@ark-asa/contracts';
import { AppError } from '../domain/app-error.ts';

/** The first 16 bytes of every SQLite 3 database file (https://www.sqlite.org/fileformat.html). */
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

function refuse(file: string, why: string): AppError {
  return new AppError(
    ErrorCode.CONFLICT,
    `${file} is not an ARK ASA Server Manager database (${why}); move it away or choose another --data-dir`,
  );
}

function readHeader(file: string): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(SQLITE_HEADER.length);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}

/** Table names of an SQLite file, read without writing to it (no journal mode change, no migration). */
function tableNames(file: string): string[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
    return rows.map((r) => r.name);
  } finally {
    db.close();
  }
}

/**
 * Refuses a database file the manager did not write, before anything opens it for writing: SQLite
 * would treat an empty file as a new database and migrate into it, and write its WAL header over a
 * file of another program. An existing file is someone's data: it is never overwritten.
 * A missing file is fine (a new data directory), and so is an SQLite file without tables (ours,
 * interrupted before the first migration committed).
 */
export function assertManagerDatabase(file: string): void {
  const st = fs.statSync(file, { throwIfNoEntry: false });
  if (!st) return;
  if (!st.isFile()) throw refuse(file, 'it is not a file');
  // A 0-byte file with a -wal beside it may hold committed pages SQLite has not checkpointed yet.
  if (st.size === 0 && !fs.existsSync(`${file}-wal`)) throw refuse(file, 'the file is empty');
  if (st.size > 0 && !readHeader(file).equals(SQLITE_HEADER)) throw refuse(file, 'not an SQLite database');
  let tables: string[];
  try {
    tables = tableNames(file);
  } catch (err) {
    throw refuse(file, `SQLite cannot read it: ${(err as Error).message}`);
  }
  if (tables.length > 0 && !tables.includes('schema_migrations')) {
    throw refuse(
      file,
      `an SQLite database of another program, with tables ${tables.slice(0, 3).join(', ')}${tables.length > 3 ? ', …' : ''}`,
    );
  }
}

// Checks run before anything is written to the data directory, so an unusable one ends in one
// line a user can act on ("Cannot start: …") instead of a stack trace from deep inside a library.
import fs from 'node:fs';
import path from 'node:path';
import { ErrorCode } from '@ark-asa/contracts';
import { AppError } from './domain/app-error.ts';

/** Only what this module needs of node:fs, so tests can inject EACCES or EROFS without a read-only mount. */
export interface DataDirFs {
  mkdirSync(dir: string): unknown;
  writeFileSync(file: string, data: string): void;
  rmSync(file: string, opts: { force: true }): void;
  statSync(p: string, opts: { throwIfNoEntry: false }): fs.Stats | undefined;
}

const NOT_WRITABLE = new Set(['EACCES', 'EPERM', 'EROFS']);

function cannotStart(message: string, cause: unknown): AppError {
  return new AppError(ErrorCode.FILESYSTEM, message, undefined, { cause });
}

/** The nearest existing path at or above `dir`, and whether it is something other than a directory. */
function nearestExisting(dir: string, nodeFs: DataDirFs): { path: string; isFile: boolean } {
  for (let p = path.resolve(dir); ; p = path.dirname(p)) {
    const st = nodeFs.statSync(p, { throwIfNoEntry: false });
    if (st) return { path: p, isFile: !st.isDirectory() };
    if (path.dirname(p) === p) return { path: p, isFile: false };
  }
}

/** Why `dir` cannot be used, from the error an attempt to create or write in it raised. */
function explain(dir: string, err: unknown, nodeFs: DataDirFs, creating: boolean): AppError {
  const code = (err as NodeJS.ErrnoException).code ?? '';
  const found = nearestExisting(dir, nodeFs);
  const self = found.path === path.resolve(dir);
  if (found.isFile && self) return cannotStart(`the data directory ${dir} is a file, not a directory`, err);
  if (found.isFile) return cannotStart(`the data directory ${dir} cannot be created: ${found.path} is a file`, err);
  if (NOT_WRITABLE.has(code)) {
    const what = `is not writable${code === 'EROFS' ? ' (read-only file system)' : ''}`;
    if (self) return cannotStart(`the data directory ${dir} ${what}`, err);
    return cannotStart(`the data directory ${dir} cannot be created: ${found.path} ${what}`, err);
  }
  const reason = err instanceof Error ? err.message : String(err);
  return cannotStart(`the data directory ${dir} cannot be ${creating ? 'created' : 'written'}: ${reason}`, err);
}

/**
 * `mkdir -p`, one level at a time from the nearest existing folder. Not `{ recursive: true }`: under
 * a parent that exists but cannot hold folders (`/proc`, a dangling symlink) Node's recursive mkdir
 * steps back and forth forever at full CPU — `npm run agent -- --data-dir /proc/x` never answered.
 * Here the first level that cannot be made throws its own error.
 */
function makeDirs(dir: string, nodeFs: DataDirFs): void {
  const missing: string[] = [];
  for (let p = path.resolve(dir); !nodeFs.statSync(p, { throwIfNoEntry: false }); p = path.dirname(p)) {
    missing.unshift(p);
    if (path.dirname(p) === p) break;
  }
  for (const p of missing) {
    try {
      nodeFs.mkdirSync(p);
    } catch (err) {
      // Made meanwhile by someone else: fine, if it is a folder now.
      const made = (err as NodeJS.ErrnoException).code === 'EEXIST' && nodeFs.statSync(p, { throwIfNoEntry: false });
      if (!made || !made.isDirectory()) throw err;
    }
  }
}

/**
 * Creates the data directory when needed and proves it writable by writing a probe file (an access
 * check would say yes to root on a read-only bind mount and to a folder an ACL denies).
 */
export function prepareDataDir(dir: string, nodeFs: DataDirFs = fs): void {
  try {
    makeDirs(dir, nodeFs);
  } catch (err) {
    throw explain(dir, err, nodeFs, true);
  }
  const probe = path.join(dir, `.write-test-${process.pid}`);
  try {
    nodeFs.writeFileSync(probe, '');
    nodeFs.rmSync(probe, { force: true });
  } catch (err) {
    throw explain(dir, err, nodeFs, false);
  }
}

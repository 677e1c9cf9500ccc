import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareDataDir, type DataDirFs } from './data-dir-check.ts';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'ark-datadir-'));
const errno = (code: string) => Object.assign(new Error(`${code}: simulated`), { code });

/** The real fs, with one operation failing as a read-only mount or a denied folder would. */
function failing(op: 'mkdirSync' | 'writeFileSync', code: string): DataDirFs {
  return {
    mkdirSync:
      op === 'mkdirSync'
        ? () => {
            throw errno(code);
          }
        : (d) => fs.mkdirSync(d),
    writeFileSync:
      op === 'writeFileSync'
        ? () => {
            throw errno(code);
          }
        : (f, d) => fs.writeFileSync(f, d),
    rmSync: (f, o) => fs.rmSync(f, o),
    statSync: (p, o) => fs.statSync(p, o),
  };
}

describe('prepareDataDir', () => {
  it('creates a missing data directory and leaves no probe file behind', () => {
    const dir = path.join(tmp(), 'a', 'b');
    prepareDataDir(dir);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('names the file that stands where a parent folder should be', () => {
    const file = path.join(tmp(), 'passwd');
    fs.writeFileSync(file, 'root:x:0:0');
    expect(() => prepareDataDir(path.join(file, 'x'))).toThrow(
      `the data directory ${path.join(file, 'x')} cannot be created: ${file} is a file`,
    );
    expect(() => prepareDataDir(file)).toThrow(`the data directory ${file} is a file, not a directory`);
  });

  it.each(['EACCES', 'EPERM', 'EROFS'])('says an existing folder is not writable (%s)', (code) => {
    const dir = tmp();
    expect(() => prepareDataDir(dir, failing('writeFileSync', code))).toThrow(
      new RegExp(`^the data directory ${dir} is not writable`),
    );
  });

  it('says which existing parent is not writable when the folder cannot be created', () => {
    const parent = tmp();
    const dir = path.join(parent, 'new', 'data');
    expect(() => prepareDataDir(dir, failing('mkdirSync', 'EROFS'))).toThrow(
      `the data directory ${dir} cannot be created: ${parent} is not writable (read-only file system)`,
    );
  });

  it.runIf(process.platform === 'linux')('refuses a folder under /proc at once instead of spinning', () => {
    // Node's recursive mkdir loops forever here (a parent that exists but cannot hold folders).
    expect(() => prepareDataDir('/proc/ark-no-such/data')).toThrow(
      /^the data directory \/proc\/ark-no-such\/data cannot be created/,
    );
  });

  it.runIf(process.platform !== 'win32')('refuses a dangling symlink in the way', () => {
    const parent = tmp();
    fs.symlinkSync(path.join(parent, 'gone'), path.join(parent, 'link'));
    expect(() => prepareDataDir(path.join(parent, 'link', 'data'))).toThrow(/cannot be created/);
  });

  it.runIf(process.platform !== 'win32' && process.getuid?.() !== 0)(
    'refuses a real read-only folder (chmod 0555, as a non-root user)',
    () => {
      const dir = tmp();
      fs.chmodSync(dir, 0o555);
      try {
        expect(() => prepareDataDir(dir)).toThrow(`the data directory ${dir} is not writable`);
      } finally {
        fs.chmodSync(dir, 0o755);
      }
    },
  );
});

import { describe, expect, it } from 'vitest';
import { duplicateName, unsafeEntry, unsafeEntryName } from './backup-entry-safety.ts';

const UNIX = 3 << 8;
const DOS = 0;
const mode = (m: number) => (m << 16) >>> 0;

describe('unsafeEntryName', () => {
  it.each([
    'SavedArks/TheIsland_WP/TheIsland_WP.ark',
    'SavedArks/TheIsland_WP/0002214a4a6742d9a347bd449b2dc143.arkprofile',
    'Config/WindowsServer/Game.ini',
    'asa-backup-manifest.json',
    'SavedArks/',
    'a..b/c.d',
  ])('accepts %s', (name) => expect(unsafeEntryName(name)).toBeNull());

  it.each([
    ['', /empty/],
    ['../evil', /\.\./],
    ['SavedArks/../../evil', /\.\./],
    ['SavedArks/TheIsland_WP/..', /\.\./],
    ['/abs/path', /absolute/],
    ['//server/share/x', /absolute/],
    ['\\\\server\\share\\x', /backslash/],
    ['C:\\Windows\\x', /backslash/],
    ['C:/Windows/x', /drive/],
    ['C:x', /drive/],
    ['..\\evil', /backslash/],
    ['SavedArks\\x.ark', /backslash/],
    ['./x', /"\."/],
    ['a//b', /empty path segment/],
    ['SavedArks/CON', /device/],
    ['SavedArks/nul.ark', /device/],
    ['lpt1.txt', /device/],
    ['COM¹', /device/],
    ['x.ark:stream', /not allowed/],
    ['x?.ark', /not allowed/],
    ['x\u0000.ark', /not allowed/],
    ['name.', /dot or a space/],
    ['name /x', /dot or a space/],
    ['a'.repeat(300), /too long/],
  ])('refuses %j', (name, reason) => expect(unsafeEntryName(name)).toMatch(reason));
});

describe('unsafeEntry', () => {
  const entry = (versionMadeBy: number, externalFileAttributes: number, name = 'x.ark', generalPurposeBitFlag = 0) => ({
    name,
    versionMadeBy,
    externalFileAttributes,
    generalPurposeBitFlag,
  });

  it('accepts regular files and directories from Unix and DOS hosts', () => {
    expect(unsafeEntry(entry(UNIX | 20, mode(0o100644)))).toBeNull();
    expect(unsafeEntry(entry(UNIX | 20, mode(0o040755), 'dir/'))).toBeNull();
    expect(unsafeEntry(entry(DOS | 20, 0x20))).toBeNull();
    expect(unsafeEntry(entry(DOS | 20, 0x10, 'dir/'))).toBeNull();
  });

  it('refuses symbolic links, devices, pipes and sockets by their Unix mode', () => {
    expect(unsafeEntry(entry(UNIX | 20, mode(0o120777)))).toMatch(/symbolic link/);
    expect(unsafeEntry(entry(UNIX | 20, mode(0o020644)))).toMatch(/special/);
    expect(unsafeEntry(entry(UNIX | 20, mode(0o060644)))).toMatch(/special/);
    expect(unsafeEntry(entry(UNIX | 20, mode(0o010644)))).toMatch(/special/);
    expect(unsafeEntry(entry(UNIX | 20, mode(0o140644)))).toMatch(/special/);
  });

  it('refuses Windows reparse points (links, junctions) and encrypted entries', () => {
    expect(unsafeEntry(entry(DOS | 20, 0x400 | 0x20))).toMatch(/reparse/);
    expect(unsafeEntry(entry(UNIX | 20, mode(0o100644), 'x.ark', 1))).toMatch(/encrypted/);
  });

  it('checks the name first', () => {
    expect(unsafeEntry(entry(UNIX | 20, mode(0o100644), '../x'))).toMatch(/\.\./);
  });
});

describe('duplicateName', () => {
  it('finds names Windows would treat as the same file', () => {
    expect(duplicateName(['a/B.ark', 'a/b.ark'])).toBe('a/b.ark');
    expect(duplicateName(['dir/', 'DIR'])).toBe('DIR');
    expect(duplicateName(['a.ark', 'b.ark'])).toBeNull();
  });
});

import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ZipArchive } from 'archiver';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../domain/app-error.ts';
import { backupFixture, noJob, savedDir, type Fixture } from './test-fixtures.ts';
import { craftZip, snapshot, type CraftedEntry } from './test-zip.ts';

/**
 * Issue §8: "restore refuses a zip-slip archive". Each hostile archive is registered as a backup
 * of the instance (as if someone had replaced the file on disk) and restored: the restore must
 * fail with unsafe-archive before writing anything — no file outside, no file inside, no safety
 * backup, no work folder.
 */
let f: Fixture;
beforeEach(() => (f = backupFixture('ark-zipslip')));
afterEach(() => f.close());

const manifest = (instanceId: string, files: { name: string; sizeBytes: number }[] = []) =>
  JSON.stringify({
    format: 1,
    backupId: randomUUID(),
    instanceId,
    kind: 'manual',
    createdAt: '2026-01-01T00:00:00.000Z',
    map: 'TheIsland_WP',
    saveDir: 'SavedArks',
    files,
  });

function register(instanceId: string, zip: Buffer): string {
  const id = randomUUID();
  const file = path.join(f.dir, `${id}.zip`);
  fs.writeFileSync(file, zip);
  f.repo.insert({
    id,
    instanceId,
    fileName: `${id}.zip`,
    filePath: file,
    sizeBytes: zip.length,
    createdAt: '2026-01-01T00:00:00.000Z',
    kind: 'manual',
    entries: 2,
    map: 'TheIsland_WP',
    verified: true,
    note: null,
  });
  return id;
}

async function expectRefused(instanceId: string, backupId: string, reason: RegExp): Promise<void> {
  const inst = f.store.instances.get(instanceId)!;
  const before = snapshot(path.dirname(f.dataRoot));
  const err = await f.manager.restore(instanceId, backupId, noJob()).then(
    () => null,
    (e: unknown) => e,
  );
  expect(isAppError(err) && err.code).toBe('unsafe-archive');
  expect((err as Error).message).toMatch(reason);
  expect(snapshot(path.dirname(f.dataRoot))).toEqual(before);
  expect(fs.readdirSync(savedDir(inst.installPath!)).filter((n) => n.startsWith('.restore-'))).toEqual([]);
  expect(f.repo.listAll(instanceId)).toHaveLength(1); // only the hostile one: no safety backup was taken
}

const evil = (name: string, extra: Partial<CraftedEntry> = {}): CraftedEntry => ({ name, data: 'pwned', ...extra });

describe('restore refuses unsafe archives and changes nothing', () => {
  it.each([
    ['a ../ path', evil('../evil'), /"\.\."/],
    ['a ../ path inside the save folder', evil('SavedArks/TheIsland_WP/../../../../evil.arkprofile'), /"\.\."/],
    ['an absolute path', evil('/tmp/evil'), /absolute/],
    ['a Windows drive path with backslashes', evil('C:\\Windows\\evil.dll'), /backslash/],
    ['a Windows drive path with slashes', evil('C:/Windows/evil.dll'), /drive letter/],
    ['a UNC path', evil('\\\\server\\share\\evil'), /backslash/],
    ['a ..\\ path', evil('..\\evil'), /backslash/],
    [
      'a symlink entry',
      evil('SavedArks/TheIsland_WP/link.arkprofile', { data: '/etc/passwd', unixMode: 0o120777 }),
      /symbolic link/,
    ],
    ['a Windows reparse point', evil('SavedArks/TheIsland_WP/j.arkprofile', { dosAttributes: 0x400 }), /reparse point/],
    ['a device name', evil('SavedArks/TheIsland_WP/CON.arkprofile'), /device name/],
    ['an alternate data stream', evil('SavedArks/TheIsland_WP/x.arkprofile:hidden'), /not allowed/],
    ['a file outside the save set', evil('ShooterGame/Binaries/Win64/evil.dll'), /not part of a save backup/],
    ['another map’s folder', evil('SavedArks/Other_WP/Other_WP.ark'), /not part of a save backup/],
  ])('%s', async (_what, entry, reason) => {
    const inst = f.addInstance();
    const id = register(inst.id, craftZip([{ name: 'asa-backup-manifest.json', data: manifest(inst.id) }, entry]));
    await expectRefused(inst.id, id, reason);
  });

  it('two entries that are one file on Windows', async () => {
    const inst = f.addInstance();
    const id = register(
      inst.id,
      craftZip([
        { name: 'asa-backup-manifest.json', data: manifest(inst.id) },
        evil('SavedArks/TheIsland_WP/TheIsland_WP.ark'),
        evil('SavedArks/TheIsland_WP/theisland_wp.ARK'),
      ]),
    );
    await expectRefused(inst.id, id, /twice/);
  });

  it('an archive without the manager’s manifest', async () => {
    const inst = f.addInstance();
    const id = register(inst.id, craftZip([evil('SavedArks/TheIsland_WP/TheIsland_WP.ark')]));
    await expectRefused(inst.id, id, /not a backup made by the manager/);
  });

  it('a symlink entry written by archiver itself', async () => {
    const inst = f.addInstance();
    const file = path.join(f.dir, 'archiver-symlink.zip');
    const archive = new ZipArchive({ zlib: { level: 1 } });
    const done = pipeline(archive, fs.createWriteStream(file));
    archive.append(manifest(inst.id), { name: 'asa-backup-manifest.json' });
    archive.symlink('SavedArks/TheIsland_WP/TheIsland_WP.ark', '../../../../../../etc/passwd');
    await Promise.all([archive.finalize(), done]);
    const id = register(inst.id, fs.readFileSync(file));
    fs.rmSync(file);
    await expectRefused(inst.id, id, /symbolic link/);
  });

  it('refuses to write through a save folder that is a link, before touching anything', async () => {
    const inst = f.addInstance();
    const { backup } = await f.manager.take(inst.id, { kind: 'manual' }, noJob());
    const outside = path.join(f.dir, 'outside');
    fs.mkdirSync(outside);
    const mapDir = path.join(savedDir(inst.installPath!), 'SavedArks', 'TheIsland_WP');
    fs.rmSync(mapDir, { recursive: true });
    fs.symlinkSync(outside, mapDir, 'junction');
    const before = snapshot(path.dirname(f.dataRoot));
    const err = await f.manager.restore(inst.id, backup.id, noJob()).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isAppError(err) && err.code).toBe('filesystem-error');
    expect(fs.readdirSync(outside)).toEqual([]);
    expect(snapshot(path.dirname(f.dataRoot))).toEqual(before);
    expect(f.repo.listAll(inst.id)).toHaveLength(1);
  });
});

import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HardLinker, type LinkFs } from './file-linker.ts';
import type { InstanceLayout } from './instance-layout.ts';
import { statBig } from './link-tree.ts';
import { BUILD_A, CONFIG, EXE, instanceRecord, makeBuild, makeLayout, tempDir, writeTree } from './test-fixtures.ts';

const WIN64 = path.join('ShooterGame', 'Binaries', 'Win64');
const DLL = path.join(WIN64, 'steam_api64.dll');
const PAK = path.join('ShooterGame', 'Content', 'Paks', 'ShooterGame-WindowsServer.pak');
const DROPPED = path.join('ShooterGame', 'Content', 'Old', 'removed-in-b.uasset');
const ADDED = path.join('ShooterGame', 'Content', 'New', 'added-in-b.uasset');
const THIRD_PARTY = path.join('Engine', 'Binaries', 'ThirdParty', 'lib.dll');

/** Build B: new exe and pak, one file dropped (its directory with it), one added. */
const BUILD_B: Record<string, string> = {
  ...Object.fromEntries(Object.entries(BUILD_A).filter(([rel]) => rel !== DROPPED)),
  [EXE]: 'MZ exe of build B, longer',
  [PAK]: 'pak B',
  [ADDED]: 'asset new in B',
};

/** What a server leaves in its instance while it runs (docs/ark-facts.md#file-layout, #mods). */
const SERVER_FILES: Record<string, string> = {
  [path.join('ShooterGame', 'Saved', 'SavedArks', 'TheIsland_WP', 'TheIsland_WP.ark')]: 'world save',
  [path.join('ShooterGame', 'Saved', 'Logs', 'ShooterGame.log')]: 'log',
  [path.join(CONFIG, 'Game.ini')]: 'OverridePlayerLevelEngramPoints=5\r\nOverridePlayerLevelEngramPoints=5\r\n',
  [path.join(WIN64, 'ShooterGame', 'Mods', '83374', '935708_6040989', 'StandaloneCornu', 'Content', 'a.uasset')]: 'mod',
  [path.join(WIN64, 'ShooterGame', 'ModsUserData', '83374', 'library.json')]: '{"installedMods":[]}',
  [path.join(WIN64, 'PlayersJoinNoCheckList.txt')]: '0002dbe9abcdef',
  [path.join('ShooterGame', 'Content', 'Old', 'server-cache.bin')]: 'the server wrote this next to a build file',
};

let dataRoot: string;
let buildA: string;
let buildB: string;
let layout: InstanceLayout;
let dir: string;
const instance = instanceRecord();

beforeEach(async () => {
  dataRoot = await tempDir('relink');
  buildA = await makeBuild(dataRoot, '1001', BUILD_A);
  buildB = await makeBuild(dataRoot, '1002', BUILD_B);
  layout = makeLayout(dataRoot);
  dir = (await layout.create(instance))!;
  await writeTree(dir, SERVER_FILES);
});
afterEach(() => fsp.rm(dataRoot, { recursive: true, force: true }));

const exists = (p: string) =>
  fsp.lstat(p).then(
    () => true,
    () => false,
  );
const sameInode = async (a: string, b: string) => (await statBig(a)).ino === (await statBig(b)).ino;

async function expectServerFilesKept(): Promise<void> {
  for (const [rel, content] of Object.entries(SERVER_FILES)) {
    expect({ rel, content: await fsp.readFile(path.join(dir, rel), 'utf8') }).toEqual({ rel, content });
  }
}

describe('InstanceLayout.relink', () => {
  it('moves the instance to the new build and keeps everything the server made', async () => {
    const before = await fsp.readFile(layout.configPath(instance, 'GameUserSettings.ini'));
    const summary = await layout.relink(instance, buildA, buildB);

    for (const rel of Object.keys(BUILD_B).filter((r) => !r.startsWith('steamapps'))) {
      expect({ rel, linkedToB: await sameInode(path.join(dir, rel), path.join(buildB, rel)) }).toEqual({
        rel,
        linkedToB: true,
      });
    }
    expect(await fsp.readFile(path.join(dir, EXE), 'utf8')).toBe(BUILD_B[EXE]);
    expect(await exists(path.join(dir, DROPPED))).toBe(false);
    await expectServerFilesKept();
    expect(await fsp.readFile(layout.configPath(instance, 'GameUserSettings.ini'))).toEqual(before);
    expect(summary).toMatchObject({ removed: 1, present: 0, linked: Object.keys(BUILD_B).length - 1, kept: [] });

    // The old build is untouched and no longer linked from the instance: it stays for rollback.
    expect(await fsp.readFile(path.join(buildA, EXE), 'utf8')).toBe(BUILD_A[EXE]);
    expect(await exists(path.join(buildA, DROPPED))).toBe(true);
    expect((await statBig(path.join(buildA, EXE))).nlink).toBe(1n);
  });

  it('removes a directory only the old build had, unless the server keeps files in it', async () => {
    await fsp.rm(path.join(dir, 'ShooterGame', 'Content', 'Old', 'server-cache.bin'));
    await layout.relink(instance, buildA, buildB);
    expect(await exists(path.join(dir, 'ShooterGame', 'Content', 'Old'))).toBe(false);
  });

  it('rolls back to the old build the same way', async () => {
    await layout.relink(instance, buildA, buildB);
    await layout.relink(instance, buildB, buildA);
    for (const rel of [EXE, PAK, DROPPED, DLL, THIRD_PARTY]) {
      expect({ rel, linkedToA: await sameInode(path.join(dir, rel), path.join(buildA, rel)) }).toEqual({
        rel,
        linkedToA: true,
      });
    }
    expect(await exists(path.join(dir, ADDED))).toBe(false);
    await expectServerFilesKept();
  });

  it('keeps a file someone put where the build has one, and says so', async () => {
    await fsp.rm(path.join(dir, DLL));
    await fsp.writeFile(path.join(dir, DLL), 'a patched dll');
    const summary = await layout.relink(instance, buildA, buildB);
    expect(summary.kept).toEqual([DLL]);
    expect(await fsp.readFile(path.join(dir, DLL), 'utf8')).toBe('a patched dll');
  });

  it('finishes the job when run again after a crash midway', async () => {
    await layout.relink(instance, buildA, buildB);
    // Simulate an interrupted run: one file still on A, one missing, a temp link left behind.
    await fsp.rm(path.join(dir, PAK));
    await fsp.link(path.join(buildA, PAK), path.join(dir, PAK));
    await fsp.rm(path.join(dir, EXE));
    await fsp.link(path.join(buildB, EXE), path.join(dir, `${DLL}.link-tmp`));
    await layout.relink(instance, buildA, buildB);
    expect(await sameInode(path.join(dir, PAK), path.join(buildB, PAK))).toBe(true);
    expect(await sameInode(path.join(dir, EXE), path.join(buildB, EXE))).toBe(true);
    await expectServerFilesKept();
  });

  it('recognises copies made where linking was impossible', async () => {
    const crossVolume: LinkFs = {
      ...fsp,
      link: () => Promise.reject(Object.assign(new Error('EXDEV'), { code: 'EXDEV' })),
    };
    const copying = makeLayout(dataRoot, { linker: new HardLinker(crossVolume) });
    // Steam writes a new build days after the old one: its files have later mtimes.
    const dayLater = new Date(Date.now() + 86_400_000);
    for (const rel of Object.keys(BUILD_B)) await fsp.utimes(path.join(buildB, rel), dayLater, dayLater);
    await fsp.rm(dir, { recursive: true });
    await copying.create(instance);
    await writeTree(dir, SERVER_FILES);
    const summary = await copying.relink(instance, buildA, buildB);
    expect(summary).toMatchObject({ removed: 1, kept: [] });
    for (const rel of [EXE, PAK, DLL, ADDED])
      expect(await fsp.readFile(path.join(dir, rel), 'utf8')).toBe(BUILD_B[rel]);
    expect(await exists(path.join(dir, DROPPED))).toBe(false);
    await expectServerFilesKept();
  });

  it.each(['STARTING', 'RUNNING', 'STOPPING'] as const)('refuses while the instance is %s', async (status) => {
    await expect(layout.relink({ ...instance, status }, buildA, buildB)).rejects.toMatchObject({
      code: 'instance-running',
    });
    expect(await sameInode(path.join(dir, EXE), path.join(buildA, EXE))).toBe(true);
  });

  it("refuses when the old build is gone, since it could not tell build files from the server's", async () => {
    await fsp.rm(buildA, { recursive: true });
    await expect(layout.relink(instance, buildA, buildB)).rejects.toMatchObject({ code: 'build-not-found' });
  });
});

import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HardLinker, type LinkFs } from './file-linker.ts';
import { statBig } from './link-tree.ts';
import {
  BUILD_A,
  CONFIG,
  EXE,
  MANIFEST,
  buildDir,
  instanceRecord,
  makeBuild,
  makeLayout,
  tempDir,
  writeTree,
} from './test-fixtures.ts';

let dataRoot: string;
let build: string;
beforeEach(async () => {
  dataRoot = await tempDir('layout');
  build = await makeBuild(dataRoot, '1001', BUILD_A);
});
afterEach(() => fsp.rm(dataRoot, { recursive: true, force: true }));

const exists = (p: string) =>
  fsp.lstat(p).then(
    () => true,
    () => false,
  );

describe('InstanceLayout.create', () => {
  it('hard-links every build file, skips steamapps, and gives the instance its own Saved', async () => {
    const layout = makeLayout(dataRoot);
    const instance = instanceRecord();
    const dir = await layout.create(instance);
    expect(dir).toBe(path.join(dataRoot, 'runtime', 'instances', instance.id));
    expect(dir).toBe(layout.instanceDir(instance.id));
    for (const rel of Object.keys(BUILD_A).filter((r) => r !== MANIFEST)) {
      const [src, dst] = await Promise.all([statBig(path.join(build, rel)), statBig(path.join(dir!, rel))]);
      expect({ rel, ino: dst.ino, dev: dst.dev, nlink: dst.nlink }).toEqual({
        rel,
        ino: src.ino,
        dev: src.dev,
        nlink: 2n,
      });
    }
    expect(await exists(path.join(dir!, 'steamapps'))).toBe(false);
    for (const own of ['Config/WindowsServer', 'Logs', 'SavedArks']) {
      expect((await fsp.lstat(path.join(dir!, 'ShooterGame', 'Saved', own))).isDirectory()).toBe(true);
    }
    const gus = await fsp.readFile(layout.configPath(instance, 'GameUserSettings.ini'), 'utf8');
    expect(gus).toContain('[ServerSettings]\r\nRCONEnabled=True\r\nRCONPort=27020\r\nServerAdminPassword=Adm1nPw\r\n');
    expect(gus).toContain('SessionName=Ark Knights\r\n');
    expect(gus.replace(/\r\n/g, '')).not.toContain('\n');
    expect(await fsp.readFile(path.join(dir!, CONFIG, 'Game.ini'), 'utf8')).toBe('');
  });

  it('never links a ShooterGame/Saved that a build carries', async () => {
    const saved = path.join('ShooterGame', 'Saved', 'SavedArks', 'TheIsland_WP', 'TheIsland_WP.ark');
    await writeTree(build, { [saved]: 'a save inside the build' });
    const dir = (await makeLayout(dataRoot).create(instanceRecord()))!;
    expect(await exists(path.join(dir, saved))).toBe(false);
    expect((await statBig(path.join(build, saved))).nlink).toBe(1n);
  });

  it('can run again after a crash midway: missing links come back, leftovers are replaced', async () => {
    const layout = makeLayout(dataRoot);
    const instance = instanceRecord();
    const dir = (await layout.create(instance))!;
    const pak = path.join('ShooterGame', 'Content', 'Paks', 'ShooterGame-WindowsServer.pak');
    await fsp.rm(path.join(dir, EXE));
    await fsp.rm(path.join(dir, pak));
    await fsp.writeFile(path.join(dir, pak), 'pa'); // a copy cut short
    await fsp.writeFile(path.join(dir, CONFIG, 'Game.ini'), '[/Script/ShooterGame.ShooterGameMode]\r\n');
    await expect(layout.create(instance)).resolves.toBe(dir);
    for (const rel of [EXE, pak]) {
      expect((await statBig(path.join(dir, rel))).ino).toBe((await statBig(path.join(build, rel))).ino);
    }
    expect((await statBig(path.join(build, EXE))).nlink).toBe(2n);
    expect(await fsp.readFile(path.join(dir, CONFIG, 'Game.ini'), 'utf8')).toBe(
      '[/Script/ShooterGame.ShooterGameMode]\r\n',
    );
  });

  it('copies where the filesystem refuses hard links', async () => {
    const crossVolume: LinkFs = {
      ...fsp,
      link: () => Promise.reject(Object.assign(new Error('EXDEV'), { code: 'EXDEV' })),
    };
    const layout = makeLayout(dataRoot, { linker: new HardLinker(crossVolume) });
    const dir = (await layout.create(instanceRecord()))!;
    const [src, dst] = await Promise.all([statBig(path.join(build, EXE)), statBig(path.join(dir, EXE))]);
    expect(dst.ino).not.toBe(src.ino);
    expect(await fsp.readFile(path.join(dir, EXE), 'utf8')).toBe(BUILD_A[EXE]);
  });

  it('returns null for an instance without a build, and refuses an unknown build', async () => {
    const layout = makeLayout(dataRoot, { buildPath: (id) => (id === '1001' ? buildDir(dataRoot, id) : null) });
    await expect(layout.create(instanceRecord({ buildId: null, status: 'NOT_INSTALLED' }))).resolves.toBeNull();
    await expect(layout.create(instanceRecord({ buildId: '999' }))).rejects.toMatchObject({ code: 'build-not-found' });
    await fsp.rm(build, { recursive: true });
    await expect(layout.create(instanceRecord())).rejects.toMatchObject({ code: 'build-not-found' });
  });

  it('refuses ids that are not plain directory names', () => {
    const layout = makeLayout(dataRoot);
    for (const id of ['..', 'a/b', 'a\\b', 'CON', 'nul.txt', '']) {
      expect(() => layout.instanceDir(id)).toThrow(/cannot be used as an instance directory name/);
    }
  });
});

describe('InstanceLayout.remove', () => {
  it('deletes the instance directory and leaves the build intact', async () => {
    const layout = makeLayout(dataRoot);
    const instance = instanceRecord();
    const dir = (await layout.create(instance))!;
    await layout.remove({ ...instance, installPath: dir });
    expect(await exists(dir)).toBe(false);
    expect(await fsp.readFile(path.join(build, EXE), 'utf8')).toBe(BUILD_A[EXE]);
    expect((await statBig(path.join(build, EXE))).nlink).toBe(1n);
    await expect(layout.remove(instance)).resolves.toBeUndefined(); // already gone: nothing to do
  });

  it('refuses a record pointing outside runtime/instances', async () => {
    const layout = makeLayout(dataRoot);
    const instance = instanceRecord();
    await layout.create(instance);
    const elsewhere = await tempDir('outside');
    await fsp.symlink(elsewhere, path.join(layout.instancesRoot(), 'sneaky'));
    const bad = [
      '/',
      build,
      dataRoot,
      layout.instancesRoot(),
      path.join(layout.instancesRoot(), instance.id, 'ShooterGame'),
      path.join(layout.instancesRoot(), '..', '..', 'runtime'),
      path.join(layout.instancesRoot(), 'sneaky'),
    ];
    for (const installPath of bad) {
      await expect(layout.remove({ ...instance, installPath })).rejects.toMatchObject({ code: 'filesystem-error' });
    }
    expect(await exists(path.join(build, EXE))).toBe(true);
    expect(await exists(elsewhere)).toBe(true);
    expect(await exists(layout.instanceDir(instance.id))).toBe(true);
    await fsp.rm(elsewhere, { recursive: true });
  });
});

describe('InstanceLayout.ensureManagedSettings', () => {
  const USER_GUS = [
    '[ServerSettings]',
    '; my notes: keep the difficulty high',
    'DifficultyOffset=1.000000',
    'RCONPort=32330',
    'MyUnknownKey=hello',
    'ServerAdminPassword=Adm1nPw',
    'RCONEnabled=True',
    'ServerPassword=',
    '',
    '[SessionSettings]',
    'SessionName=Ark Knights',
    'Port=7777',
    '',
    '[/Script/Engine.GameSession]',
    'MaxPlayers=70',
    '',
    '[MessageOfTheDay]',
    'Message=Line one',
    'Message=Line two',
    '',
  ].join('\r\n');

  it('updates RCONPort and keeps comments, unknown keys and repeated keys byte for byte', async () => {
    const layout = makeLayout(dataRoot);
    const instance = instanceRecord();
    await layout.create(instance);
    const gusPath = layout.configPath(instance, 'GameUserSettings.ini');
    await fsp.writeFile(gusPath, USER_GUS);
    await expect(layout.ensureManagedSettings(instance)).resolves.toBe(true);
    expect(await fsp.readFile(gusPath, 'utf8')).toBe(USER_GUS.replace('RCONPort=32330', 'RCONPort=27020'));

    const before = await statBig(gusPath);
    await expect(layout.ensureManagedSettings(instance)).resolves.toBe(false);
    const after = await statBig(gusPath);
    expect([after.ino, after.mtimeNs]).toEqual([before.ino, before.mtimeNs]); // not rewritten
  });

  it('recreates a missing GameUserSettings.ini and Game.ini', async () => {
    const layout = makeLayout(dataRoot);
    const instance = instanceRecord();
    const dir = (await layout.create(instance))!;
    await fsp.rm(path.join(dir, 'ShooterGame', 'Saved'), { recursive: true });
    await expect(layout.ensureManagedSettings(instance)).resolves.toBe(true);
    expect(await fsp.readFile(layout.configPath(instance, 'GameUserSettings.ini'), 'utf8')).toContain('RCONPort=27020');
    expect(await fsp.readFile(layout.configPath(instance, 'Game.ini'), 'utf8')).toBe('');
  });

  it('keeps a UTF-16 file (what Unreal writes for non-ANSI text) in UTF-16', async () => {
    const layout = makeLayout(dataRoot);
    const instance = instanceRecord();
    await layout.create(instance);
    const gusPath = layout.configPath(instance, 'GameUserSettings.ini');
    const text = USER_GUS.replace('Message=Line one', 'Message=Välkommen, överlevare!');
    await fsp.writeFile(gusPath, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    await layout.ensureManagedSettings({ ...instance, settings: { ...instance.settings, rconPort: 32331 } });
    const bytes = await fsp.readFile(gusPath);
    expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    expect(bytes.subarray(2).toString('utf16le')).toBe(text.replace('RCONPort=32330', 'RCONPort=32331'));
  });

  it('refuses an instance without files', async () => {
    const layout = makeLayout(dataRoot);
    await expect(layout.ensureManagedSettings(instanceRecord())).rejects.toMatchObject({ code: 'not-installed' });
  });
});

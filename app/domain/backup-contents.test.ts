import { describe, expect, it } from 'vitest';
import {
  BackupManifest,
  expectedMapFolder,
  isRestorableEntry,
  isSaveFile,
  isWorldFileName,
  MANIFEST_ENTRY,
  manifestPlace,
  saveDirName,
} from './backup-contents.ts';

describe('saveDirName', () => {
  it('is SavedArks unless AltSaveDirectoryName is among the extra options (last one wins, any case)', () => {
    expect(saveDirName({ extraQueryArgs: [] })).toBe('SavedArks');
    expect(saveDirName({ extraQueryArgs: ['AllowFlyerCarryPvE=True'] })).toBe('SavedArks');
    expect(saveDirName({ extraQueryArgs: ['AltSaveDirectoryName=Season1'] })).toBe('Season1');
    expect(saveDirName({ extraQueryArgs: ['altsavedirectoryname=A', 'AltSaveDirectoryName=B_2'] })).toBe('B_2');
    expect(saveDirName({ extraQueryArgs: ['AltSaveDirectoryName='] })).toBe('SavedArks');
  });

  it.each(['..', '../x', 'a/b', 'a.b', 'Config', 'logs', 'x'.repeat(65)])(
    'refuses AltSaveDirectoryName=%s',
    (value) => {
      expect(() => saveDirName({ extraQueryArgs: [`AltSaveDirectoryName=${value}`] })).toThrow(/AltSaveDirectoryName/);
    },
  );
});

describe('isSaveFile', () => {
  const world = 'TheIsland_WP.ark';
  it.each([
    ['TheIsland_WP.ark', true],
    ['0002214a4a6742d9a347bd449b2dc143.arkprofile', true],
    ['0002214a4a6742d9a347bd449b2dc143.profilebak', true],
    ['1234567890.arktribe', true],
    ['1234567890.tribebak', true],
    ['1234567890.arktributetribe', true],
    ['TheIsland_WP_26.11.2025_07.00.00.ark', false],
    ['TheIsland_WP_AntiCorruptionBackup.bak', false],
    ['TheIsland_WP_26.11.2025_07.00.00.arkrbf', false],
    ['TheIsland_WP.ark.tmp', false],
    ['TheCenter_WP.ark', false],
    ['notes.txt', false],
    ['BobsMissions_WP.ark', false],
  ])('%s → %s', (name, expected) => expect(isSaveFile(name, world)).toBe(expected));

  it('takes the world by the name the server wrote, in any case', () => {
    expect(isSaveFile('BobsMissions_WP.ark', 'BobsMissions_WP.ark')).toBe(true);
    expect(isSaveFile('theisland_wp.ARK', world)).toBe(true);
  });
});

describe('isRestorableEntry', () => {
  const manifest = { map: 'TheIsland_WP', saveDir: 'SavedArks' };
  it.each([
    [MANIFEST_ENTRY, true],
    ['Config/WindowsServer/Game.ini', true],
    ['Config/WindowsServer/GameUserSettings.ini', true],
    ['SavedArks/TheIsland_WP/TheIsland_WP.ark', true],
    ['SavedArks/TheIsland_WP/1.arktribe', true],
    ['Config/WindowsServer/Engine.ini', false],
    ['SavedArks/TheCenter_WP/TheCenter_WP.ark', false],
    ['SavedArks/TheIsland_WP/sub/TheIsland_WP.ark', false],
    ['Other/TheIsland_WP/TheIsland_WP.ark', false],
    ['Logs/ShooterGame.log', false],
    ['evil.dll', false],
  ])('%s → %s', (name, expected) => expect(isRestorableEntry(name, manifest)).toBe(expected));
});

describe('where a map saves', () => {
  it('Club ARK saves in BobsMissions (any case of the id); other maps in their id', () => {
    expect(expectedMapFolder('BobsMissions_WP')).toBe('BobsMissions');
    expect(expectedMapFolder('bobsmissions_wp')).toBe('BobsMissions');
    expect(expectedMapFolder('TheIsland_WP')).toBe('TheIsland_WP');
    expect(expectedMapFolder('Svartalfheim_WP')).toBe('Svartalfheim_WP');
  });

  it.each([
    ['TheIsland_WP.ark', true],
    ['BobsMissions_WP.ARK', true],
    ['TheIsland_WP_26.11.2025_07.00.00.ark', false],
    ['TheIsland_WP.ark.tmp', false],
    ['TheIsland_WP.ark-wal', false],
    ['.ark', false],
    ['a b.ark', false],
  ])('world file name %s → %s', (name, expected) => expect(isWorldFileName(name)).toBe(expected));
});

describe('the manifest’s place', () => {
  it('is the recorded folder and world, or <map>/<map>.ark for archives made before they were recorded', () => {
    expect(manifestPlace({ map: 'TheIsland_WP', saveDir: 'SavedArks' })).toEqual({
      folder: 'SavedArks/TheIsland_WP',
      world: 'TheIsland_WP.ark',
    });
    const club = {
      map: 'BobsMissions_WP',
      saveDir: 'SavedArks',
      mapFolder: 'BobsMissions',
      world: 'BobsMissions_WP.ark',
    };
    expect(manifestPlace(club)).toEqual({ folder: 'SavedArks/BobsMissions', world: 'BobsMissions_WP.ark' });
    expect(isRestorableEntry('SavedArks/BobsMissions/BobsMissions_WP.ark', club)).toBe(true);
    expect(isRestorableEntry('SavedArks/BobsMissions/1.arktribe', club)).toBe(true);
    expect(isRestorableEntry('SavedArks/BobsMissions_WP/BobsMissions_WP.ark', club)).toBe(false);
    expect(isRestorableEntry('SavedArks/BobsMissions/BobsMissions_WP.ark-wal', club)).toBe(false);
  });

  it('refuses a recorded folder or world that is not a plain name', () => {
    const base = {
      format: 1,
      backupId: 'b',
      instanceId: 'i',
      kind: 'manual',
      createdAt: 'x',
      map: 'M_WP',
      saveDir: 'SavedArks',
      files: [],
    };
    expect(BackupManifest.safeParse({ ...base, mapFolder: '../x' }).success).toBe(false);
    expect(BackupManifest.safeParse({ ...base, world: '../x.ark' }).success).toBe(false);
    expect(BackupManifest.safeParse({ ...base, world: 'x.dll' }).success).toBe(false);
    expect(BackupManifest.safeParse({ ...base, mapFolder: 'BobsMissions', world: 'BobsMissions_WP.ark' }).success).toBe(
      true,
    );
  });
});

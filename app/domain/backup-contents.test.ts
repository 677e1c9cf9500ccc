import { describe, expect, it } from 'vitest';
import { isRestorableEntry, isSaveFile, MANIFEST_ENTRY, saveDirName } from './backup-contents.ts';

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
  const map = 'TheIsland_WP';
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
  ])('%s → %s', (name, expected) => expect(isSaveFile(name, map)).toBe(expected));
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

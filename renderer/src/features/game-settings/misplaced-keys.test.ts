import { describe, expect, it } from 'vitest';
import { findMisplacedKeys } from './misplaced-keys.ts';
import { TEST_CATALOGUE } from './test-catalogue.ts';

const gus = (text: string) => findMisplacedKeys(text, 'GameUserSettings.ini', TEST_CATALOGUE);

describe('findMisplacedKeys', () => {
  it('finds a known key under another section, with its 1-based line', () => {
    const text = '[ServerSettings]\nRCONEnabled=True\n\n[SessionSettings]\nSessionName=Demo\nTamingSpeedMultiplier=3\n';
    expect(gus(text)).toEqual([
      { line: 6, key: 'TamingSpeedMultiplier', section: 'SessionSettings', expectedSection: 'ServerSettings' },
    ]);
  });

  it('matches sections and keys in any case, as the game does', () => {
    expect(gus('[serversettings]\ntamingspeedmultiplier=2\n[sessionsettings]\nSESSIONNAME=x')).toEqual([]);
  });

  it('leaves unknown keys, comments, blank lines and lines without "=" alone', () => {
    expect(gus('[SessionSettings]\n; TamingSpeedMultiplier=2\n# MaxTamedDinos=1\nFooBar=1\n\njunk line\n')).toEqual([]);
  });

  it('flags a key above the first section header', () => {
    expect(gus('MaxTamedDinos=10\r\n[ServerSettings]\r\n')).toEqual([
      { line: 1, key: 'MaxTamedDinos', section: null, expectedSection: 'ServerSettings' },
    ]);
  });

  it('checks only the keys of the file being edited', () => {
    expect(gus('[ServerSettings]\nbAllowUnlimitedRespecs=True\n')).toEqual([]);
    expect(findMisplacedKeys('[ServerSettings]\nbAllowUnlimitedRespecs=True\n', 'Game.ini', TEST_CATALOGUE)).toEqual([
      {
        line: 2,
        key: 'bAllowUnlimitedRespecs',
        section: 'ServerSettings',
        expectedSection: '/script/shootergame.shootergamemode',
      },
    ]);
  });

  it('looks up an indexed key by its name, and accepts the section in any case', () => {
    const text =
      '[/Script/ShooterGame.ShooterGameMode]\nPerLevelStatsMultiplier_Player[0]=2\n[Other]\nPerLevelStatsMultiplier_Player[1]=2';
    expect(findMisplacedKeys(text, 'Game.ini', TEST_CATALOGUE)).toEqual([
      {
        line: 4,
        key: 'PerLevelStatsMultiplier_Player[1]',
        section: 'Other',
        expectedSection: '/script/shootergame.shootergamemode',
      },
    ]);
  });

  it('finds nothing without a catalogue', () => {
    expect(findMisplacedKeys('[X]\nTamingSpeedMultiplier=1', 'GameUserSettings.ini', [])).toEqual([]);
  });
});

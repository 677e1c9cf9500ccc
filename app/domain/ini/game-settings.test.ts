import type { GameSettingChange, GameSettingDef } from '@ark-asa/contracts';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../app-error.ts';
import { applyChanges, checkChanges, findMisplacedKeys, readGameSettings } from './game-settings.ts';
import { IniDocument } from './ini-document.ts';
import { formatDecimal, formatSettingValue } from './setting-value.ts';

const GUS = [
  '[ServerSettings]',
  '; my rates, do not touch',
  'xpmultiplier = 2.0',
  'SomeModSetting=keep me',
  'XPMultiplier=9.0',
  'ServerAdminPassword=secret',
  '',
  '[SessionSettings]',
  'SessionName=My Server',
  'TamingSpeedMultiplier=3',
  '',
].join('\r\n');

const GAME = [
  '[/script/shootergame.shootergamemode]',
  'MatingIntervalMultiplier=0.5',
  'OverridePlayerLevelEngramPoints=5',
  'OverridePlayerLevelEngramPoints=8',
  '',
].join('\n');

const change = (c: Partial<GameSettingChange> & Pick<GameSettingChange, 'key' | 'value'>): GameSettingChange => ({
  file: 'GameUserSettings.ini',
  section: 'ServerSettings',
  ...c,
});

function fieldsOf(fn: () => unknown): { field: string; message: string }[] {
  try {
    fn();
  } catch (err) {
    if (isAppError(err)) return (err.details as { fields: { field: string; message: string }[] }).fields;
    throw err;
  }
  throw new Error('expected a validation error');
}

describe('readGameSettings', () => {
  it('returns the catalogue keys present in their section, first occurrence, spelled as in the catalogue', () => {
    const values = readGameSettings('GameUserSettings.ini', IniDocument.parse(GUS));
    expect(values).toEqual([
      { file: 'GameUserSettings.ini', section: 'ServerSettings', key: 'XPMultiplier', value: ' 2.0' },
      { file: 'GameUserSettings.ini', section: 'SessionSettings', key: 'SessionName', value: 'My Server' },
    ]);
  });

  it('reads Game.ini in whatever case its section header is written', () => {
    expect(readGameSettings('Game.ini', IniDocument.parse(GAME))).toEqual([
      {
        file: 'Game.ini',
        section: '/Script/ShooterGame.ShooterGameMode',
        key: 'MatingIntervalMultiplier',
        value: '0.5',
      },
    ]);
  });
});

describe('checkChanges and applyChanges', () => {
  it('edits in place, collapses duplicates, adds and removes keys, and keeps every other line', () => {
    const doc = IniDocument.parse(GUS);
    const checked = checkChanges([
      change({ key: 'XPMultiplier', value: 3 }),
      change({ key: 'ServerPVE', value: true }),
      change({ key: 'TamingSpeedMultiplier', value: null }),
      change({ key: 'TheMaxStructuresInRange', value: '12000' }),
    ]);
    applyChanges('GameUserSettings.ini', doc, checked);
    expect(doc.toString()).toBe(
      [
        '[ServerSettings]',
        '; my rates, do not touch',
        // The key keeps its spelling and `=`; the value is what follows it.
        'xpmultiplier =3.000000',
        'SomeModSetting=keep me',
        'ServerAdminPassword=secret',
        'serverPVE=True',
        'TheMaxStructuresInRange=12000',
        '',
        '[SessionSettings]',
        'SessionName=My Server',
        'TamingSpeedMultiplier=3',
        '',
      ].join('\r\n'),
    );
  });

  it('creates the Game.ini section when the file is empty, and ignores changes of the other file', () => {
    const doc = IniDocument.parse('');
    const checked = checkChanges([
      change({
        file: 'Game.ini',
        section: '/script/shootergame.shootergamemode',
        key: 'BabyMatureSpeedMultiplier',
        value: '10',
      }),
      change({ key: 'XPMultiplier', value: 2 }),
    ]);
    applyChanges('Game.ini', doc, checked);
    expect(doc.toString()).toBe('[/Script/ShooterGame.ShooterGameMode]\r\nBabyMatureSpeedMultiplier=10.000000\r\n');
  });

  it('names every bad field in one error: unknown key, wrong section, managed key, wrong type, out of range, twice', () => {
    const fields = fieldsOf(() =>
      checkChanges([
        change({ key: 'NoSuchOption', value: 1 }),
        change({ key: 'XPMultiplier', section: 'SessionSettings', value: 1 }),
        change({ key: 'SessionName', section: 'SessionSettings', value: 'x' }),
        change({ key: 'ServerPVE', value: 'maybe' }),
        change({ key: 'XPMultiplier', value: -1 }),
        change({ key: 'TheMaxStructuresInRange', value: 1.5 }),
        change({
          file: 'Game.ini',
          section: '/Script/ShooterGame.ShooterGameMode',
          key: 'SupplyCrateLootQualityMultiplier',
          value: 6,
        }),
        change({ key: 'DayCycleSpeedScale', value: 1 }),
        change({ key: 'daycyclespeedscale', value: 2 }),
      ]),
    );
    expect(fields.map((f) => f.field)).toEqual([
      'changes.0.key',
      'changes.1.section',
      'changes.2.key',
      'changes.3.value',
      'changes.4.value',
      'changes.5.value',
      'changes.6.value',
      'changes.8.key',
    ]);
    expect(fields[1]!.message).toContain('[ServerSettings]');
    expect(fields[4]!.message).toBe('Must be at least 0');
    expect(fields[6]!.message).toBe('Must be at most 5');
  });
});

describe('formatSettingValue', () => {
  const def = (over: Partial<GameSettingDef>): GameSettingDef => ({
    key: 'K',
    file: 'Game.ini',
    section: 'S',
    type: 'string',
    default: null,
    category: 'rules',
    label: 'K',
    description: 'A test setting',
    source: 'https://example.org/',
    ...over,
  });

  it('accepts text for every type and writes what the server writes', () => {
    expect(formatSettingValue(def({ type: 'boolean' }), 'TRUE')).toEqual({ ok: true, text: 'True' });
    expect(formatSettingValue(def({ type: 'boolean' }), false)).toEqual({ ok: true, text: 'False' });
    expect(formatSettingValue(def({ type: 'float' }), ' 0.5 ')).toEqual({ ok: true, text: '0.500000' });
    expect(formatSettingValue(def({ type: 'integer' }), '-3')).toEqual({ ok: true, text: '-3' });
    expect(formatSettingValue(def({ type: 'string' }), 42)).toEqual({ ok: true, text: '42' });
    expect(formatSettingValue(def({ type: 'enum', options: ['PC', 'ALL'] }), 'all')).toEqual({ ok: true, text: 'ALL' });
  });

  it('refuses values of the wrong type, line breaks and unknown options', () => {
    expect(formatSettingValue(def({ type: 'integer' }), '1.5').ok).toBe(false);
    expect(formatSettingValue(def({ type: 'float' }), '1,5').ok).toBe(false);
    expect(formatSettingValue(def({ type: 'float' }), true).ok).toBe(false);
    expect(formatSettingValue(def({ type: 'float' }), Number.POSITIVE_INFINITY).ok).toBe(false);
    expect(formatSettingValue(def({ type: 'boolean' }), 1).ok).toBe(false);
    expect(formatSettingValue(def({ type: 'string' }), 'a\nB=c').ok).toBe(false);
    expect(formatSettingValue(def({ type: 'enum', options: ['PC'] }), 'XSX')).toEqual({
      ok: false,
      message: 'Use one of: PC',
    });
  });

  it('keeps precision six decimals would lose', () => {
    expect(formatDecimal(1)).toBe('1.000000');
    expect(formatDecimal(0.0099999998)).toBe('0.0099999998');
    expect(formatDecimal(1e-7)).toBe('1e-7');
  });
});

describe('findMisplacedKeys', () => {
  it('reports known keys outside their section, or before any header, with 1-based lines', () => {
    const warnings = findMisplacedKeys('GameUserSettings.ini', IniDocument.parse(`XPMultiplier=1\r\n${GUS}`));
    expect(warnings).toEqual([
      { file: 'GameUserSettings.ini', key: 'XPMultiplier', section: '', expectedSection: 'ServerSettings', line: 1 },
      {
        file: 'GameUserSettings.ini',
        key: 'TamingSpeedMultiplier',
        section: 'SessionSettings',
        expectedSection: 'ServerSettings',
        line: 11,
      },
    ]);
  });

  it('ignores unknown keys, keys of the other file and a byte order mark', () => {
    const doc = IniDocument.parse(
      '\uFEFF[/Script/Engine.GameSession]\nXPMultiplier=1\nMaxPlayers=10\n[Other]\nFoo=1\n',
    );
    expect(findMisplacedKeys('Game.ini', doc)).toEqual([]);
    expect(findMisplacedKeys('GameUserSettings.ini', doc).map((w) => [w.key, w.line])).toEqual([['XPMultiplier', 2]]);
  });
});

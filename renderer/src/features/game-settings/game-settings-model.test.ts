import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/http.ts';
import { filterRows, groupRows } from './game-settings-filter.ts';
import { placeSaveErrors } from './game-settings-errors.ts';
import {
  canReset,
  isChangedFromDefault,
  isPending,
  settingId,
  shownValue,
  toApiValue,
  toRows,
  validateValue,
  type SettingRow,
} from './game-settings-model.ts';
import { TEST_CATALOGUE } from './test-catalogue.ts';

const rows = toRows(TEST_CATALOGUE, [
  { file: 'GameUserSettings.ini', section: 'serversettings', key: 'TAMINGSPEEDMULTIPLIER', value: '3.000000' },
  { file: 'GameUserSettings.ini', section: 'ServerSettings', key: 'TamingSpeedMultiplier', value: '9' },
  { file: 'GameUserSettings.ini', section: 'ServerSettings', key: 'AllowThirdPersonPlayer', value: 'True' },
]);
const row = (key: string): SettingRow => rows.find((r) => r.def.key === key)!;
const taming = row('TamingSpeedMultiplier');
const tames = row('MaxTamedDinos');

describe('rows and values', () => {
  it('pairs each setting with the first value in the file, in any case', () => {
    expect(taming.stored).toBe('3.000000');
    expect(tames.stored).toBeUndefined();
  });

  it('counts a key as changed only when its value differs from the default', () => {
    expect(isChangedFromDefault(taming)).toBe(true);
    expect(isChangedFromDefault(row('AllowThirdPersonPlayer'))).toBe(false); // True is the default
    expect(isChangedFromDefault(tames)).toBe(false);
  });

  it('shows the edit, else the file, else the default', () => {
    expect(shownValue(taming, {})).toBe(3);
    expect(shownValue(tames, {})).toBe(5000);
    expect(shownValue(taming, { [taming.id]: 4 })).toBe(4);
    expect(shownValue(taming, { [taming.id]: null })).toBe(1);
  });

  it('treats an edit back to the file’s value as no change, and a reset of an unset key as none', () => {
    expect(isPending(taming, { [taming.id]: 3 })).toBe(false);
    expect(isPending(taming, { [taming.id]: 4 })).toBe(true);
    expect(isPending(taming, { [taming.id]: null })).toBe(true);
    expect(isPending(tames, { [tames.id]: null })).toBe(false);
  });

  it('offers a reset while a value is set or edited, not once the reset is pending', () => {
    expect(canReset(taming, {})).toBe(true);
    expect(canReset(taming, { [taming.id]: null })).toBe(false);
    expect(canReset(tames, {})).toBe(false);
    expect(canReset(tames, { [tames.id]: 7 })).toBe(true);
  });
});

describe('validateValue', () => {
  it('checks numbers against their range and kind', () => {
    expect(validateValue(taming.def, 2.5)).toBeNull();
    expect(validateValue(taming.def, 500)).toBe('Must be between 0.1 and 100');
    expect(validateValue(taming.def, '')).toMatch(/Enter a number/);
    expect(validateValue(tames.def, 1.5)).toBe('Must be a whole number');
    expect(validateValue(tames.def, '12')).toBeNull();
  });

  it('accepts a reset, checks booleans and single-line text', () => {
    expect(validateValue(taming.def, null)).toBeNull();
    expect(validateValue(row('AllowThirdPersonPlayer').def, 'yes')).toBe('Choose on or off');
    expect(validateValue(row('Message').def, 'a\nb')).toBe('Must be a single line');
  });

  it('checks enum options', () => {
    const def = { ...taming.def, type: 'enum' as const, options: ['A', 'B'] };
    expect(validateValue(def, 'A')).toBeNull();
    expect(validateValue(def, 'C')).toBe('Choose one of: A, B');
  });

  it('sends numbers typed as text as numbers', () => {
    expect(toApiValue(taming.def, '2.5')).toBe(2.5);
    expect(toApiValue(row('Message').def, '2.5')).toBe('2.5');
  });
});

describe('search, filter and groups', () => {
  it('finds by label, key or description words, in any case', () => {
    const keys = (q: string) => filterRows(rows, {}, { query: q, changedOnly: false }).map((r) => r.def.key);
    expect(keys('taming')).toEqual(['TamingSpeedMultiplier', 'MaxTamedDinos']);
    expect(keys('TAMING speed')).toEqual(['TamingSpeedMultiplier']);
    expect(keys('respecs')).toEqual(['bAllowUnlimitedRespecs']);
  });

  it('keeps only settings changed from default, or edited, when asked', () => {
    const keys = filterRows(rows, { [tames.id]: 10 }, { query: '', changedOnly: true }).map((r) => r.def.key);
    expect(keys).toEqual(['TamingSpeedMultiplier', 'MaxTamedDinos']);
  });

  it('groups by category, then file and section, in catalogue order', () => {
    const groups = groupRows(rows).map((g) => [g.category, g.sections.map((s) => `${s.file} ${s.section}`)]);
    expect(groups).toEqual([
      ['taming', ['GameUserSettings.ini ServerSettings']],
      ['rules', ['GameUserSettings.ini ServerSettings', 'Game.ini /script/shootergame.shootergamemode']],
      ['server', ['GameUserSettings.ini SessionSettings', 'GameUserSettings.ini MessageOfTheDay']],
    ]);
  });
});

describe('placeSaveErrors', () => {
  const ids = [settingId(taming.def), settingId(tames.def)];
  it('puts a field error at the setting of the change it names', () => {
    const err = new ApiError(400, 'validation', 'Invalid body', [{ field: 'changes.1.value', message: 'Too big' }]);
    expect(placeSaveErrors(err, ids)).toEqual({ byId: { [ids[1]!]: 'Too big' }, general: null });
  });

  it('says beside Save what names no change (the server is running)', () => {
    const err = new ApiError(409, 'instance-running', 'Stop the server first');
    expect(placeSaveErrors(err, ids)).toEqual({ byId: {}, general: 'Stop the server first' });
  });
});

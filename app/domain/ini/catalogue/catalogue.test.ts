import { GAME_SETTING_CATEGORIES, GameSettingDef } from '@ark-asa/contracts';
import { describe, expect, it } from 'vitest';
import { readTextFixture } from '../../../../test/helpers/text-fixture.ts';
import { MANAGED_GUS_KEYS } from '../managed-settings.ts';
import { findSetting, GAME_SETTINGS } from './index.ts';

interface FixtureRow {
  source: string;
  file: string;
  section: string;
  key: string;
  type: string;
  default: string;
  lineNo: number;
}

/** Reads fixtures/wiki-options.txt: `@source <url>` blocks of `file | section | key | type | default | asa` rows. */
function readFixture(): FixtureRow[] {
  const text = readTextFixture(new URL('./fixtures/wiki-options.txt', import.meta.url));
  const rows: FixtureRow[] = [];
  let source = '';
  text.split('\n').forEach((line, i) => {
    if (line.startsWith('@source ')) source = line.slice('@source '.length).trim();
    if (line.startsWith('#') || line.startsWith('@') || line.trim() === '') return;
    const [file, section, key, type, def] = line.split('|').map((c) => c.trim());
    rows.push({ source, file: file!, section: section!, key: key!, type: type!, default: def!, lineNo: i + 1 });
  });
  return rows;
}

const rows = readFixture();
const lower = (s: string) => s.toLowerCase();
const rowFor = (def: GameSettingDef) =>
  rows.find((r) => r.source === def.source && r.file === def.file && r.key === def.key);

/** The table's default as the catalogue types it; undefined when the table gives none. */
function tableDefault(row: FixtureRow): string | number | boolean | undefined {
  if (row.default === '-' || row.default === 'N/A' || row.default.startsWith('(random)')) return undefined;
  if (row.type === 'boolean') return lower(row.default) === 'true';
  if (row.type === 'float' || row.type === 'integer') return Number(row.default);
  return row.default;
}

describe('the game settings catalogue', () => {
  it('is a well-formed list of at least 120 entries, each valid against the contract', () => {
    expect(GAME_SETTINGS.length).toBeGreaterThanOrEqual(120);
    for (const def of GAME_SETTINGS) expect(() => GameSettingDef.parse(def), def.key).not.toThrow();
  });

  it('agrees with the transcribed option table on section, type and default for every entry', () => {
    const problems: string[] = [];
    for (const def of GAME_SETTINGS) {
      const row = rowFor(def);
      if (!row) {
        problems.push(`${def.file} ${def.key}: no row under @source ${def.source}`);
        continue;
      }
      if (lower(row.section) !== lower(def.section))
        problems.push(`${def.key}: section ${def.section} ≠ ${row.section}`);
      if (def.type !== 'enum' && row.type !== def.type) problems.push(`${def.key}: type ${def.type} ≠ ${row.type}`);
      const expected = tableDefault(row);
      if ((expected ?? null) !== def.default) problems.push(`${def.key}: default ${def.default} ≠ ${row.default}`);
    }
    expect(problems).toEqual([]);
  });

  it('cites public http(s) URLs only', () => {
    for (const def of GAME_SETTINGS) expect(['https:', 'http:'], def.key).toContain(new URL(def.source).protocol);
  });

  it('has no key twice in one file (keys match case-insensitively, as UE reads them)', () => {
    const seen = new Set<string>();
    const twice = GAME_SETTINGS.map((d) => `${d.file}:${lower(d.key)}`).filter((k) => seen.has(k) || !seen.add(k));
    expect(twice).toEqual([]);
  });

  it('keeps every default within its range and among its options', () => {
    for (const def of GAME_SETTINGS) {
      if (def.min !== undefined && def.max !== undefined) expect(def.min, def.key).toBeLessThanOrEqual(def.max);
      if (typeof def.default === 'number') {
        if (def.min !== undefined) expect(def.default, def.key).toBeGreaterThanOrEqual(def.min);
        if (def.max !== undefined) expect(def.default, def.key).toBeLessThanOrEqual(def.max);
        if (def.type === 'integer') expect(Number.isInteger(def.default), def.key).toBe(true);
      }
      if (def.type === 'boolean') expect(['boolean', 'object'], def.key).toContain(typeof def.default);
      if (def.type === 'enum') expect(def.options, def.key).toContain(def.default);
      if (def.min !== undefined || def.max !== undefined) expect(['integer', 'float'], def.key).toContain(def.type);
    }
  });

  it('marks the keys the manager writes itself as managed, and leaves the passwords out', () => {
    for (const { section, key } of MANAGED_GUS_KEYS) {
      const def = findSetting('GameUserSettings.ini', key);
      if (/password/i.test(key)) expect(def, key).toBeUndefined();
      else expect(def, key).toMatchObject({ section, managed: true });
    }
    const managed = GAME_SETTINGS.filter((d) => d.managed).map((d) => d.key);
    expect(managed.sort()).toEqual(
      MANAGED_GUS_KEYS.map((k) => k.key)
        .filter((k) => !/password/i.test(k))
        .sort(),
    );
    expect(GAME_SETTINGS.some((d) => /password/i.test(d.key))).toBe(false);
  });

  it('covers every category of the editor, each with a label and a description', () => {
    const categories = new Set(GAME_SETTINGS.map((d) => d.category));
    expect([...categories].sort()).toEqual([...GAME_SETTING_CATEGORIES].sort());
    for (const def of GAME_SETTINGS) {
      expect(def.label.length, def.key).toBeGreaterThan(0);
      expect(def.description.length, def.key).toBeGreaterThan(10);
    }
  });

  it('finds entries by key case-insensitively and only in their own file', () => {
    expect(findSetting('GameUserSettings.ini', 'xpmultiplier')?.key).toBe('XPMultiplier');
    expect(findSetting('Game.ini', 'XPMultiplier')).toBeUndefined();
    expect(findSetting('Game.ini', 'perlevelstatsmultiplier_player[7]')?.default).toBe(1);
    expect(findSetting('Game.ini', 'PerLevelStatsMultiplier_DinoTamed[0]')?.default).toBe(0.2);
  });
});

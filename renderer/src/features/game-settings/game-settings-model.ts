import type { GameSettingDef, GameSettingValue, GameSettingChangeValue } from './game-settings-types.ts';

/** One catalogue entry as the editor shows it: where it lives, and its text in the file if set there. */
export interface SettingRow {
  def: GameSettingDef;
  id: string;
  /** The raw text in the file, or undefined when the key is not set (the game uses its default). */
  stored: string | undefined;
}

/** Unsaved edits by setting id; null means "back to the default" (the key is removed on save). */
export type Draft = Readonly<Record<string, GameSettingChangeValue>>;

// Unreal reads section and key names case-insensitively, so the editor matches them that way too.
export const settingId = (s: { file: string; section: string; key: string }): string =>
  `${s.file}|${s.section.toLowerCase()}|${s.key.toLowerCase()}`;

/** Pairs every catalogue entry with its value in the files (the first occurrence, as the game reads it). */
export function toRows(catalogue: readonly GameSettingDef[], values: readonly GameSettingValue[]): SettingRow[] {
  const stored = new Map<string, string>();
  for (const v of values) if (!stored.has(settingId(v))) stored.set(settingId(v), v.value);
  return catalogue.map((def) => ({ def, id: settingId(def), stored: stored.get(settingId(def)) }));
}

/** INI text to the setting's type: "True" → true, "1.000000" → 1; anything unparseable stays text. */
export function parseStored(def: GameSettingDef, raw: string): string | number | boolean {
  const text = raw.trim();
  if (def.type === 'boolean') {
    if (/^true$/i.test(text)) return true;
    if (/^false$/i.test(text)) return false;
    return text;
  }
  if (def.type === 'integer' || def.type === 'float') {
    const n = Number(text);
    return text !== '' && Number.isFinite(n) ? n : text;
  }
  return raw;
}

function sameValue(def: GameSettingDef, a: string | number | boolean | null, b: string | number | boolean | null) {
  if (def.type === 'enum' && typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  return a === b;
}

/** Set in the file to something other than the default (a key written with its default value is not a change). */
export function isChangedFromDefault(row: SettingRow): boolean {
  return row.stored !== undefined && !sameValue(row.def, parseStored(row.def, row.stored), row.def.default);
}

/** What the input shows: the edit, else the file's value, else the default. */
export function shownValue(row: SettingRow, draft: Draft): string | number | boolean | null {
  const edited = draft[row.id];
  if (edited !== undefined) return edited === null ? row.def.default : edited;
  return row.stored === undefined ? row.def.default : parseStored(row.def, row.stored);
}

/** Whether the edit of a row would change the file. */
export function isPending(row: SettingRow, draft: Draft): boolean {
  const edited = draft[row.id];
  if (edited === undefined) return false;
  if (edited === null) return row.stored !== undefined;
  return row.stored === undefined || !sameValue(row.def, parseStored(row.def, row.stored), edited);
}

const between = (def: GameSettingDef): string | null => {
  if (def.min !== undefined && def.max !== undefined) return `Must be between ${def.min} and ${def.max}`;
  if (def.min !== undefined) return `Must be at least ${def.min}`;
  if (def.max !== undefined) return `Must be at most ${def.max}`;
  return null;
};

function numberError(def: GameSettingDef, value: string | number | boolean): string | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(n)) return 'Enter a number, or reset it to the default';
  if (def.type === 'integer' && !Number.isInteger(n)) return 'Must be a whole number';
  if ((def.min !== undefined && n < def.min) || (def.max !== undefined && n > def.max)) return between(def);
  return null;
}

/** Why an edited value cannot be saved, or null; the same rules the server checks. */
export function validateValue(def: GameSettingDef, value: GameSettingChangeValue): string | null {
  if (value === null) return null;
  switch (def.type) {
    case 'boolean':
      return typeof value === 'boolean' ? null : 'Choose on or off';
    case 'integer':
    case 'float':
      return numberError(def, value);
    case 'enum':
      return typeof value === 'string' && (def.options ?? []).includes(value)
        ? null
        : `Choose one of: ${(def.options ?? []).join(', ')}`;
    case 'string':
      return typeof value === 'string' && /[\r\n]/.test(value) ? 'Must be a single line' : null;
  }
}

/** The value as the API takes it: numbers as numbers (a half-typed "1." is already a number here). */
export function toApiValue(def: GameSettingDef, value: GameSettingChangeValue): GameSettingChangeValue {
  if ((def.type === 'integer' || def.type === 'float') && typeof value === 'string') return Number(value);
  return value;
}

/** A way back to the default exists: an edit to undo, or a key in the file to remove. */
export function canReset(row: SettingRow, draft: Draft): boolean {
  const edited = draft[row.id];
  if (edited === null) return false;
  return edited !== undefined || row.stored !== undefined;
}

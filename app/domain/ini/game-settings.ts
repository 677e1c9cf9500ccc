import type {
  ConfigFileName,
  FieldError,
  GameSettingChange,
  GameSettingDef,
  GameSettingValue,
  MisplacedSettingWarning,
} from '@ark-asa/contracts';
import { AppError } from '../app-error.ts';
import { findSetting, GAME_SETTINGS } from './catalogue/index.ts';
import type { IniDocument } from './ini-document.ts';
import { classifyLine, sameName, splitLines } from './ini-line.ts';
import { formatSettingValue } from './setting-value.ts';

/** A change checked against the catalogue: `text` null removes the key so the default applies. */
export interface CheckedChange {
  def: GameSettingDef;
  text: string | null;
}

/**
 * The catalogue keys a file holds in their own section, with the raw text the server reads (the
 * first occurrence, as IniDocument.get and UE's config lookup see it). Keys spell as in the catalogue.
 */
export function readGameSettings(
  file: ConfigFileName,
  doc: IniDocument,
  catalogue: readonly GameSettingDef[] = GAME_SETTINGS,
): GameSettingValue[] {
  const values: GameSettingValue[] = [];
  for (const def of catalogue) {
    if (def.file !== file) continue;
    const value = doc.get(def.section, def.key);
    if (value !== undefined) values.push({ file, section: def.section, key: def.key, value });
  }
  return values;
}

/**
 * Checks every change against the catalogue and answers one 400 naming each bad field
 * (`changes.<i>.key`, `.section`, `.value`). Keys the catalogue does not know stay for the raw
 * editor, and managed keys belong to the instance settings, which rewrite them at every start.
 */
export function checkChanges(
  changes: readonly GameSettingChange[],
  catalogue: readonly GameSettingDef[] = GAME_SETTINGS,
): CheckedChange[] {
  const errors: FieldError[] = [];
  const seen = new Set<GameSettingDef>();
  const checked: CheckedChange[] = [];
  changes.forEach((change, i) => {
    const at = (part: string, message: string) => errors.push({ field: `changes.${i}.${part}`, message });
    const def = findSetting(change.file, change.key, catalogue);
    if (def === undefined)
      return at('key', `${change.file} has no setting "${change.key}" in the catalogue; use the raw editor`);
    if (!sameName(change.section, def.section)) return at('section', `${def.key} belongs in [${def.section}]`);
    if (def.managed) return at('key', `${def.key} is managed by the instance settings; change it there`);
    if (seen.has(def)) return at('key', `${def.key} is changed twice in one request`);
    seen.add(def);
    if (change.value === null) return checked.push({ def, text: null });
    const formatted = formatSettingValue(def, change.value);
    if (!formatted.ok) return at('value', formatted.message);
    checked.push({ def, text: formatted.text });
  });
  if (errors.length > 0) throw AppError.validation(errors);
  return checked;
}

/**
 * Writes checked changes of one file into its document. A set leaves exactly one line (the first
 * one, edited in place, keeping its spelling), since a stale duplicate could be the one the server
 * reads; a removal deletes the key from its section. Every other line stays as it was.
 */
export function applyChanges(file: ConfigFileName, doc: IniDocument, changes: readonly CheckedChange[]): void {
  for (const { def, text } of changes) {
    if (def.file !== file) continue;
    if (text === null) doc.remove(def.section, def.key);
    else doc.setAll(def.section, def.key, [text]);
  }
}

/**
 * Catalogue keys of this file that sit outside their section (or before any section header),
 * where the server silently ignores them. Line numbers are 1-based, as an editor shows them.
 */
export function findMisplacedKeys(
  file: ConfigFileName,
  doc: IniDocument,
  catalogue: readonly GameSettingDef[] = GAME_SETTINGS,
): MisplacedSettingWarning[] {
  const warnings: MisplacedSettingWarning[] = [];
  let section: string | null = null;
  splitLines(doc.toString().replace(/^\uFEFF/, '')).forEach(({ text, eol }, i) => {
    const line = classifyLine(text, eol);
    if (line.kind === 'section') section = line.name;
    if (line.kind !== 'entry') return;
    const def = findSetting(file, line.key, catalogue);
    if (def === undefined || (section !== null && sameName(section, def.section))) return;
    warnings.push({ file, key: line.key, section: section ?? '', expectedSection: def.section, line: i + 1 });
  });
  return warnings;
}

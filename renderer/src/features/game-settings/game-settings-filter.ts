import type { ConfigFileName } from '@ark-asa/contracts';
import { categoryLabel } from './game-settings-types.ts';
import { isChangedFromDefault, isPending, type Draft, type SettingRow } from './game-settings-model.ts';

export interface SettingsFilter {
  query: string;
  /** Only settings set to something other than their default, or edited and not yet saved. */
  changedOnly: boolean;
}

export interface SectionGroup {
  file: ConfigFileName;
  section: string;
  rows: SettingRow[];
}

export interface CategoryGroup {
  category: string;
  sections: SectionGroup[];
}

/** Every word of the query appears in the label, key, description, category or section (any case). */
export function matchesQuery(row: SettingRow, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return true;
  const { def } = row;
  const hay = [def.label, def.key, def.description, categoryLabel(def.category), def.section, def.file]
    .join(' ')
    .toLowerCase();
  return words.every((w) => hay.includes(w));
}

export function filterRows(rows: readonly SettingRow[], draft: Draft, filter: SettingsFilter): SettingRow[] {
  return rows.filter(
    (row) =>
      matchesQuery(row, filter.query) && (!filter.changedOnly || isChangedFromDefault(row) || isPending(row, draft)),
  );
}

/** Category, then file and section, in the catalogue's own order. */
export function groupRows(rows: readonly SettingRow[]): CategoryGroup[] {
  const categories = new Map<string, Map<string, SectionGroup>>();
  for (const row of rows) {
    const { category, file, section } = row.def;
    const sections = categories.get(category) ?? new Map<string, SectionGroup>();
    categories.set(category, sections);
    const sectionKey = `${file}|${section.toLowerCase()}`;
    const group = sections.get(sectionKey) ?? { file, section, rows: [] };
    sections.set(sectionKey, group);
    group.rows.push(row);
  }
  return [...categories].map(([category, sections]) => ({ category, sections: [...sections.values()] }));
}

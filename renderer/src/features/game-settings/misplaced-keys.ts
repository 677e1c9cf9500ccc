import type { ConfigFileName } from '@ark-asa/contracts';
import type { GameSettingDef } from './game-settings-types.ts';

/** A known key on a line of a section where the game does not look for it. */
export interface MisplacedKey {
  /** 1-based line number in the text. */
  line: number;
  key: string;
  /** The section it sits in; null above the first section header. */
  section: string | null;
  /** Where the catalogue says it belongs (the catalogue's spelling). */
  expectedSection: string;
}

/** Known sections of each key of one file, lower-cased for Unreal's case-insensitive lookup. */
function sectionsByKey(file: ConfigFileName, catalogue: readonly GameSettingDef[]): Map<string, GameSettingDef[]> {
  const byKey = new Map<string, GameSettingDef[]>();
  for (const def of catalogue) {
    if (def.file !== file) continue;
    const k = def.key.toLowerCase();
    byKey.set(k, [...(byKey.get(k) ?? []), def]);
  }
  return byKey;
}

/**
 * Finds known keys written under the wrong section header of the raw text (the game ignores them
 * there). Comments, unknown keys and keys in their own section are left alone; an indexed key
 * (`PerLevelStatsMultiplier_Player[0]`) is looked up by its name as well.
 */
export function findMisplacedKeys(
  text: string,
  file: ConfigFileName,
  catalogue: readonly GameSettingDef[],
): MisplacedKey[] {
  const byKey = sectionsByKey(file, catalogue);
  if (!byKey.size) return [];
  const found: MisplacedKey[] = [];
  let section: string | null = null;
  text.split(/\r\n|\r|\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith(';') || line.startsWith('#')) return;
    const header = /^\[(.*)\]$/.exec(line);
    if (header) {
      section = header[1]!.trim();
      return;
    }
    const eq = line.indexOf('=');
    if (eq <= 0) return;
    const key = line.slice(0, eq).trim();
    const defs = byKey.get(key.toLowerCase()) ?? byKey.get(key.replace(/\[\d+\]$/, '').toLowerCase());
    if (!defs) return;
    const here = section?.toLowerCase();
    if (defs.some((d) => d.section.toLowerCase() === here)) return;
    found.push({ line: i + 1, key, section, expectedSection: defs[0]!.section });
  });
  return found;
}

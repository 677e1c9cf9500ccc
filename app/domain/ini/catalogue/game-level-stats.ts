import type { GameSettingDef } from '@ark-asa/contracts';
import { GAME_MODE, group } from './define.ts';

/** The stat indexes ARK uses in every `[i]` key. */
const STATS = [
  'Health',
  'Stamina',
  'Torpidity',
  'Oxygen',
  'Food',
  'Water',
  'Temperature',
  'Weight',
  'Melee damage',
  'Movement speed',
  'Fortitude',
  'Crafting speed',
] as const;

/** The wiki's row gives no default for the indexed keys; these pages list the game's values. */
const PLAYER_SOURCE =
  'https://gamever.io/knowledge-base/ark-player-stats-per-level-configure-stat-gains-on-your-server';
const DINO_SOURCE =
  'https://shockbyte.com/billing/knowledgebase/756/How-to-Configure-Per-Level-and-Base-Level-Stats-on-your-ARK-Server.html';

/** The stats creatures level (the others are unused on creatures, so the catalogue leaves them out). */
const DINO_STATS = [0, 1, 2, 3, 4, 7, 8, 9] as const;

interface Family {
  prefix: string;
  who: string;
  category: string;
  source: string;
  indexes: readonly number[];
  /** Defaults that are not 1.0, by stat index. */
  defaults?: Partial<Record<number, number>>;
}

const FAMILIES: readonly Family[] = [
  {
    prefix: 'PerLevelStatsMultiplier_Player',
    who: 'survivors gain per level point spent',
    category: 'player-stats',
    source: PLAYER_SOURCE,
    indexes: STATS.map((_, i) => i),
  },
  {
    prefix: 'PerLevelStatsMultiplier_DinoWild',
    who: 'wild creatures gain per wild level',
    category: 'dino-stats',
    source: DINO_SOURCE,
    indexes: DINO_STATS,
  },
  {
    prefix: 'PerLevelStatsMultiplier_DinoTamed',
    who: 'tamed creatures gain per level point spent',
    category: 'dino-stats',
    source: DINO_SOURCE,
    indexes: DINO_STATS,
    defaults: { 0: 0.2, 8: 0.17 },
  },
  {
    prefix: 'PerLevelStatsMultiplier_DinoTamed_Add',
    who: 'creatures get as a flat bonus when tamed',
    category: 'dino-stats',
    source: DINO_SOURCE,
    indexes: DINO_STATS,
    defaults: { 0: 0.14, 8: 0.14 },
  },
  {
    prefix: 'PerLevelStatsMultiplier_DinoTamed_Affinity',
    who: 'creatures get from taming effectiveness when tamed',
    category: 'dino-stats',
    source: DINO_SOURCE,
    indexes: DINO_STATS,
    defaults: { 0: 0.44, 8: 0.44 },
  },
];

function familyEntries(f: Family): GameSettingDef[] {
  const make = group({ ...GAME_MODE, category: f.category, source: f.source });
  const kind = f.prefix.replace('PerLevelStatsMultiplier_', '').replace('_', ' ');
  return f.indexes.map((i) =>
    make.float(
      `${f.prefix}[${i}]`,
      f.defaults?.[i] ?? 1,
      `${STATS[i]} per level (${kind})`,
      `Scales the ${STATS[i]!.toLowerCase()} ${f.who} (stat index ${i}). Official servers use the default.`,
      { min: 0 },
    ),
  );
}

/** Game.ini per-level stat multipliers: one key per stat index, e.g. PerLevelStatsMultiplier_Player[7] for weight. */
export const GAME_LEVEL_STATS: readonly GameSettingDef[] = FAMILIES.flatMap(familyEntries);

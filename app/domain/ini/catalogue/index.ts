import type { ConfigFileName, GameSettingDef } from '@ark-asa/contracts';
import { sameName } from '../ini-line.ts';
import { GAME_BREEDING } from './game-breeding.ts';
import { GAME_GAMEPLAY } from './game-gameplay.ts';
import { GAME_LEVEL_STATS } from './game-level-stats.ts';
import { GAME_RULES } from './game-rules.ts';
import { GAME_STRUCTURES } from './game-structures.ts';
import { GUS_CREATURES } from './gus-creatures.ts';
import { GUS_RATES } from './gus-rates.ts';
import { GUS_RULES } from './gus-rules.ts';
import { GUS_STRUCTURES } from './gus-structures.ts';

/**
 * The typed catalogue of server options the settings editor knows (docs/game-settings.md). It is
 * data the project owns: every entry names the public page its key, section, type and default
 * were checked against, and catalogue.test.ts holds the entries to that transcription.
 */
export const GAME_SETTINGS: readonly GameSettingDef[] = [
  ...GUS_RATES,
  ...GUS_CREATURES,
  ...GUS_STRUCTURES,
  ...GUS_RULES,
  ...GAME_BREEDING,
  ...GAME_GAMEPLAY,
  ...GAME_RULES,
  ...GAME_STRUCTURES,
  ...GAME_LEVEL_STATS,
];

/** The entry for a key of a file, matched case-insensitively as UE does; undefined for an unknown key. */
export function findSetting(
  file: ConfigFileName,
  key: string,
  catalogue: readonly GameSettingDef[] = GAME_SETTINGS,
): GameSettingDef | undefined {
  return catalogue.find((s) => s.file === file && sameName(s.key, key));
}

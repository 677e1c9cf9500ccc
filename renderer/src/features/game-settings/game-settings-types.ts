import type { GameSettingChange } from '@ark-asa/contracts';

export type {
  GameSettingChange,
  GameSettingDef,
  GameSettingValue,
  InstanceGameSettings,
  MisplacedSettingWarning,
} from '@ark-asa/contracts';

/** A value sent for a setting; null removes the key, so the game's default applies. */
export type GameSettingChangeValue = GameSettingChange['value'];

const CATEGORY_LABELS: Record<string, string> = {
  rates: 'Rates',
  difficulty: 'Difficulty',
  xp: 'Experience',
  harvesting: 'Harvesting',
  taming: 'Taming',
  breeding: 'Breeding',
  'player-stats': 'Player stats',
  'dino-stats': 'Creature stats',
  structures: 'Structures',
  'pvp-pve': 'PvP and PvE',
  'day-night': 'Day and night',
  rules: 'Rules',
  server: 'Server',
  managed: 'Written by the manager',
};

/** The heading of a catalogue category (its id is a slug such as `player-stats`). */
export function categoryLabel(category: string): string {
  const known = CATEGORY_LABELS[category];
  if (known) return known;
  const words = category.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

import { z } from 'zod';
import { ConfigFileName } from './config-file.ts';

/**
 * The structured settings editor (docs/game-settings.md): a typed catalogue of the options of
 * GameUserSettings.ini and Game.ini, the values an instance's files hold for them, and changes
 * written through the line-preserving INI model, so hand edits and unknown keys survive.
 */
export const GAME_SETTING_TYPES = ['boolean', 'integer', 'float', 'string', 'enum'] as const;
export const GameSettingType = z.enum(GAME_SETTING_TYPES);
export type GameSettingType = z.infer<typeof GameSettingType>;

/** The groups the editor shows; every catalogue entry belongs to exactly one. */
export const GAME_SETTING_CATEGORIES = [
  'rates',
  'difficulty',
  'xp',
  'harvesting',
  'taming',
  'breeding',
  'player-stats',
  'dino-stats',
  'structures',
  'pvp-pve',
  'day-night',
  'rules',
  'server',
  'managed',
] as const;

export const GameSettingDefault = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const GameSettingDef = z
  .object({
    key: z.string(),
    file: ConfigFileName,
    section: z.string(),
    type: GameSettingType,
    /** What the server uses when the key is absent; null when the sources give none. */
    default: GameSettingDefault,
    min: z.number().optional(),
    max: z.number().optional(),
    /** The allowed values of an `enum` setting. */
    options: z.array(z.string()).optional(),
    category: z.string(),
    label: z.string(),
    description: z.string(),
    /** A public URL the key, section, type and default were checked against. */
    source: z.string(),
    /** Written by the manager from the instance settings on every start: shown, never edited here. */
    managed: z.boolean().optional(),
  })
  .meta({ id: 'GameSettingDef' });
export type GameSettingDef = z.infer<typeof GameSettingDef>;

export const GameSettingsCatalogue = z
  .object({ settings: z.array(GameSettingDef) })
  .meta({ id: 'GameSettingsCatalogue' });
export type GameSettingsCatalogue = z.infer<typeof GameSettingsCatalogue>;

export const GameSettingValue = z
  .object({ file: ConfigFileName, section: z.string(), key: z.string(), value: z.string() })
  .meta({ id: 'GameSettingValue' });
export type GameSettingValue = z.infer<typeof GameSettingValue>;

/** A catalogue key found in a section of its file where the server does not look for it. */
export const MisplacedSettingWarning = z
  .object({
    file: ConfigFileName,
    key: z.string(),
    section: z.string(),
    expectedSection: z.string(),
    /** 1-based line number in the file. */
    line: z.int().min(1),
  })
  .meta({ id: 'MisplacedSettingWarning' });
export type MisplacedSettingWarning = z.infer<typeof MisplacedSettingWarning>;

export const InstanceGameSettings = z
  .object({
    /** Only keys that are in the files and known to the catalogue, as written (raw text after `=`). */
    values: z.array(GameSettingValue),
    warnings: z.array(MisplacedSettingWarning),
  })
  .meta({ id: 'InstanceGameSettings' });
export type InstanceGameSettings = z.infer<typeof InstanceGameSettings>;

export const GameSettingChange = z.strictObject({
  file: ConfigFileName,
  section: z.string().min(1).max(200),
  key: z.string().min(1).max(200),
  /** null removes the key, so the server's default applies. */
  value: z.union([z.string().max(4096), z.number(), z.boolean(), z.null()]),
});
export type GameSettingChange = z.infer<typeof GameSettingChange>;

export const GameSettingsPatchBody = z
  .strictObject({
    changes: z.array(GameSettingChange).min(1, 'Send at least one change').max(500, 'At most 500 changes'),
  })
  .meta({ id: 'GameSettingsPatchBody' });
export type GameSettingsPatchBody = z.infer<typeof GameSettingsPatchBody>;

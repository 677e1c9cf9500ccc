import type { ConfigFileName, GameSettingDef } from '@ark-asa/contracts';

/** The wiki's option tables, which most entries were checked against (fixtures/wiki-options.txt). */
export const WIKI_SERVER_CONFIGURATION = 'https://ark.wiki.gg/wiki/Server_configuration';

export const GUS_SERVER = { file: 'GameUserSettings.ini', section: 'ServerSettings' } as const;
/** The wiki writes it in lower case; UE matches sections case-insensitively, so either spelling is read. */
export const GAME_MODE = { file: 'Game.ini', section: '/Script/ShooterGame.ShooterGameMode' } as const;

interface Place {
  file: ConfigFileName;
  section: string;
  category: string;
  source?: string;
}

type Extra = Pick<GameSettingDef, 'min' | 'max' | 'options' | 'managed'>;

/**
 * Short constructors for catalogue entries that share a file, section, category and source, so
 * each entry reads as one line of data: key, default, label, description, range.
 */
export function group(place: Place) {
  const entry = <T extends GameSettingDef['type']>(type: T) => {
    return (
      key: string,
      byDefault: GameSettingDef['default'],
      label: string,
      description: string,
      extra: Extra = {},
    ): GameSettingDef => ({
      key,
      file: place.file,
      section: place.section,
      type,
      default: byDefault,
      ...extra,
      category: place.category,
      label,
      description,
      source: place.source ?? WIKI_SERVER_CONFIGURATION,
    });
  };
  return { bool: entry('boolean'), int: entry('integer'), float: entry('float'), str: entry('string') };
}

import {
  CONFIG_FILES,
  type ConfigFileName,
  type GameSettingChange,
  type GameSettingsCatalogue,
  type InstanceGameSettings,
} from '@ark-asa/contracts';
import { GAME_SETTINGS } from '../domain/ini/catalogue/index.ts';
import { applyChanges, checkChanges, findMisplacedKeys, readGameSettings } from '../domain/ini/game-settings.ts';
import { IniDocument } from '../domain/ini/ini-document.ts';
import type { ConfigFilesService } from './config-files-service.ts';

export interface GameSettingsServiceDeps {
  /** The raw file service: its reads and writes (status checks, atomic write, encoding, masked passwords) are reused as they are. */
  configFiles: () => Pick<ConfigFilesService, 'read' | 'write' | 'checkWritable'>;
}

/**
 * GET/PATCH /api/v1/instances/:id/game-settings: the catalogue's view of an instance's two INI
 * files (docs/game-settings.md). Changes go through the line-preserving IniDocument and are stored
 * by the same path as the raw editor's PUT, so comments, unknown keys and order survive and the
 * same 409 applies while a server process exists. The files travel with passwords masked and the
 * write puts the stored passwords back, exactly as a GET then PUT of the raw text does.
 */
export class GameSettingsService {
  constructor(private readonly deps: GameSettingsServiceDeps) {}

  catalogue(): GameSettingsCatalogue {
    return { settings: [...GAME_SETTINGS] };
  }

  async read(instanceId: string): Promise<InstanceGameSettings> {
    const docs = await this.load(instanceId);
    return view(docs);
  }

  async change(instanceId: string, changes: readonly GameSettingChange[]): Promise<InstanceGameSettings> {
    const checked = checkChanges(changes);
    this.deps.configFiles().checkWritable(instanceId);
    const docs = await this.load(instanceId);
    for (const file of CONFIG_FILES) {
      const before = docs[file].toString();
      applyChanges(file, docs[file], checked);
      const after = docs[file].toString();
      // An unchanged file is not rewritten, so its timestamp says when it really changed.
      if (after !== before)
        docs[file] = IniDocument.parse(await this.deps.configFiles().write(instanceId, file, after));
    }
    return view(docs);
  }

  private async load(instanceId: string): Promise<Record<ConfigFileName, IniDocument>> {
    const files = this.deps.configFiles();
    const [gus, game] = await Promise.all(CONFIG_FILES.map((file) => files.read(instanceId, file)));
    return { 'GameUserSettings.ini': IniDocument.parse(gus ?? ''), 'Game.ini': IniDocument.parse(game ?? '') };
  }
}

function view(docs: Record<ConfigFileName, IniDocument>): InstanceGameSettings {
  return {
    values: CONFIG_FILES.flatMap((file) => readGameSettings(file, docs[file])),
    warnings: CONFIG_FILES.flatMap((file) => findMisplacedKeys(file, docs[file])),
  };
}

import { GameSettingsCatalogue, GameSettingsPatchBody, InstanceGameSettings } from '../dto/game-settings.ts';
import { InstanceIdParams } from '../dto/instance.ts';
import { defineRoute } from './route.ts';

/** The structured settings editor (docs/game-settings.md); the raw files stay at /config/:file. */
export const gameSettingsRoutes = {
  getGameSettingsCatalogue: defineRoute({
    method: 'get',
    path: '/api/v1/game-settings/catalogue',
    summary:
      'The typed catalogue of GameUserSettings.ini and Game.ini options (key, section, type, default, range, source)',
    tag: 'config',
    responses: { 200: GameSettingsCatalogue },
  }),
  getInstanceGameSettings: defineRoute({
    method: 'get',
    path: '/api/v1/instances/:id/game-settings',
    summary: 'The catalogue keys present in the instance files, and known keys sitting in a wrong section',
    tag: 'config',
    params: InstanceIdParams,
    responses: { 200: InstanceGameSettings },
  }),
  patchInstanceGameSettings: defineRoute({
    method: 'patch',
    path: '/api/v1/instances/:id/game-settings',
    summary:
      'Change catalogue settings in place (null removes the key); every other line is kept. 409 while the server runs, since it rewrites the file on exit',
    tag: 'config',
    params: InstanceIdParams,
    body: GameSettingsPatchBody,
    responses: { 200: InstanceGameSettings },
  }),
};

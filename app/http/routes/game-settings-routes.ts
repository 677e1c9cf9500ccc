import type { Router } from 'express';
import { apiRoutes } from '@ark-asa/contracts';
import type { GameSettingsService } from '../../services/game-settings-service.ts';
import { mountRoute, type MountOptions } from '../mount-route.ts';

/** The structured settings editor: the catalogue, and an instance's values with misplaced-key warnings. */
export function mountGameSettingsRoutes(router: Router, s: GameSettingsService, opts: MountOptions): void {
  mountRoute(router, apiRoutes.getGameSettingsCatalogue, () => s.catalogue(), opts);
  mountRoute(router, apiRoutes.getInstanceGameSettings, ({ params }) => s.read(params.id), opts);
  mountRoute(
    router,
    apiRoutes.patchInstanceGameSettings,
    ({ params, body }) => s.change(params.id, body.changes),
    opts,
  );
}

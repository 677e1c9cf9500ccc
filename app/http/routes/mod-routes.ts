import type { Router } from 'express';
import { modRoutes } from '@ark-asa/contracts';
import type { ModsService } from '../../services/mods-service.ts';
import { mountRoute, type MountOptions } from '../mount-route.ts';

export function mountModRoutes(router: Router, mods: ModsService, opts: MountOptions): void {
  mountRoute(router, modRoutes.getInstanceMods, ({ params }) => mods.list(params.id), opts);
  mountRoute(router, modRoutes.refreshInstanceMods, ({ params }) => mods.refresh(params.id), opts);
  mountRoute(router, modRoutes.checkModUpdates, () => mods.checkNow(), opts);
  mountRoute(router, modRoutes.getCurseForgeKey, () => mods.keyState(), opts);
  mountRoute(router, modRoutes.putCurseForgeKey, ({ body }) => mods.setKey(body), opts);
}

import type { Router } from 'express';
import { apiRoutes } from '@ark-asa/contracts';
import type { Services } from '../../services/index.ts';
import { JsonText, mountRoute, type MountOptions } from '../mount-route.ts';

/** The instance's stored log, its two INI files, its id lists, and unban (the way back from ban). */
export function mountInstanceFilesRoutes(router: Router, s: Services, opts: MountOptions): void {
  // pageJson answers 404 for an unknown instance itself, in the read of the page: reading the whole
  // record first (its settings parsed) only to drop it cost a statement and a JSON.parse per request.
  mountRoute(
    router,
    apiRoutes.listLogs,
    ({ params, query }) => new JsonText(s.logs.pageJson(params.id, query.limit, query.before)),
    opts,
  );
  mountRoute(router, apiRoutes.getConfigFile, ({ params }) => s.configFiles.read(params.id, params.file), opts);
  mountRoute(
    router,
    apiRoutes.putConfigFile,
    ({ params, body }) => s.configFiles.write(params.id, params.file, body),
    opts,
  );
  mountRoute(router, apiRoutes.getPlayerList, ({ params }) => s.playerLists.read(params.id, params.list), opts);
  mountRoute(
    router,
    apiRoutes.putPlayerList,
    ({ params, body }) => s.playerLists.write(params.id, params.list, body.ids),
    opts,
  );
  mountRoute(
    router,
    apiRoutes.unbanPlayer,
    async ({ params, body }) => ({ response: await s.lifecycle.rcon(params.id, `UnbanPlayer ${body.platformId}`) }),
    opts,
  );
}

import type { Router } from 'express';
import { apiRoutes } from '@ark-asa/contracts';
import type { Services } from '../../services/index.ts';
import { mountRoute, type MountOptions } from '../mount-route.ts';

/** The instance's stored log and its two INI files. */
export function mountInstanceFilesRoutes(router: Router, s: Services, opts: MountOptions): void {
  mountRoute(router, apiRoutes.listLogs, ({ params, query }) => {
    s.instances.record(params.id);
    return s.logs.page(params.id, query.limit, query.before);
  }, opts);
  mountRoute(router, apiRoutes.getConfigFile, ({ params }) => s.configFiles.read(params.id, params.file), opts);
  mountRoute(router, apiRoutes.putConfigFile, ({ params, body }) => s.configFiles.write(params.id, params.file, body), opts);
}

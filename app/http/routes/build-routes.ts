import type { Router } from 'express';
import { apiRoutes } from '@ark-asa/contracts';
import type { BuildsService } from '../../services/builds-service.ts';
import { JsonText, mountRoute, type MountOptions } from '../mount-route.ts';

/** Builds and SteamCMD: the list answers at once, everything else is a job (202 `{ job }`). */
export function mountBuildRoutes(router: Router, builds: BuildsService, opts: MountOptions): void {
  mountRoute(router, apiRoutes.listBuilds, () => new JsonText(builds.listJson()), opts);
  mountRoute(router, apiRoutes.installBuild, ({ body }) => ({ job: builds.install(body) }), opts);
  mountRoute(router, apiRoutes.checkLatestBuild, () => ({ job: builds.checkLatest() }), opts);
  mountRoute(router, apiRoutes.deleteBuild, ({ params }) => ({ job: builds.delete(params.buildId) }), opts);
  mountRoute(router, apiRoutes.installSteamcmd, () => ({ job: builds.installSteamcmd() }), opts);
}

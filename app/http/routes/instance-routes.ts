import type { Router } from 'express';
import { apiRoutes } from '@ark-asa/contracts';
import type { Services } from '../../services/index.ts';
import { JsonText, mountRoute, type MountOptions } from '../mount-route.ts';

export function mountInstanceRoutes(router: Router, s: Services, opts: MountOptions): void {
  mountRoute(
    router,
    apiRoutes.listInstances,
    ({ query }) => new JsonText(s.instances.listJson(query.limit, query.cursor)),
    opts,
  );
  mountRoute(router, apiRoutes.createInstance, ({ body }) => s.instances.create(body), opts);
  mountRoute(router, apiRoutes.getInstance, ({ params }) => s.instances.get(params.id), opts);
  mountRoute(router, apiRoutes.updateInstance, ({ params, body }) => s.instances.update(params.id, body), opts);
  mountRoute(
    router,
    apiRoutes.deleteInstance,
    async ({ params }) => {
      await s.instances.delete(params.id);
      return undefined;
    },
    opts,
  );
}

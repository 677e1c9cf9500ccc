import type { Router } from 'express';
import { apiRoutes } from '@ark-asa/contracts';
import type { Services } from '../../services/index.ts';
import { mountRoute, type MountOptions } from '../mount-route.ts';

export function mountLifecycleRoutes(router: Router, s: Services, opts: MountOptions): void {
  const life = s.lifecycle;
  mountRoute(router, apiRoutes.startInstance, ({ params }) => ({ job: life.start(params.id) }), opts);
  mountRoute(router, apiRoutes.stopInstance, ({ params, body }) => ({ job: life.stop(params.id, body) }), opts);
  mountRoute(router, apiRoutes.restartInstance, ({ params, body }) => ({ job: life.restart(params.id, body) }), opts);
  mountRoute(
    router,
    apiRoutes.updateInstanceBuild,
    ({ params, body }) => ({ job: life.update(params.id, body.buildId) }),
    opts,
  );
  mountRoute(
    router,
    apiRoutes.resolveUnconfirmedProcess,
    ({ params, body }) => life.resolveUnconfirmed(params.id, body.action),
    opts,
  );
  mountRoute(
    router,
    apiRoutes.rcon,
    async ({ params, body }) => ({ response: await life.rcon(params.id, body.command) }),
    opts,
  );
  mountRoute(router, apiRoutes.listPlayers, async ({ params }) => ({ items: await life.players(params.id) }), opts);
  mountRoute(
    router,
    apiRoutes.broadcast,
    async ({ params, body }) => ({ response: await life.rcon(params.id, `Broadcast ${body.message}`) }),
    opts,
  );
  mountRoute(
    router,
    apiRoutes.sendChat,
    async ({ params, body }) => ({ response: await life.chat(params.id, body.message) }),
    opts,
  );
  mountRoute(
    router,
    apiRoutes.kickPlayer,
    async ({ params, body }) => ({ response: await life.rcon(params.id, `KickPlayer ${body.platformId}`) }),
    opts,
  );
  mountRoute(
    router,
    apiRoutes.banPlayer,
    async ({ params, body }) => ({ response: await life.rcon(params.id, `BanPlayer ${body.platformId}`) }),
    opts,
  );
}

import type { Router } from 'express';
import { apiRoutes, PROTOCOL_VERSION } from '@ark-asa/contracts';
import { cachedDiskHealth } from '../../services/disk-health.ts';
import type { Services } from '../../services/index.ts';
import { mountRoute, type MountOptions } from '../mount-route.ts';

export function mountSystemRoutes(router: Router, s: Services, opts: MountOptions): void {
  const diskHealth = cachedDiskHealth();
  mountRoute(
    router,
    apiRoutes.health,
    async () => ({
      status: 'ok' as const,
      version: s.version,
      protocolVersion: PROTOCOL_VERSION,
      uptimeSec: Math.round((Date.now() - s.startedAt) / 1000),
      disk: await diskHealth(s.settings.get().dataRoot),
    }),
    opts,
  );
  mountRoute(router, apiRoutes.listAgents, () => ({ items: s.agents.list(), nextCursor: null }), opts);
  mountRoute(router, apiRoutes.getAgent, ({ params }) => s.agents.get(params.agentId), opts);
  mountRoute(router, apiRoutes.getSettings, () => s.settings.getPublic(), opts);
  mountRoute(router, apiRoutes.patchSettings, ({ body }) => s.settings.update(body), opts);
  mountRoute(router, apiRoutes.checkDataRoot, ({ body }) => s.settings.checkDataRoot(body.dataRoot), opts);
}

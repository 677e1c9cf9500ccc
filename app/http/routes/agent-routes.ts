import type { Router } from 'express';
import { apiRoutes } from '@ark-asa/contracts';
import type { Services } from '../../services/index.ts';
import { mountRoute, type MountOptions } from '../mount-route.ts';

/** Adding, changing and revoking remote hosts (docs/agent-channel.md); listing stays in system-routes.ts. */
export function mountAgentRoutes(router: Router, s: Services, opts: MountOptions): void {
  mountRoute(router, apiRoutes.createAgent, ({ body }) => s.remoteAgents.create(body.name), opts);
  mountRoute(router, apiRoutes.updateAgent, ({ params, body }) => s.remoteAgents.update(params.agentId, body), opts);
  mountRoute(router, apiRoutes.revokeAgent, ({ params }) => s.remoteAgents.revoke(params.agentId), opts);
}

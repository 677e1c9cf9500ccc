import type { Router } from 'express';
import { apiRoutes } from '@ark-asa/contracts';
import type { NetworkService } from '../../services/network-service.ts';
import { mountRoute, type MountOptions } from '../mount-route.ts';

/** Firewall rules per instance and the visibility check (docs/visibility.md). */
export function mountNetworkRoutes(router: Router, s: NetworkService, opts: MountOptions): void {
  mountRoute(router, apiRoutes.getFirewall, ({ params }) => s.firewallState(params.id), opts);
  mountRoute(router, apiRoutes.openFirewall, ({ params, body }) => s.openFirewall(params.id, body), opts);
  mountRoute(router, apiRoutes.closeFirewall, ({ params }) => s.closeFirewall(params.id), opts);
  mountRoute(router, apiRoutes.checkVisibility, ({ params }) => s.checkVisibility(params.id), opts);
}

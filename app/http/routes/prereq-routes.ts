import type { Router } from 'express';
import { apiRoutes } from '@ark-asa/contracts';
import type { PrereqsService } from '../../services/prereqs-service.ts';
import { mountRoute, type MountOptions } from '../mount-route.ts';

/** Host prerequisites (docs/windows-prerequisites.md): the check answers at once, installing is a job. */
export function mountPrereqRoutes(router: Router, s: PrereqsService, opts: MountOptions): void {
  mountRoute(router, apiRoutes.getHostPrerequisites, () => s.check(), opts);
  mountRoute(router, apiRoutes.installHostPrerequisites, ({ body }) => ({ job: s.install(body) }), opts);
}

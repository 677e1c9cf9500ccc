import type { Router } from 'express';
import { apiRoutes } from '@ark-asa/contracts';
import type { Services } from '../../services/index.ts';
import { JsonText, mountRoute, type MountOptions } from '../mount-route.ts';

export function mountJobRoutes(router: Router, s: Services, opts: MountOptions): void {
  mountRoute(router, apiRoutes.listJobs, ({ query }) => new JsonText(s.jobs.listJson(query)), opts);
  mountRoute(router, apiRoutes.createJob, () => ({ job: s.jobs.runDiagnostics() }), opts);
  mountRoute(router, apiRoutes.getJob, ({ params }) => s.jobs.get(params.id), opts);
  mountRoute(router, apiRoutes.cancelJob, ({ params }) => ({ job: s.jobs.cancel(params.id) }), opts);
}

import type { Router } from 'express';
import { importRoutes } from '@ark-asa/contracts';
import type { Services } from '../../services/index.ts';
import { mountRoute, type MountOptions } from '../mount-route.ts';

/** Importing existing servers and saves (docs/import.md). */
export function mountImportRoutes(router: Router, services: Services, opts: MountOptions): void {
  const r = importRoutes;
  mountRoute(router, r.previewImport, ({ body }) => services.imports.preview(body.sourcePath), opts);
  mountRoute(
    router,
    r.importInstance,
    async ({ body }) => ({ job: await services.imports.importInstance(body) }),
    opts,
  );
  mountRoute(
    router,
    r.importSave,
    async ({ params, body }) => ({ job: await services.imports.importSave(params.id, body) }),
    opts,
  );
}

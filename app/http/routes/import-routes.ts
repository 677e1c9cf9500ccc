import type { Request, Router } from 'express';
import { importRoutes } from '@ark-asa/contracts';
import { bodyError, drain } from '../../services/save-upload.ts';
import type { Services } from '../../services/index.ts';
import { mountRoute, type MountOptions } from '../mount-route.ts';

/** What a world upload may be sent as; Windows browsers call a .zip `application/x-zip-compressed`. */
const ZIP_TYPES = ['application/zip', 'application/octet-stream', 'application/x-zip-compressed'];

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
  // The body is the zip itself, read here as a stream (no body parser reads these types).
  mountRoute(
    router,
    r.uploadSave,
    async ({ params }, req) => {
      try {
        if (req.headers['content-type'] !== undefined && !req.is(ZIP_TYPES))
          throw bodyError(
            'Send the world as the raw .zip, with Content-Type application/zip or application/octet-stream',
          );
        return { job: await services.imports.uploadSave(params.id, { body: req, declaredBytes: declared(req) }) };
      } catch (err) {
        // Refused before the body was read (404, 409): read it off, or the client may not see the answer.
        await drain(req);
        throw err;
      }
    },
    opts,
  );
}

function declared(req: Request): number | null {
  const length = Number(req.headers['content-length']);
  return Number.isSafeInteger(length) && length >= 0 ? length : null;
}

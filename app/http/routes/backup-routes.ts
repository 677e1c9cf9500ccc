import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Router } from 'express';
import { backupRoutes } from '@ark-asa/contracts';
import type { BackupsService } from '../../services/backups-service.ts';
import { mountRoute, type MountOptions } from '../mount-route.ts';

/** Backups, their retention policy, and the zip download. */
export function mountBackupRoutes(router: Router, backups: BackupsService, opts: MountOptions): void {
  const r = backupRoutes;
  mountRoute(router, r.listBackups, ({ params, query }) => backups.list(params.id, query.limit, query.cursor), opts);
  mountRoute(router, r.createBackup, ({ params, body }) => ({ job: backups.create(params.id, body) }), opts);
  mountRoute(router, r.getBackup, ({ params }) => backups.get(params.id, params.backupId), opts);
  mountRoute(router, r.restoreBackup, ({ params }) => ({ job: backups.restore(params.id, params.backupId) }), opts);
  mountRoute(
    router,
    r.deleteBackup,
    async ({ params }) => void (await backups.delete(params.id, params.backupId)),
    opts,
  );
  mountRoute(router, r.getBackupPolicy, ({ params }) => backups.policy(params.id), opts);
  mountRoute(router, r.putBackupPolicy, ({ params, body }) => backups.setPolicy(params.id, body), opts);
  // The route table validates the params; the body is the file itself, streamed rather than returned
  // (mountRoute sends nothing once the headers are out). An error before the first byte still gets
  // the JSON error envelope; one mid-stream can only cut the connection, which clients see as a
  // short download.
  mountRoute(
    router,
    r.downloadBackup,
    async ({ params }, _req, res) => {
      const file = await backups.download(params.id, params.backupId);
      const stream = createReadStream(file.path);
      await new Promise<void>((resolve, reject) => stream.once('open', () => resolve()).once('error', reject));
      res
        .status(200)
        .attachment(file.fileName)
        .type('application/zip')
        .setHeader('content-length', String(file.sizeBytes));
      await pipeline(stream, res);
      return '';
    },
    opts,
  );
}

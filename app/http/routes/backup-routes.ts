import { createReadStream, promises as fsp } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Request, Response, Router } from 'express';
import { backupRoutes, ErrorCode, type ErrorEnvelope } from '@ark-asa/contracts';
import type { BackupsService } from '../../services/backups-service.ts';
import { contentRange, requestedRange } from '../byte-range.ts';
import { JsonText, mountRoute, type MountOptions } from '../mount-route.ts';

/** Backups, their retention policy, and the zip download. */
export function mountBackupRoutes(router: Router, backups: BackupsService, opts: MountOptions): void {
  const r = backupRoutes;
  mountRoute(
    router,
    r.listBackups,
    ({ params, query }) => new JsonText(backups.listJson(params.id, query.limit, query.cursor)),
    opts,
  );
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
  // short download. One byte range (`Range: bytes=a-b`) is served as 206: the control plane fetches
  // a remote host's backup piece by piece that way (docs/agent-channel.md#forwarding).
  mountRoute(
    router,
    r.downloadBackup,
    async ({ params }, req, res) => {
      const file = await backups.download(params.id, params.backupId);
      if (req.headers.range !== undefined && (await sentRange(file, req, res))) return '';
      const stream = createReadStream(file.path);
      await new Promise<void>((resolve, reject) => stream.once('open', () => resolve()).once('error', reject));
      res
        .status(200)
        .attachment(file.fileName)
        .type('application/zip')
        .setHeader('content-length', String(file.sizeBytes));
      res.setHeader('accept-ranges', 'bytes');
      await pipeline(stream, res);
      return '';
    },
    opts,
  );
}

/**
 * Answers a Range request with a 206 of the one range asked for, or a 416 naming the file's size;
 * false when the Range is to be ignored (the whole file then goes out as usual).
 */
async function sentRange(file: { path: string; fileName: string }, req: Request, res: Response): Promise<boolean> {
  const { size } = await fsp.stat(file.path);
  const range = requestedRange(req, size);
  if (range === 'full') return false;
  if (range === 'unsatisfiable') {
    const body: ErrorEnvelope = {
      error: { code: ErrorCode.BAD_REQUEST, message: `The range is outside the backup (${size} bytes)` },
    };
    res.status(416).setHeader('content-range', `bytes */${size}`);
    res.json(body);
    return true;
  }
  const stream = createReadStream(file.path, { start: range.start, end: range.end });
  await new Promise<void>((resolve, reject) => stream.once('open', () => resolve()).once('error', reject));
  res.status(206).attachment(file.fileName).type('application/zip');
  res.setHeader('accept-ranges', 'bytes');
  res.setHeader('content-range', contentRange(range, size));
  res.setHeader('content-length', String(range.end - range.start + 1));
  await pipeline(stream, res);
  return true;
}

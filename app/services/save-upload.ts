import { randomUUID } from 'node:crypto';
import fs, { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ErrorCode, SAVE_UPLOAD_MAX_BYTES, type FieldError } from '@ark-asa/contracts';
import { openSaveZip } from '../agents/import/save-source.ts';
import { AppError } from '../domain/app-error.ts';
import { isWorldFileName } from '../domain/backup-contents.ts';

/*
 * World zips uploaded over HTTP (docs/import.md, "Uploading a world"): written to the manager's own
 * disk as they arrive (never held in memory), then imported like a zip given by path.
 */

/** Where uploads wait for their import job; anything here at start is a dead run's (leftovers.ts). */
export function uploadsDir(dataRoot: string): string {
  return path.join(dataRoot, 'runtime', 'uploads');
}

/** Overrides the 8 GiB cap, in bytes (a manager on a small disk; tests). */
export const SAVE_UPLOAD_LIMIT_ENV = 'ARK_SAVE_UPLOAD_MAX_BYTES';

/** The cap of a world upload, in bytes and as said in a 413. Read per request, so a change needs no restart. */
export function saveUploadLimit(): { bytes: number; text: string } {
  const raw = Number(process.env[SAVE_UPLOAD_LIMIT_ENV]);
  const bytes = Number.isSafeInteger(raw) && raw > 0 ? raw : SAVE_UPLOAD_MAX_BYTES;
  return { bytes, text: formatSize(bytes) };
}

/** A size as a 413 says it: whole GiB, MiB or KiB when it is one, else bytes. */
export function formatSize(bytes: number): string {
  for (const [unit, size] of [
    ['GiB', 1024 ** 3],
    ['MiB', 1024 ** 2],
    ['KiB', 1024],
  ] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size} ${unit}`;
  }
  return `${bytes.toLocaleString('en-US')} bytes`;
}

export const bodyError = (message: string) => AppError.validation([{ field: 'body', message }]);

export function uploadTooLarge(limit: { bytes: number; text: string }): AppError {
  return new AppError(ErrorCode.PAYLOAD_TOO_LARGE, `A world upload carries at most ${limit.text}; this one is larger`, {
    limitBytes: limit.bytes,
  });
}

export interface UploadSource {
  body: Readable;
  /** Content-Length, when the client sent one: a body declared too large is refused before it is read. */
  declaredBytes: number | null;
}

/**
 * Streams the body to `<uploads>/<uuid>.zip` and gives the file. 413 as soon as it passes the cap,
 * 400 naming `body` when it is empty; the partial file is deleted whatever stops it (a refusal, the
 * client going away, a full disk). The rest of a refused body is read off and dropped: a client
 * still sending may not read an early answer.
 */
export async function receiveUpload(dataRoot: string, source: UploadSource): Promise<string> {
  const limit = saveUploadLimit();
  if (source.declaredBytes !== null && source.declaredBytes > limit.bytes) {
    await drain(source.body);
    throw uploadTooLarge(limit);
  }
  const dir = uploadsDir(dataRoot);
  await fsp.mkdir(dir, { recursive: true });
  const file = path.join(dir, `${randomUUID()}.zip`);
  let size = 0;
  try {
    await pipeline(capped(source.body, limit), fs.createWriteStream(file, { flags: 'wx' }));
    if (size === 0) throw bodyError('Send the world as a .zip file in the request body; this one is empty');
    return file;
  } catch (err) {
    await fsp.rm(file, { force: true }).catch(() => undefined);
    await drain(source.body);
    throw diskError(err);
  }

  async function* capped(body: Readable, cap: { bytes: number; text: string }): AsyncGenerator<Buffer> {
    // Not destroyed when the copy stops early: the request's socket still carries the answer.
    for await (const chunk of body.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > cap.bytes) throw uploadTooLarge(cap);
      yield chunk;
    }
  }
}

/** Reads the rest of a body and drops it; done when it ends or the client goes away. */
export function drain(body: Readable): Promise<void> {
  body.unpipe();
  if (body.readableEnded || body.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    body.once('end', resolve);
    body.once('close', resolve);
    body.resume();
  });
}

function diskError(err: unknown): unknown {
  const code = (err as { code?: unknown }).code;
  if (code !== 'ENOSPC' && code !== 'EDQUOT') return err;
  return new AppError(ErrorCode.DISK_FULL, "The manager's disk is full: the upload could not be stored");
}

/**
 * An early 400 for an upload that cannot be imported (cheap: only the zip's directory is read):
 * not a zip, an unsafe entry, no world file in it. Which map's world it holds is the job's check.
 */
export async function checkUploadedZip(file: string): Promise<void> {
  try {
    const archive = await openSaveZip(file);
    const worlds = archive.entries.filter(
      (e) => !e.isDirectory && isWorldFileName(e.name.slice(e.name.lastIndexOf('/') + 1)),
    );
    archive.close();
    if (worlds.length === 0) throw bodyError('The uploaded zip holds no world save (no .ark file)');
  } catch (err) {
    throw asUploadError(err, file);
  }
}

/** An import error about the stored file, told about the upload instead (its path means nothing to the client). */
export function asUploadError(err: unknown, file: string): unknown {
  if (!(err instanceof AppError)) return err;
  const message = err.message.split(file).join('the uploaded zip');
  const fields = (err.details as { fields?: FieldError[] } | undefined)?.fields;
  if (err.code === ErrorCode.VALIDATION_FAILED && fields)
    return AppError.validation(
      fields.map((f) => ({
        field: f.field === 'sourcePath' ? 'body' : f.field,
        message: f.message.split(file).join('The uploaded zip'),
      })),
    );
  return message === err.message ? err : new AppError(err.code, message, err.details);
}

/** Deletes an upload once its import job has ended (`ended`: JobRunner.waitFor), however it ended: the job is its only user. */
export function deleteWhenEnded(ended: Promise<unknown>, file: string): Promise<void> {
  return ended
    .finally(() => fsp.rm(file, { force: true }))
    .then(
      () => undefined,
      () => undefined,
    );
}

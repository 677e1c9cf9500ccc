import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import type { Request } from 'express';
import { AGENT_UPLOAD_CHUNK_BYTES, ErrorCode } from '@ark-asa/contracts';
import { AppError } from '../domain/app-error.ts';
import { drain, formatSize, saveUploadLimit } from '../services/save-upload.ts';

export { formatSize };

/** The most a body may carry, in bytes and as said in a 413. */
export interface BodyLimit {
  bytes: number;
  text: string;
}

/** What this manager's own routes accept, by what reads the body: a host runs the same routes. */
export interface BodyLimits {
  json: BodyLimit;
  text: BodyLimit;
  /** Bodies no body parser here reads. */
  other: BodyLimit;
}

const INFLATERS: Record<string, () => zlib.Inflate | zlib.Gunzip | zlib.BrotliDecompress> = {
  gzip: () => zlib.createGunzip(),
  deflate: () => zlib.createInflate(),
  br: () => zlib.createBrotliDecompress(),
};

/** `jsonLimit`, `textLimit`: the body parsers' limits (`'256kb'`, `'2mb'`). */
export function bodyLimits(jsonLimit: string, textLimit: string, other: BodyLimit): BodyLimits {
  const of = (limit: string): BodyLimit => {
    const bytes = parseSize(limit);
    return { bytes, text: formatSize(bytes) };
  };
  return { json: of(jsonLimit), text: of(textLimit), other };
}

/** A forwarded body: whole when it fits one piece over the channel, else still to be read. */
export type ForwardedBody = { body: Buffer | null } | { stream: AsyncIterable<Buffer> };

/**
 * The body of a call for a remote host, read as it is sent (docs/agent-channel.md, "Large request
 * bodies"): no body is ever held whole here. Refused with 413 naming the limit this manager's
 * routes apply to its type, before anything is sent when Content-Length says so, else as soon as
 * the bytes pass it; the rest of a refused body is read off so that the client gets the answer.
 * Compressed bodies are inflated, as the body parsers do. A body that fits one piece is read
 * whole (null for none, and for a GET's); a larger one is handed on as a stream.
 */
export async function forwardedBody(req: Request, limits: BodyLimits): Promise<ForwardedBody> {
  if (req.method === 'GET' || !hasBody(req)) return { body: null };
  const limit = limitOf(req, limits);
  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
  if (encoding !== 'identity' && !Object.hasOwn(INFLATERS, encoding)) {
    await drain(req);
    throw AppError.validation([
      { field: '', message: 'Send the body as UTF-8, uncompressed or with gzip, deflate or br' },
    ]);
  }
  if (encoding === 'identity' && Number(req.headers['content-length']) > limit.bytes) {
    await drain(req);
    throw tooLarge(limit);
  }
  const stream = encoding === 'identity' ? req : inflated(req, INFLATERS[encoding]!());
  return headOf(limited(req, stream, limit), AGENT_UPLOAD_CHUNK_BYTES);
}

/** Reads up to `max` bytes: the whole body when it ends by then, else a stream of all of it. */
async function headOf(source: AsyncGenerator<Buffer>, max: number): Promise<ForwardedBody> {
  const held: Buffer[] = [];
  let size = 0;
  for (;;) {
    const next = await source.next();
    if (next.done) return { body: size > 0 ? Buffer.concat(held, size) : null };
    held.push(next.value);
    size += next.value.length;
    if (size > max) return { stream: prepend(held, source) };
  }
}

async function* prepend(held: Buffer[], rest: AsyncGenerator<Buffer>): AsyncGenerator<Buffer> {
  try {
    yield* held;
    yield* rest;
  } finally {
    await rest.return(undefined); // stopped early: the rest of the request is read off all the same
  }
}

async function* limited(req: Request, stream: Readable, limit: KindLimit): AsyncGenerator<Buffer> {
  let size = 0;
  try {
    // Not destroyed when the reader stops early: the request's socket carries the answer too.
    for await (const data of stream.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
      size += data.length;
      if (size > limit.bytes) throw tooLarge(limit);
      yield data;
    }
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('Z_')) {
      throw new AppError(ErrorCode.BAD_REQUEST, 'The request body is not what its Content-Encoding says');
    }
    throw err;
  } finally {
    if (stream !== req) stream.destroy();
    await drain(req);
  }
}

function inflated(req: Request, inflater: Readable & NodeJS.WritableStream): Readable {
  // The client going away must end the reading, not leave it waiting for bytes that never come.
  req.once('error', (err) => inflater.destroy(err));
  req.pipe(inflater);
  return inflater;
}

function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

type KindLimit = BodyLimit & { kind: string };

/** A world zip for a server's host (docs/import.md): its own, larger cap, as the host's route applies. */
const SAVE_UPLOAD = /^\/api\/v1\/instances\/[^/]+\/saves\/upload\/?$/i;

function limitOf(req: Request, limits: BodyLimits): KindLimit {
  if (SAVE_UPLOAD.test(`${req.baseUrl}${req.path}`) && !req.is(['application/json', 'text/plain']))
    return { ...saveUploadLimit(), kind: 'A world upload' };
  if (req.is('application/json')) return { ...limits.json, kind: 'A JSON body' };
  if (req.is('text/plain')) return { ...limits.text, kind: 'A text body' };
  return { ...limits.other, kind: 'A request body' };
}

function tooLarge(limit: KindLimit): AppError {
  return new AppError(ErrorCode.PAYLOAD_TOO_LARGE, `${limit.kind} carries at most ${limit.text}; this one is larger`, {
    limitBytes: limit.bytes,
  });
}

/** `'256kb'`, `'2mb'`: the body parsers' notation (binary units). */
export function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i.exec(text.trim());
  if (!m) throw new Error(`Not a size: ${text}`);
  const unit = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[(m[2] ?? 'b').toLowerCase() as 'b'];
  return Math.floor(Number(m[1]) * unit);
}

import { randomUUID } from 'node:crypto';
import { AGENT_UPLOAD_CHUNK_BYTES } from '@ark-asa/contracts';
import type { RequestOptions } from './pending-requests.ts';

/** Pieces sent and not yet answered: enough to keep the link busy while the host writes one. */
export const UPLOAD_WINDOW = 4;
/** One piece is written to the host's disk: far less than this, unless the host is in trouble. */
export const UPLOAD_CHUNK_TIMEOUT_MS = 60_000;

type Request = (agentId: string, method: string, params: unknown, opts?: RequestOptions) => Promise<unknown>;

/** How a body reached the host: whole, inside the `http` request, or spooled there beforehand. */
export type SentBody = { body: Buffer | null } | { bodyUpload: { uploadId: string; size: number } };

export interface UploadOptions {
  /** Tests: smaller pieces. */
  chunkBytes?: number;
  window?: number;
}

/**
 * Reads a request body and gets it to the host (docs/agent-channel.md, "Large request bodies"): a
 * body that fits one piece goes whole in the `http` request; a larger one is sent ahead in
 * `upload-chunk` pieces of `AGENT_UPLOAD_CHUNK_BYTES`, read from the source only as fast as the
 * host answers them (at most `UPLOAD_WINDOW` in flight), so memory holds a few pieces whatever the
 * size. Whatever stops it (the source fails, a piece is refused, the host goes offline), the
 * host is told to discard what it spooled, and the error is passed on.
 */
export async function sendBody(
  request: Request,
  agentId: string,
  source: AsyncIterable<Buffer>,
  opts: UploadOptions = {},
): Promise<SentBody> {
  const it = pieces(source, opts.chunkBytes ?? AGENT_UPLOAD_CHUNK_BYTES)[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) return { body: null };
  const second = await it.next();
  if (second.done) return { body: first.value };

  const uploadId = randomUUID();
  const window = opts.window ?? UPLOAD_WINDOW;
  const inFlight: Promise<unknown>[] = [];
  let seq = 0;
  let size = 0;
  const send = (data: Buffer) => {
    const answered = request(
      agentId,
      'upload-chunk',
      { uploadId, seq, data: data.toString('base64') },
      {
        timeoutMs: UPLOAD_CHUNK_TIMEOUT_MS,
      },
    );
    answered.catch(() => undefined); // awaited in turn below; not unhandled meanwhile
    inFlight.push(answered);
    seq += 1;
    size += data.length;
  };
  try {
    send(first.value);
    send(second.value);
    for (;;) {
      while (inFlight.length >= window) await inFlight.shift();
      const next = await it.next();
      if (next.done) break;
      send(next.value);
    }
    await Promise.all(inFlight);
  } catch (err) {
    await it.return(undefined); // the source reads off what is left of the request
    await Promise.allSettled(inFlight);
    await discardUpload(request, agentId, uploadId);
    throw err;
  }
  return { bodyUpload: { uploadId, size } };
}

/** Best effort: an offline host has dropped its spools already (they go with the session). */
export async function discardUpload(request: Request, agentId: string, uploadId: string): Promise<void> {
  await request(agentId, 'upload-discard', { uploadId }, { timeoutMs: UPLOAD_CHUNK_TIMEOUT_MS }).catch(() => undefined);
}

/** The source cut into pieces of exactly `size` bytes, the last one shorter. */
export async function* pieces(source: AsyncIterable<Buffer>, size: number): AsyncGenerator<Buffer> {
  let held: Buffer[] = [];
  let length = 0;
  for await (const data of source) {
    held.push(data);
    length += data.length;
    if (length < size) continue;
    let all = Buffer.concat(held, length);
    while (all.length >= size) {
      yield all.subarray(0, size);
      all = all.subarray(size);
    }
    held = [all];
    length = all.length;
  }
  if (length > 0) yield Buffer.concat(held, length);
}

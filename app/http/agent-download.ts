import type { Response } from 'express';
import { ErrorCode } from '@ark-asa/contracts';
import { AppError } from '../domain/app-error.ts';
import type { Logger } from '../logger.ts';
import type { Services } from '../services/index.ts';
import { parseContentRange } from './byte-range.ts';

/** One REST call forwarded to a host, and its answer (RemoteAgentProxy, reached through the services). */
export type ForwardedCall = Parameters<Services['agentProxy']['http']>[1];
type RelayedAnswer = Awaited<ReturnType<Services['agentProxy']['http']>>;

/**
 * Bytes fetched from the host per request: well under what one answer carries over the channel
 * (about 6 MiB, FORWARD_BODY_LIMIT), so a piece never comes back `too-large`.
 */
export const DOWNLOAD_CHUNK_BYTES = 4 * 1024 * 1024;

/** What the client gets of the host's answer headers (a piece's content-range is the control plane's business). */
const RELAYED_HEADERS = ['content-type', 'content-disposition'] as const;
const CHUNKED = /^\/api\/v1\/instances\/[^/]+\/backups\/[^/]+\/download\/?$/i;

/** A remote backup's download: larger than one answer over the channel, so it is fetched in pieces. */
export function isChunkedDownload(method: string, path: string): boolean {
  return method === 'GET' && CHUNKED.test(path);
}

export interface ChunkedDownload {
  /** One forwarded call to the host (RemoteAgentProxy.http for its agent). */
  send: (call: ForwardedCall) => Promise<RelayedAnswer>;
  /** The call as it would be forwarded whole; each piece adds its `range` header. */
  call: ForwardedCall;
  res: Response;
  logger?: Logger;
}

/**
 * Streams a file of a remote host to the client in pieces fetched with Range requests over the
 * channel, one at a time, the next one asked for while the current one is written and written only
 * once the client has taken the last (backpressure: a slow client holds at most two pieces here).
 * The client gets a plain 200 with the file's whole length. Anything that goes wrong before the
 * first byte is an error envelope; after it, the connection is cut so the download is seen to
 * fail, never completed with wrong bytes (a host gone, a file whose size changed between pieces).
 */
export async function relayChunkedDownload(d: ChunkedDownload): Promise<void> {
  const piece = (start: number) =>
    d.send({ ...d.call, headers: { ...d.call.headers, range: `bytes=${start}-${start + DOWNLOAD_CHUNK_BYTES - 1}` } });
  let first = await piece(0);
  // An empty file has no satisfiable range: ask for it whole (it fits).
  if (first.status === 416) first = await d.send(d.call);
  if (first.status !== 206) return relayAnswer(d.res, first);
  const total = checkedPiece(first, 0, null);
  if (total === null)
    throw new AppError(ErrorCode.INTERNAL, 'The host answered a part of the file that was not asked for');
  d.res.status(200);
  copyHeaders(d.res, first);
  d.res.setHeader('content-length', String(total));
  await streamPieces(d, piece, first, total);
}

async function streamPieces(
  d: ChunkedDownload,
  piece: (start: number) => Promise<RelayedAnswer>,
  first: RelayedAnswer,
  total: number,
): Promise<void> {
  let current: Promise<RelayedAnswer> = Promise.resolve(first);
  for (let offset = 0; offset < total;) {
    if (d.res.destroyed) return; // the client went away: nothing more is fetched
    let answer: RelayedAnswer;
    try {
      answer = await current;
    } catch (err) {
      return cut(d, `the host stopped answering at byte ${offset} of ${total}`, err);
    }
    if (d.res.destroyed) return; // the client went away: nothing more is fetched
    if (checkedPiece(answer, offset, total) === null) {
      return cut(d, `the host's answer at byte ${offset} of ${total} does not continue the file (changed or gone)`);
    }
    offset += answer.body.length;
    if (offset < total) {
      current = piece(offset);
      current.catch(() => undefined); // awaited on the next turn; not an unhandled rejection meanwhile
    }
    if (!d.res.write(answer.body)) await drained(d.res);
  }
  if (!d.res.destroyed) d.res.end();
}

/** The file's total size when `answer` is the 206 of the piece that starts at `offset` (of `total` bytes). */
function checkedPiece(answer: RelayedAnswer, offset: number, total: number | null): number | null {
  if (answer.status !== 206) return null;
  const range = parseContentRange(answer.headers['content-range']);
  if (!range || range.start !== offset || (total !== null && range.size !== total)) return null;
  return answer.body.length === range.end - range.start + 1 && answer.body.length > 0 ? range.size : null;
}

/** A forwarded call's answer as the host gave it: status, the headers that describe the body, the body. */
export function relayAnswer(res: Response, answer: RelayedAnswer): void {
  res.status(answer.status);
  copyHeaders(res, answer);
  res.end(answer.body.length > 0 ? answer.body : undefined);
}

function copyHeaders(res: Response, answer: RelayedAnswer): void {
  for (const name of RELAYED_HEADERS) if (answer.headers[name]) res.setHeader(name, answer.headers[name]);
}

function drained(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.once('drain', done);
    res.once('close', done);
  });
}

/** The headers are out: only cutting the connection tells the client its download failed. */
function cut(d: ChunkedDownload, why: string, err?: unknown): void {
  d.logger?.warn({ err, path: d.call.path }, `Download of a remote host's file cut: ${why}`);
  d.res.destroy();
}

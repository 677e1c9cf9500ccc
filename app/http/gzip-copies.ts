import type { Request } from 'express';
import zlib from 'node:zlib';

/** Below this a page goes as it is: gzip's header and the client's inflate would cost more than they save. */
export const GZIP_MIN_BYTES = 1024;

/**
 * The gzip copy of each kept page, made when a client first asks for it and dropped with the page:
 * the key is the very Buffer the store's PageCache keeps, so a page read anew (a changed row) gets a
 * copy of its own and the old one goes with the old bytes. A 200-line log page is about 48 KB of
 * JSON and a tenth of that gzipped; on a loopback socket sending the bytes cost more than making the
 * page (bench/README.md), and over a real network far more.
 */
const copies = new WeakMap<Buffer, Buffer>();

/**
 * Level 1: most of gzip's gain on repetitive JSON for half the CPU of the default level (about
 * 160 µs for a log page, once per page version), which matters for the newest log page of a
 * flooding server, made anew on most reads.
 */
const OPTIONS: zlib.ZlibOptions = { level: 1 };

export function gzipCopyOf(page: Buffer): Buffer {
  let copy = copies.get(page);
  if (!copy) {
    copy = zlib.gzipSync(page, OPTIONS);
    copies.set(page, copy);
  }
  return copy;
}

/**
 * The answer to the last Accept-Encoding asked about: a browser or script sends the same one on
 * every request, and parsing it (negotiator, through express) is a few µs of a list read.
 */
let lastHeader: string | undefined;
let lastAnswer = false;

/** Whether the request accepts gzip (as express's acceptsEncodings reads it, `gzip;q=0` refusing it). */
export function acceptsGzip(req: Request): boolean {
  const header = req.headers['accept-encoding'];
  if (header === undefined) return false;
  if (header !== lastHeader) {
    lastAnswer = req.acceptsEncodings('gzip') === 'gzip';
    lastHeader = header;
  }
  return lastAnswer;
}

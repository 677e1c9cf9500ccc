import type { Request } from 'express';

/** An inclusive byte range of a file, as HTTP writes it (`bytes=0-99` is the first 100 bytes). */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * The part of a `size`-byte file the request asks for (RFC 9110 §14): `full` for no Range, a
 * malformed one, several ranges, or a Range sent with If-Range (we hand out no validator, so a
 * resumed download could otherwise splice two versions of a file); `unsatisfiable` (416) when the
 * one range lies beyond the end.
 */
export function requestedRange(req: Request, size: number): ByteRange | 'full' | 'unsatisfiable' {
  if (req.headers.range === undefined || req.headers['if-range'] !== undefined) return 'full';
  const ranges = req.range(size, { combine: true });
  if (ranges === -1) return 'unsatisfiable';
  if (ranges === undefined || ranges === -2 || ranges.type !== 'bytes' || ranges.length !== 1) return 'full';
  return { start: ranges[0]!.start, end: ranges[0]!.end };
}

export function contentRange(range: ByteRange, size: number): string {
  return `bytes ${range.start}-${range.end}/${size}`;
}

/** `bytes a-b/total` of a 206 answer, or null for anything else (`*` totals included). */
export function parseContentRange(header: string | undefined): (ByteRange & { size: number }) | null {
  const match = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(header?.trim() ?? '');
  if (!match) return null;
  const [start, end, size] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (!Number.isSafeInteger(size) || start > end || end >= size) return null;
  return { start, end, size };
}

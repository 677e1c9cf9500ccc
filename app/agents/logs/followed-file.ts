import fs from 'node:fs';
import type { FileHandle } from 'node:fs/promises';

/** Bytes at the start of a file remembered to notice it was truncated and written again between polls. */
const HEAD_BYTES = 64;
/** How far back a re-attach looks for the start of the last (possibly unfinished) line. */
const LINE_START_WINDOW = 64 * 1024;
const CHUNK_BYTES = 64 * 1024;

/** Where reading begins in a file that is opened. */
export type StartAt = 'start' | 'end' | 'last-line';

export function isMissing(err: unknown): boolean {
  return (err as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}

/** stat() of the path, or null while no file is there (not created yet, or renamed away). */
export async function statPath(file: string): Promise<fs.BigIntStats | null> {
  try {
    return await fs.promises.stat(file, { bigint: true });
  } catch (err) {
    if (isMissing(err)) return null;
    throw err;
  }
}

/** What a file looked like at one moment: enough to tell later whether the path still names it. */
export interface FileSnapshot {
  dev: bigint;
  ino: bigint;
  size: number;
  head: Buffer;
}

/**
 * Synchronous on purpose: a caller that spawns the server right after starting a tailer (without
 * awaiting) must still have the previous run's file recorded before the server can replace it.
 * One open, fstat and 64-byte read per server start. Null when there is no file.
 */
export function snapshotSync(file: string): FileSnapshot | null {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    if (isMissing(err)) return null;
    throw err;
  }
  try {
    const st = fs.fstatSync(fd, { bigint: true });
    const head = Buffer.alloc(Math.min(HEAD_BYTES, Number(st.size)));
    const bytesRead = fs.readSync(fd, head, 0, head.length, 0);
    return { dev: st.dev, ino: st.ino, size: Number(st.size), head: head.subarray(0, bytesRead) };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * One open file being followed, by handle: after the server renames it to a backup, the handle still
 * reads it (libuv opens with FILE_SHARE_DELETE on Windows, so holding it does not block the rename).
 */
export class FollowedFile {
  private head: Buffer = Buffer.alloc(0);

  private constructor(
    private readonly fh: FileHandle,
    private readonly dev: bigint,
    private readonly ino: bigint,
    private readonly sizeAtOpen: number,
    public pos: number,
  ) {}

  /** Opens the file now at the path, or returns null when there is none. */
  static async open(file: string, at: StartAt): Promise<FollowedFile | null> {
    let fh: FileHandle;
    try {
      fh = await fs.promises.open(file, 'r');
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
    try {
      // Identity from the handle, not the path: the path may already name another file.
      const st = await fh.stat({ bigint: true });
      const size = Number(st.size);
      const pos = at === 'start' ? 0 : at === 'end' ? size : await lastLineStart(fh, size);
      const followed = new FollowedFile(fh, st.dev, st.ino, size, pos);
      followed.head = await followed.readHead(size);
      return followed;
    } catch (err) {
      await fh.close();
      throw err;
    }
  }

  /** Whether the path's file (its stat) is this file. */
  isSameFile(st: fs.BigIntStats): boolean {
    return st.dev === this.dev && st.ino === this.ino;
  }

  /** Whether this is the file of the snapshot, unchanged but for appends since. */
  isSnapshotOf(snap: FileSnapshot | null): boolean {
    if (!snap || snap.dev !== this.dev || snap.ino !== this.ino || this.sizeAtOpen < snap.size) return false;
    const n = Math.min(snap.head.length, this.head.length);
    return this.head.subarray(0, n).equals(snap.head.subarray(0, n));
  }

  /**
   * Whether this file was truncated (and possibly written again) since it was last read: it is now
   * shorter than what was read, or its first bytes changed.
   */
  async wasRewritten(size: number): Promise<boolean> {
    if (size < this.pos) return true;
    const current = await this.readHead(size);
    const n = Math.min(current.length, this.head.length);
    const same = current.subarray(0, n).equals(this.head.subarray(0, n));
    this.head = current;
    return !same;
  }

  /**
   * Reads from `pos` to the current end, at most `budget` bytes, handing each chunk to `sink`. The
   * chunk's memory is reused by the next read: `sink` must not keep it (a StringDecoder copies the
   * bytes of a character cut at the chunk's end). Returns true when the budget ran out before the
   * end (more is waiting).
   */
  async drain(budget: number, sink: (bytes: Buffer) => void): Promise<boolean> {
    const buf = Buffer.allocUnsafe(CHUNK_BYTES);
    let left = budget;
    while (left > 0) {
      const { bytesRead } = await this.fh.read(buf, 0, Math.min(CHUNK_BYTES, left), this.pos);
      if (bytesRead === 0) return false;
      this.pos += bytesRead;
      left -= bytesRead;
      // Not copied (64 KiB per read): the sink decodes the bytes at once and keeps none of them.
      sink(buf.subarray(0, bytesRead));
    }
    return true;
  }

  async close(): Promise<void> {
    await this.fh.close();
  }

  private async readHead(size: number): Promise<Buffer> {
    const buf = Buffer.alloc(Math.min(HEAD_BYTES, size));
    const { bytesRead } = await this.fh.read(buf, 0, buf.length, 0);
    return buf.subarray(0, bytesRead);
  }
}

/**
 * Offset just after the last newline: re-attaching there re-reads an unfinished last line whole
 * instead of emitting only the part written after the re-attach.
 */
async function lastLineStart(fh: FileHandle, size: number): Promise<number> {
  const from = Math.max(0, size - LINE_START_WINDOW);
  const buf = Buffer.alloc(size - from);
  const { bytesRead } = await fh.read(buf, 0, buf.length, from);
  const nl = buf.subarray(0, bytesRead).lastIndexOf(0x0a);
  if (nl !== -1) return from + nl + 1;
  return from === 0 ? 0 : size;
}

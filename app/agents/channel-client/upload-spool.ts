import fs from 'node:fs';
import path from 'node:path';
import { AgentRequestMethods } from '@ark-asa/contracts';
import { RelayError } from './relay-error.ts';
import type { RequestHandlers } from './request-handlers.ts';

const SUFFIX = '.upload';
/** An upload the control plane stopped feeding without a word (it never does when all goes well). */
const DEFAULT_IDLE_MS = 10 * 60_000;

interface Entry {
  file: string;
  /** The next piece expected: pieces come in order, over one WebSocket. */
  nextSeq: number;
  /** Bytes on disk once every write queued so far is done. */
  size: number;
  handle: fs.promises.FileHandle | null;
  /** Writes run one after another: a piece may arrive while the previous one is still being written. */
  tail: Promise<void>;
  timer: NodeJS.Timeout | null;
}

/**
 * The agent's spool of request bodies too large for one channel frame (docs/agent-channel.md,
 * "Large request bodies"): the control plane sends them in `upload-chunk` pieces, each appended
 * to a file here (never held in memory), then refers to the file in its `http` request. A spool
 * lives until that request is done, the upload is discarded, the session ends, or it sits idle.
 */
export class UploadSpool {
  private readonly entries = new Map<string, Entry>();

  constructor(
    readonly dir: string,
    private readonly idleMs = DEFAULT_IDLE_MS,
  ) {}

  /** At start: spools of an earlier run (an agent stopped mid-upload) will never be finished. */
  clearStale(): void {
    fs.mkdirSync(this.dir, { recursive: true });
    for (const name of fs.readdirSync(this.dir)) {
      if (name.endsWith(SUFFIX)) fs.rmSync(path.join(this.dir, name), { force: true });
    }
  }

  /**
   * Queues one piece and resolves with the spool's size once it is on disk. Synchronous up to the
   * write, so pieces are queued in the order they arrived.
   */
  append(uploadId: string, seq: number, data: Buffer): Promise<number> {
    const entry = this.entries.get(uploadId) ?? (seq === 0 ? this.open(uploadId) : undefined);
    if (!entry) return Promise.reject(gone(uploadId));
    if (seq !== entry.nextSeq) {
      void this.discard(uploadId);
      return Promise.reject(
        new RelayError('validation-failed', `Piece ${seq} of upload ${uploadId} came instead of ${entry.nextSeq}`),
      );
    }
    entry.nextSeq += 1;
    this.arm(uploadId, entry);
    const written = entry.tail.then(async () => {
      // A piece queued behind one that failed (or behind a discard) is not written.
      if (this.entries.get(uploadId) !== entry) throw gone(uploadId);
      entry.handle ??= await fs.promises.open(entry.file, 'w');
      await entry.handle.write(data);
      entry.size += data.length;
      return entry.size;
    });
    entry.tail = written.then(
      () => undefined,
      () => void this.discard(uploadId),
    );
    return written.catch((err: unknown) => {
      throw diskError(err);
    });
  }

  /**
   * The finished spool of `uploadId`, for the request that uses it: every piece written, exactly
   * `size` bytes. It stays here until `discard` (the caller's, once the request is done).
   */
  async take(uploadId: string, size: number): Promise<string> {
    const entry = this.entries.get(uploadId);
    if (!entry) throw gone(uploadId);
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = null;
    await entry.tail;
    if (this.entries.get(uploadId) !== entry) throw gone(uploadId);
    await entry.handle?.close();
    entry.handle = null;
    if (entry.size !== size) {
      await this.discard(uploadId);
      throw new RelayError('validation-failed', `Upload ${uploadId} holds ${entry.size} bytes, not ${size}`);
    }
    return entry.file;
  }

  /** Deletes an upload's spool (waiting for its pending writes); false when there was none. */
  async discard(uploadId: string): Promise<boolean> {
    const entry = this.entries.get(uploadId);
    if (!entry) return false;
    this.entries.delete(uploadId);
    if (entry.timer) clearTimeout(entry.timer);
    await entry.tail;
    await entry.handle?.close().catch(() => undefined);
    await fs.promises.rm(entry.file, { force: true }).catch(() => undefined);
    return true;
  }

  /** The session ended: nothing will use these spools any more. */
  async discardAll(): Promise<void> {
    await Promise.all([...this.entries.keys()].map((id) => this.discard(id)));
  }

  /** Uploads in progress (tests, diagnostics). */
  get size(): number {
    return this.entries.size;
  }

  private open(uploadId: string): Entry {
    const entry: Entry = {
      file: path.join(this.dir, `${uploadId}${SUFFIX}`),
      nextSeq: 0,
      size: 0,
      handle: null,
      tail: fs.promises.mkdir(this.dir, { recursive: true }).then(() => undefined),
      timer: null,
    };
    this.entries.set(uploadId, entry);
    return entry;
  }

  private arm(uploadId: string, entry: Entry): void {
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = setTimeout(() => void this.discard(uploadId), this.idleMs);
    entry.timer.unref();
  }
}

/** `upload-chunk` and `upload-discard` (docs/agent-channel.md), on this spool. */
export function uploadHandlers(spool: UploadSpool): RequestHandlers {
  const chunk = AgentRequestMethods['upload-chunk'].params;
  const discard = AgentRequestMethods['upload-discard'].params;
  return {
    'upload-chunk': async (raw) => {
      const p = chunk.parse(raw);
      return { size: await spool.append(p.uploadId, p.seq, Buffer.from(p.data, 'base64')) };
    },
    'upload-discard': async (raw) => ({ discarded: await spool.discard(discard.parse(raw).uploadId) }),
  };
}

function gone(uploadId: string): RelayError {
  return new RelayError('not-found', `No upload ${uploadId} on this host (it was discarded)`);
}

function diskError(err: unknown): unknown {
  const code = (err as { code?: unknown }).code;
  if (code !== 'ENOSPC' && code !== 'EDQUOT') return err;
  return new RelayError('disk-full', "The host's disk is full: the upload could not be stored there");
}

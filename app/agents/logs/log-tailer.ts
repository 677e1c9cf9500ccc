import { FollowedFile, snapshotSync, statPath, type FileSnapshot } from './followed-file.ts';
import { DEFAULT_MAX_LINE_CHARS, LineSplitter, type LineReceiver } from './line-splitter.ts';

export interface LogTailerOptions {
  /** The path followed (ShooterGame.log); the file behind it may come, go and be replaced. */
  path: string;
  /**
   * Each complete line, without BOM and line terminator, in file order: a callback per line (what
   * it throws is reported), or a LineReceiver, which takes most lines unsliced and must not throw.
   */
  onLine: ((line: string) => void) | LineReceiver;
  /** I/O errors other than "no file yet", and errors thrown by onLine. Reported once per streak. */
  onError?: (err: unknown) => void;
  pollIntervalMs?: number;
  maxLineChars?: number;
  /** Bytes read per poll at most, so a huge backlog is emitted over several turns of the event loop. */
  maxBytesPerPoll?: number;
}

export interface TailStart {
  /**
   * true for a new server run: follow the file the server is about to create, from its first byte.
   * A file already at the path is the previous run's (the server renames it to
   * ShooterGame-backup-*.log and creates a new one), so it is skipped, not re-emitted.
   * false to re-attach to a running server: begin at the end of the current file.
   */
  fromStart: boolean;
}

/**
 * Follows one log path for one server run by polling. Polling (not fs.watch) because watch events are
 * unreliable on network drives and across renames on Windows, and the log is read a few times a
 * second anyway.
 *
 * Not @logdna/tail-file: its start() fails while the file does not exist yet and it gives up after
 * ten polls without one (both normal while a server boots); it cannot skip the previous run's file
 * still at the path; its quit() awaits a 'flush' event that never comes when the file is missing;
 * and it hands out raw bytes, so line splitting, UTF-8 across chunks and the line cap are ours anyway.
 */
export class LogTailer {
  private readonly pollIntervalMs: number;
  private readonly maxBytesPerPoll: number;
  private readonly splitter: LineSplitter;
  private file: FollowedFile | null = null;
  /** The previous run's file, still at the path: watched for replacement, never read. */
  private stale = false;
  private started = false;
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;
  /** The next poll when more bytes were waiting than one poll may read. */
  private immediate: NodeJS.Immediate | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private lastErrorKey: string | null = null;

  constructor(private readonly opts: LogTailerOptions) {
    this.pollIntervalMs = opts.pollIntervalMs ?? 250;
    this.maxBytesPerPoll = opts.maxBytesPerPoll ?? 1024 * 1024;
    const { onLine } = opts;
    const receiver = typeof onLine === 'function' ? (line: string) => this.deliver(onLine, line) : onLine;
    this.splitter = new LineSplitter(receiver, opts.maxLineChars ?? DEFAULT_MAX_LINE_CHARS);
  }

  /**
   * Fixes the starting point, then polls. With fromStart, await this before spawning the server:
   * the file found at the path now is the one to skip.
   */
  async start({ fromStart }: TailStart): Promise<void> {
    if (this.started) throw new Error('LogTailer.start() called twice');
    this.started = true;
    // Before the first await: see snapshotSync.
    const previous = fromStart ? this.snapshotPrevious() : null;
    await this.serial(() => this.openInitial(fromStart, previous));
    this.schedule(this.pollIntervalMs);
  }

  /** Reads what is in the file now, without waiting for the next poll (tests; a server that just exited). */
  async pollNow(): Promise<void> {
    if (!this.started || this.stopped) return;
    await this.serial(() => this.guarded(() => this.poll()));
  }

  /**
   * Reads what was written up to now, emits an unfinished last line as it is (the server has
   * exited, or the manager is shutting down), closes the file and leaves no timer behind.
   */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = null;
    this.immediate = null;
    await this.serial(async () => {
      if (this.started) await this.guarded(() => this.poll());
      if (!this.stale) this.splitter.end();
      await this.closeFile();
    });
  }

  /** The previous run's file at the path; undefined when it could not be read (then whatever is there is old). */
  private snapshotPrevious(): FileSnapshot | null | undefined {
    try {
      return snapshotSync(this.opts.path);
    } catch (err) {
      this.report(err);
      return undefined;
    }
  }

  private async openInitial(fromStart: boolean, previous: FileSnapshot | null | undefined): Promise<void> {
    try {
      this.file = await FollowedFile.open(this.opts.path, fromStart ? 'end' : 'last-line');
    } catch (err) {
      this.report(err);
    }
    const old = fromStart && this.file !== null && (previous === undefined || this.file.isSnapshotOf(previous));
    // The server was quicker than this open: the file found is already the new run's.
    if (fromStart && this.file && !old) this.file.pos = 0;
    this.stale = old;
    this.splitter.reset(this.file === null || this.file.pos === 0);
  }

  /** Steps on the file run one at a time: a timer poll, pollNow() and stop() never interleave. */
  private serial<T>(step: () => Promise<T>): Promise<T> {
    const run = this.queue.then(step);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    const poll = () => {
      this.timer = null;
      this.immediate = null;
      void this.serial(() => this.guarded(() => this.poll())).then((more) =>
        this.schedule(more ? 0 : this.pollIntervalMs),
      );
    };
    // A backlog is read on at the next turn of the event loop (other work gets its turn first), not
    // after a timer's 1 ms minimum per 1 MiB (~8,500 lines): a large part of the time a flood took.
    if (delayMs === 0) this.immediate = setImmediate(poll);
    else this.timer = setTimeout(poll, delayMs);
  }

  private async guarded(step: () => Promise<boolean>): Promise<boolean> {
    try {
      const more = await step();
      this.lastErrorKey = null;
      return more;
    } catch (err) {
      this.report(err);
      return false;
    }
  }

  /** One look at the path. Returns true when more bytes are waiting than one poll may read. */
  private async poll(): Promise<boolean> {
    const st = await statPath(this.opts.path);
    if (this.file && st && !this.file.isSameFile(st)) {
      await this.switchToNewFile();
    } else if (this.file && st && (await this.file.wasRewritten(Number(st.size)))) {
      this.restartFromZero();
    } else if (!this.file && st) {
      this.file = await FollowedFile.open(this.opts.path, 'start');
      this.splitter.reset(true);
    }
    // With no file at the path (renamed, new one not created yet) the old handle is still drained.
    if (!this.file || this.stale) return false;
    return this.file.drain(this.maxBytesPerPoll, (bytes) => this.splitter.push(bytes));
  }

  /** Rotation: the path names another file. Finish the old one through its handle, then take the new. */
  private async switchToNewFile(): Promise<void> {
    if (this.file && !this.stale) {
      await this.file.drain(Number.MAX_SAFE_INTEGER, (bytes) => this.splitter.push(bytes));
      this.splitter.end();
    }
    await this.closeFile();
    this.stale = false;
    this.file = await FollowedFile.open(this.opts.path, 'start');
    this.splitter.reset(true);
  }

  /** Truncation (same file, shorter or rewritten): what was held belonged to the old content. */
  private restartFromZero(): void {
    if (!this.file) return;
    if (!this.stale) this.splitter.end();
    this.stale = false;
    this.file.pos = 0;
    this.splitter.reset(true);
  }

  private async closeFile(): Promise<void> {
    const file = this.file;
    this.file = null;
    if (file) await file.close().catch((err: unknown) => this.report(err));
  }

  private deliver(onLine: (line: string) => void, line: string): void {
    try {
      onLine(line);
    } catch (err) {
      this.report(err);
    }
  }

  /** The same failure every 250 ms (a locked file, a lost share) is reported once, not forever. */
  private report(err: unknown): void {
    const key = err instanceof Error ? `${(err as NodeJS.ErrnoException).code ?? ''}:${err.message}` : String(err);
    if (key === this.lastErrorKey) return;
    this.lastErrorKey = key;
    this.opts.onError?.(err);
  }
}

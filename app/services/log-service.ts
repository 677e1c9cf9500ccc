import type { LogEntry, LogSource } from '@ark-asa/contracts';
import { LineRateLimiter } from '../agents/logs/line-rate-limiter.ts';
import type { LogLineInput, LogSink } from '../agents/logs/log-sink.ts';
import { AppError } from '../domain/app-error.ts';
import { isoNow, systemClock, type Clock } from '../domain/clock.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { Logger } from '../logger.ts';
import type { Store } from '../store/index.ts';

/** The default of the setting logRetentionLines, also used when the getter gives nonsense. */
export const DEFAULT_LOG_RETENTION = 5000;

export interface LogServiceOptions {
  store: Store;
  bus: EventBus;
  logger: Logger;
  clock: Clock;
  /** Lines kept per instance (the setting logRetentionLines); read at every flush, so changes apply at once. */
  retention: () => number;
  /** Buffered lines are written this often (default 250 ms)… */
  flushIntervalMs?: number;
  /** …or as soon as this many are waiting (default 500). */
  maxBatchLines?: number;
  /** Per instance, lines published and stored per second at most (default 200); manager lines always pass. */
  maxLinesPerSecond?: number;
}

export interface LogPage {
  /** Oldest → newest. */
  items: LogEntry[];
  /** The `before` for the page of older lines; null when there are none. */
  nextCursor: string | null;
}

const WHO: Record<LogSource, string> = {
  server: 'the server',
  steamcmd: 'SteamCMD',
  manager: 'the manager',
  chat: 'the in-game chat',
  asaapi: 'AsaApi',
};

export function skippedMessage(source: LogSource, count: number, limit: number): string {
  return `… ${count} ${source} log lines skipped (${WHO[source]} is writing faster than ${limit} lines/s)`;
}

/**
 * The one way lines enter an instance's log (server, SteamCMD and manager lines alike). Each line
 * gets the instance's next seq, is published at once as `instance:log` and is stored with the others
 * of the same tick in one transaction: per-line commits with synchronous=FULL would cost an fsync
 * each (docs/architecture.md#the-store). A flooding source is throttled here, at the source
 * (docs/architecture.md#events), so it can swamp neither the clients nor the disk. Store failures are logged and
 * survived: logs are losable, the server they come from is not to be disturbed.
 */
export class LogService implements LogSink {
  private readonly lastSeq = new Map<string, number>();
  private readonly limiter: LineRateLimiter;
  private readonly nowMs: () => number;
  private readonly flushIntervalMs: number;
  private readonly maxBatchLines: number;
  private buffer: LogEntry[] = [];
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  /** Inside a failure streak: the first failure is logged, the rest are counted until it ends. */
  private failing = false;
  private lostLines = 0;

  constructor(private readonly opts: LogServiceOptions) {
    // The system clock's now() is a new Date, and every line of a flooding server asks for the time:
    // its value without the Date (looked up at each call, as `new Date()` is, for fake timers).
    this.nowMs = opts.clock === systemClock ? () => Date.now() : () => opts.clock.now().getTime();
    this.limiter = new LineRateLimiter(opts.maxLinesPerSecond ?? 200);
    this.flushIntervalMs = opts.flushIntervalMs ?? 250;
    this.maxBatchLines = opts.maxBatchLines ?? 500;
  }

  append(instanceId: string, line: LogLineInput): void {
    if (this.admit(instanceId, line.source)) this.add(instanceId, line);
  }

  /** `append`, with the line made only when the limit lets it through (LogSink.appendLazy). */
  appendLazy(instanceId: string, source: LogSource, make: () => LogLineInput): void {
    if (this.admit(instanceId, source)) this.add(instanceId, make());
  }

  /** Refused lines counted in bulk (LogSink.skipMany); whether `source` is still refused now. */
  skipMany(instanceId: string, source: LogSource, count: number): boolean {
    const refusing = this.limiter.skip(instanceId, source, count, this.nowMs());
    // The tick closes the window and writes the notice even if no further line comes.
    if (count > 0) this.schedule();
    return refusing;
  }

  /** A page of stored lines, newest `limit` before the seq `before` (exclusive), oldest first. */
  page(instanceId: string, limit: number, before?: number): LogPage {
    const rows = this.readPage(instanceId, () => this.opts.store.logLines.page(instanceId, limit + 1, before));
    const older = rows.length > limit;
    const items = older ? rows.slice(1) : rows;
    const oldest = items[0];
    return { items, nextCursor: older && oldest ? String(oldest.seq) : null };
  }

  /**
   * `page` as the JSON of the LogPage, byte for byte what JSON.stringify(page(…)) gives (tested):
   * the logs route is the API's most read list, and building a row object per line only to
   * serialise it again made it the slowest route in bench:rest. Kept as sent until a line is stored
   * or trimmed, or an instance changes (a deleted one takes its lines with it): the log of a stopped
   * server, read again by every browser that opens its console, is sent without a read.
   */
  pageJson(instanceId: string, limit: number, before?: number): Buffer {
    // Before the stamp: lines written now must make an older copy of the page be read again.
    this.writeBuffer();
    const key = `logs:${instanceId}:${limit}:${before ?? ''}`;
    return this.opts.store.pages.get(key, ['log_lines', 'instances'], () =>
      this.buildPageJson(instanceId, limit, before),
    );
  }

  private buildPageJson(instanceId: string, limit: number, before?: number): string {
    const rows = this.readPage(instanceId, () => this.opts.store.logLines.pageJson(instanceId, limit + 1, before));
    const older = rows.length > limit;
    const items = older ? rows.slice(0, limit) : rows;
    const oldest = items.at(-1);
    const parts = new Array<string>(items.length);
    for (let i = 0; i < items.length; i++) parts[items.length - 1 - i] = items[i]![0];
    const next = older && oldest ? `"${oldest[1]}"` : 'null';
    return `{"items":[${parts.join(',')}],"nextCursor":${next}}`;
  }

  /** Reads a page of an instance that must exist, after the lines not yet written. */
  private readPage<T>(instanceId: string, read: () => T): T {
    const { store } = this.opts;
    // Lines already sent live must also be on the page, or a client paging right after an event misses them.
    this.writeBuffer();
    // The check and the page in one read transaction: one WAL read lock instead of one per statement.
    return store.db.transaction(() => {
      if (!store.instances.exists(instanceId)) throw AppError.notFound('Instance', instanceId);
      return read();
    })();
  }

  /** Writes every pending skip notice and buffered line now (shutdown, tests). */
  flush(): void {
    const nowMs = this.nowMs();
    for (const id of this.limiter.pendingKeys()) this.noticeSkipped(id, nowMs, true);
    this.writeBuffer();
  }

  /** Flushes and drops the timer. Lines appended afterwards are written one by one, at once. */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.flush();
  }

  /** Drops what is known of a deleted instance (its rows went with it: ON DELETE CASCADE). */
  forget(instanceId: string): void {
    this.lastSeq.delete(instanceId);
    this.limiter.forget(instanceId);
    this.buffer = this.buffer.filter((e) => e.instanceId !== instanceId);
  }

  /** Whether a line of `source` passes the instance's limit now; each line asks once. */
  private admit(instanceId: string, source: LogSource): boolean {
    const nowMs = this.nowMs();
    // The notice for a finished window goes before the first line of the next one.
    this.noticeSkipped(instanceId, nowMs, false);
    if (this.limiter.take(instanceId, source, nowMs, source === 'manager')) return true;
    // No further line may come; the tick still has to close the window and write the notice.
    this.schedule();
    return false;
  }

  private add(instanceId: string, line: LogLineInput): void {
    const entry: LogEntry = {
      instanceId,
      seq: this.nextSeq(instanceId),
      timestamp: line.timestamp ?? isoNow(this.opts.clock),
      level: line.level,
      source: line.source,
      message: line.message,
    };
    this.opts.bus.publish('instance:log', entry);
    this.buffer.push(entry);
    if (this.stopped || this.buffer.length >= this.maxBatchLines) this.writeBuffer();
    else this.schedule();
  }

  private noticeSkipped(instanceId: string, nowMs: number, force: boolean): void {
    for (const { source, count } of this.limiter.close(instanceId, nowMs, force)) {
      const message = skippedMessage(source, count, this.limiter.limit);
      this.add(instanceId, { level: 'WARN', source: 'manager', message });
    }
  }

  private nextSeq(instanceId: string): number {
    let last = this.lastSeq.get(instanceId);
    if (last === undefined) {
      try {
        last = this.opts.store.logLines.maxSeq(instanceId);
      } catch (err) {
        this.opts.logger.error({ err, instanceId }, 'cannot read the last log seq; numbering from 1');
        last = 0;
      }
    }
    this.lastSeq.set(instanceId, last + 1);
    return last + 1;
  }

  private schedule(): void {
    if (this.timer || this.stopped) return;
    this.timer = setTimeout(() => this.tick(), this.flushIntervalMs);
    // Never the reason the process stays up; shutdown calls stop(), which flushes.
    this.timer.unref();
  }

  private tick(): void {
    this.timer = null;
    const nowMs = this.nowMs();
    for (const id of this.limiter.pendingKeys()) this.noticeSkipped(id, nowMs, false);
    this.writeBuffer();
    if (this.limiter.pendingKeys().length > 0) this.schedule();
  }

  private writeBuffer(): void {
    if (this.buffer.length === 0) return;
    const batch = this.buffer;
    this.buffer = [];
    try {
      this.opts.store.logLines.writeLazily(() => this.persist(batch));
      this.succeeded();
    } catch (err) {
      this.salvage(batch, err);
    }
  }

  /** Inserts and trims in the caller's transaction (insertMany's own becomes a savepoint inside it). */
  private persist(batch: LogEntry[]): void {
    this.opts.store.logLines.insertMany(batch);
    const keep = this.retention();
    for (const id of new Set(batch.map((e) => e.instanceId))) this.opts.store.logLines.trim(id, keep);
  }

  /**
   * The batch failed as a whole; retry it per instance so one bad instance (deleted meanwhile: a
   * foreign-key error) does not cost the others their lines.
   */
  private salvage(batch: LogEntry[], firstError: unknown): void {
    const byInstance = new Map<string, LogEntry[]>();
    for (const e of batch) {
      const lines = byInstance.get(e.instanceId);
      if (lines) lines.push(e);
      else byInstance.set(e.instanceId, [e]);
    }
    let lost = 0;
    let lastError = firstError;
    for (const lines of byInstance.values()) {
      try {
        this.opts.store.logLines.writeLazily(() => this.persist(lines));
      } catch (err) {
        lost += lines.length;
        lastError = err;
      }
    }
    if (lost === 0) this.succeeded();
    else this.failed(lastError, lost);
  }

  private failed(err: unknown, lines: number): void {
    this.lostLines += lines;
    if (!this.failing) this.opts.logger.error({ err, lines }, 'cannot store log lines; they were only sent live');
    this.failing = true;
  }

  private succeeded(): void {
    if (!this.failing) return;
    this.opts.logger.warn({ lostLines: this.lostLines }, 'storing log lines again after a failure');
    this.failing = false;
    this.lostLines = 0;
  }

  private retention(): number {
    try {
      const n = this.opts.retention();
      return Number.isInteger(n) && n > 0 ? n : DEFAULT_LOG_RETENTION;
    } catch {
      return DEFAULT_LOG_RETENTION;
    }
  }
}

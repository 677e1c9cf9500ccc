import fs from 'node:fs';
import path from 'node:path';
import { pino, type Logger as PinoLogger } from 'pino';
import pretty from 'pino-pretty';

export type Logger = PinoLogger;

export interface LoggerOptions {
  level?: string;
  /** Also write JSON lines to `<logDir>/manager.<n>.log`, rotated by size. */
  logDir?: string;
  /** Human-readable output on stdout (a terminal); JSON otherwise. */
  pretty?: boolean;
  /** Silent logger (tests that do not look at logs). */
  silent?: boolean;
  /** Also write to stdout (default true; tests of the file turn it off). */
  stdout?: boolean;
  /** Rotation of the manager log (default: 10 MB per file, 5 older files kept). */
  rotation?: { maxFileBytes?: number; keepFiles?: number };
}

/** Never let a secret reach a log line, whatever object is logged. */
const REDACT = [
  'token',
  'accessToken',
  'password',
  'adminPassword',
  'serverPassword',
  'settings.adminPassword',
  'settings.serverPassword',
  'settings.extraQueryArgs',
  'settings.extraDashArgs',
  'req.headers.authorization',
  '*.accessToken',
  '*.adminPassword',
  '*.serverPassword',
];

/** Longest message or stack kept in a log line: a request can carry 100 kB in its URL. */
const MAX_ERR_TEXT = 4000;
const clipText = (s: unknown) =>
  typeof s === 'string' && s.length > MAX_ERR_TEXT ? `${s.slice(0, MAX_ERR_TEXT)}…` : s;

function errSerializer(err: unknown): unknown {
  const out = pino.stdSerializers.err(err as Error) as unknown as Record<string, unknown>;
  if (!out || typeof out !== 'object') return out;
  return { ...out, message: clipText(out.message), stack: clipText(out.stack) };
}

/**
 * pino with in-process streams only: worker-thread transports cannot load from inside an asar
 * archive, and the packaged app bundles the control plane, so `transport: { target }` is out.
 * pino-roll is used as a plain stream (it returns a SonicBoom), not as a transport.
 */
export function createLogger(opts: LoggerOptions = {}): Logger {
  if (opts.silent) return pino({ level: 'silent' });
  const streams: pino.StreamEntry[] = [
    {
      stream: opts.pretty
        ? pretty({ colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' })
        : process.stdout,
    },
  ];
  if (opts.logDir) streams.push({ stream: new RollingLogFile(opts.logDir, opts.rotation) });
  return pino(
    {
      level: opts.level ?? 'info',
      redact: { paths: REDACT, censor: '[redacted]' },
      base: undefined,
      serializers: { err: errSerializer },
    },
    pino.multistream(streams),
  );
}

/** What the rolling stream needs of pino-roll's SonicBoom. */
interface FileTarget {
  write(chunk: string): boolean;
  on(event: 'error', listener: (err: Error) => void): unknown;
}

/** Lines buffered while pino-roll opens its file (it is async; pino wants a stream now). */
const MAX_PENDING_BYTES = 1024 * 1024;

/**
 * `<logDir>/manager.<n>.log`, rotated by size with a bounded number of files (pino-roll). A write
 * that fails (a full disk) is dropped and reported once on stderr, never thrown into the caller:
 * a log line that cannot be written must not turn an answer into an error page.
 */
export class RollingLogFile {
  private target: FileTarget | null = null;
  private pending: string[] = [];
  private pendingBytes = 0;
  private reported = false;
  readonly ready: Promise<void>;

  constructor(
    logDir: string,
    rotation: LoggerOptions['rotation'] = {},
    open: () => Promise<FileTarget> = defaultOpen(logDir, rotation),
  ) {
    fs.mkdirSync(logDir, { recursive: true });
    this.ready = open().then(
      (target) => this.attach(target),
      (err: unknown) => this.report(err),
    );
  }

  write(chunk: string): boolean {
    if (this.target) {
      try {
        this.target.write(chunk);
      } catch (err) {
        this.report(err);
      }
    } else if (this.pendingBytes + chunk.length <= MAX_PENDING_BYTES) {
      this.pending.push(chunk);
      this.pendingBytes += chunk.length;
    }
    return true;
  }

  private attach(target: FileTarget): void {
    target.on('error', (err) => this.report(err));
    this.target = target;
    const lines = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    for (const line of lines) this.write(line);
  }

  private report(err: unknown): void {
    if (this.reported) return;
    this.reported = true;
    try {
      process.stderr.write(
        `manager log: cannot write (${(err as NodeJS.ErrnoException)?.code ?? String(err)}); lines are dropped\n`,
      );
    } catch {
      // stderr itself is gone: nothing left to tell.
    }
  }
}

function defaultOpen(logDir: string, rotation: NonNullable<LoggerOptions['rotation']>): () => Promise<FileTarget> {
  const maxBytes = rotation.maxFileBytes ?? 10 * 1024 * 1024;
  // Imported when the file is opened, which is asynchronous anyway (lines are buffered meanwhile):
  // pino-roll loads date-fns, about a third of the start-up's module loading, and a static import
  // would put that before the first served request.
  return async () => {
    const { default: pinoRoll } = await import('pino-roll');
    return pinoRoll({
      file: path.join(logDir, 'manager'),
      extension: '.log',
      size: `${Math.max(1, Math.ceil(maxBytes / 1024))}k`,
      limit: { count: rotation.keepFiles ?? 5, removeOtherLogFiles: true },
      mkdir: true,
      sync: true,
      // A write that keeps failing (ENOSPC) must not queue lines in memory for ever.
      maxLength: MAX_PENDING_BYTES,
    });
  };
}

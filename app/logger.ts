import fs from 'node:fs';
import path from 'node:path';
import { pino, type Logger as PinoLogger } from 'pino';
import pretty from 'pino-pretty';

export type Logger = PinoLogger;

export interface LoggerOptions {
  level?: string;
  /** Also write JSON lines to `<logDir>/manager.log`. */
  logDir?: string;
  /** Human-readable output on stdout (a terminal); JSON otherwise. */
  pretty?: boolean;
  /** Silent logger (tests that do not look at logs). */
  silent?: boolean;
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
  'req.headers.authorization',
  '*.accessToken',
  '*.adminPassword',
  '*.serverPassword',
];

/**
 * pino with in-process streams only: worker-thread transports break inside an asar archive
 * (libraries.md §0.9), so the packaged app must not use `transport: { target }`.
 */
export function createLogger(opts: LoggerOptions = {}): Logger {
  if (opts.silent) return pino({ level: 'silent' });
  const streams: pino.StreamEntry[] = [
    { stream: opts.pretty ? pretty({ colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' }) : process.stdout },
  ];
  if (opts.logDir) {
    fs.mkdirSync(opts.logDir, { recursive: true });
    streams.push({ stream: pino.destination({ dest: path.join(opts.logDir, 'manager.log'), sync: true, mkdir: true }) });
  }
  return pino(
    { level: opts.level ?? 'info', redact: { paths: REDACT, censor: '[redacted]' }, base: undefined },
    pino.multistream(streams),
  );
}

import { ErrorCode } from '@ark-asa/contracts';
import { AppError, isAppError } from '../../domain/app-error.ts';
import { MAX_BODY_BYTES } from '../../domain/rcon/rcon-codec.ts';
import { RconConnection } from './rcon-connection.ts';
import { authenticate, runCommand } from './rcon-exchange.ts';

export interface RconClientOptions {
  host: string;
  port: number;
  /** ServerAdminPassword. */
  password: string;
  /** Limit for connecting, logging in, and each command's reply (default 5000 ms). */
  timeoutMs?: number;
  /** Silence that ends a reply whose last packet was full-size (default 250 ms). */
  quietMs?: number;
  /** Wait before reconnecting after the connection was lost; doubles per failed attempt (default 200 ms). */
  reconnectDelayMs?: number;
}

export interface SendOptions {
  timeoutMs?: number;
}

/** ARK's reply to every command that has nothing to say (Broadcast, unknown commands, …). */
export const NO_RESPONSE_TEXT = 'Server received, But no response!!';

export function isNoResponse(text: string): boolean {
  return text.trim() === NO_RESPONSE_TEXT;
}

interface Job {
  command: string;
  timeoutMs: number;
  resolve(reply: string): void;
  reject(reason: AppError): void;
}

const MAX_RECONNECT_DELAY_MS = 5_000;
const MAX_ID = 0x7fffffff;

function toAppError(err: unknown): AppError {
  if (isAppError(err)) return err;
  return new AppError(ErrorCode.RCON_UNAVAILABLE, err instanceof Error ? err.message : String(err), undefined, {
    cause: err,
  });
}

/**
 * Source RCON client for ARK: Survival Ascended. ARK mishandles concurrent commands (CoreRcon #7),
 * so commands run one at a time from a queue. The connection opens lazily on the first command
 * and again after it was lost, with a backoff; a timeout resets it, because a late reply would
 * otherwise be taken for the next command's.
 */
export class RconClient {
  private readonly timeoutMs: number;
  private readonly quietMs: number;
  private readonly reconnectDelayMs: number;
  private conn: RconConnection | null = null;
  private connecting: Promise<RconConnection> | null = null;
  private readonly queue: Job[] = [];
  private current: Job | null = null;
  private closed = false;
  private failures = 0;
  private retryAt = 0;
  private lastId = 0;
  private wakeBackoff: (() => void) | null = null;

  constructor(private readonly options: RconClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.quietMs = options.quietMs ?? 250;
    this.reconnectDelayMs = options.reconnectDelayMs ?? 200;
  }

  /** Connects and logs in now instead of on the first command; a no-op when connected. */
  async connect(): Promise<void> {
    await this.connection();
  }

  /** Runs `command` after the commands sent before it; resolves with the reply, trailing whitespace trimmed. */
  send(command: string, options: SendOptions = {}): Promise<string> {
    if (this.closed) return Promise.reject(this.closedError());
    if (Buffer.byteLength(command, 'utf8') > MAX_BODY_BYTES || command.includes('\0')) {
      return Promise.reject(
        AppError.validation([{ field: 'command', message: `at most ${MAX_BODY_BYTES} bytes, without NUL characters` }]),
      );
    }
    return new Promise<string>((resolve, reject) => {
      this.queue.push({ command, timeoutMs: options.timeoutMs ?? this.timeoutMs, resolve, reject });
      void this.drain();
    });
  }

  /** Fails every pending command and closes the connection; the client cannot be used again. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const reason = this.closedError();
    this.current?.reject(reason);
    this.failQueued(reason);
    this.wakeBackoff?.();
    // A login in progress may still produce a socket; wait for it (at most timeoutMs) so that
    // nothing stays open after close() resolves.
    await this.connecting?.catch(() => undefined);
    const conn = this.conn;
    this.conn = null;
    conn?.destroy(reason);
    await conn?.closed;
  }

  private closedError(): AppError {
    return new AppError(ErrorCode.RCON_UNAVAILABLE, 'The RCON client was closed');
  }

  private async drain(): Promise<void> {
    if (this.current) return;
    for (let job = this.queue.shift(); job; job = this.queue.shift()) {
      this.current = job;
      try {
        job.resolve(await this.execute(job));
      } catch (err) {
        job.reject(toAppError(err));
      } finally {
        this.current = null;
      }
    }
  }

  private async execute(job: Job): Promise<string> {
    let conn: RconConnection;
    try {
      conn = await this.connection();
    } catch (err) {
      // The server is gone or refuses us: the commands queued behind this one would only wait
      // for the same answer, so they fail now instead of one by one.
      this.failQueued(toAppError(err));
      throw err;
    }
    try {
      const reply = await runCommand(conn, this.nextId(), job.command, job.timeoutMs, this.quietMs);
      return reply.trimEnd();
    } catch (err) {
      const reason = toAppError(err);
      if (reason.code === ErrorCode.RCON_TIMEOUT) conn.destroy(reason);
      throw reason;
    }
  }

  private failQueued(reason: AppError): void {
    for (const job of this.queue.splice(0)) job.reject(reason);
  }

  private nextId(): number {
    this.lastId = this.lastId >= MAX_ID ? 1 : this.lastId + 1;
    return this.lastId;
  }

  private connection(): Promise<RconConnection> {
    if (this.closed) return Promise.reject(this.closedError());
    if (this.conn?.isOpen) return Promise.resolve(this.conn);
    if (this.conn) {
      // Lost since the last command: wait a little before knocking again, so that a server that
      // accepts and drops connections is not hammered.
      this.retryAt = Math.max(this.retryAt, this.conn.closedAt + this.reconnectDelayMs);
      this.conn = null;
    }
    this.connecting ??= this.open().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async open(): Promise<RconConnection> {
    await this.backoff();
    if (this.closed) throw this.closedError();
    const { host, port, password } = this.options;
    try {
      const conn = await RconConnection.open(host, port, this.timeoutMs);
      try {
        await authenticate(conn, password, this.nextId(), this.timeoutMs);
      } catch (err) {
        conn.destroy();
        throw err;
      }
      this.failures = 0;
      this.conn = conn;
      return conn;
    } catch (err) {
      this.failures++;
      this.retryAt = Date.now() + Math.min(this.reconnectDelayMs * 2 ** this.failures, MAX_RECONNECT_DELAY_MS);
      throw err;
    }
  }

  private async backoff(): Promise<void> {
    const wait = this.retryAt - Date.now();
    if (wait <= 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(wake, wait);
      function wake(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wakeBackoff = wake;
    });
    this.wakeBackoff = null;
  }
}

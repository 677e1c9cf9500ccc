// Follows AsaApi's log for one server run. AsaApi opens a new file per process
// (ShooterGame/Binaries/Win64/logs/ArkApi_<pid>_<date>.log), so the folder is watched for files
// that were not there when the run began, and each is read from its first byte.
import { open, readdir, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type { Logger } from '../../logger.ts';
import type { LogSink } from '../logs/log-sink.ts';
import { asaApiLogsDir } from './asa-api-files.ts';
import { parseAsaApiLine } from './asa-api-log.ts';

export interface AsaApiLogFollowerOptions {
  instanceId: string;
  logsDir: string;
  sink: LogSink;
  logger: Logger;
  pollIntervalMs?: number;
}

interface Followed {
  handle: FileHandle;
  pos: number;
  decoder: StringDecoder;
  carry: string;
}

const MAX_READ = 256 * 1024;

export class AsaApiLogFollower {
  private readonly old = new Set<string>();
  private readonly files = new Map<string, Followed>();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private busy: Promise<void> = Promise.resolve();

  constructor(private readonly opts: AsaApiLogFollowerOptions) {}

  /** Records the files of earlier runs (never read), then polls. Await before spawning the loader. */
  async start(): Promise<void> {
    for (const name of await this.logNames()) this.old.add(name);
    this.schedule();
  }

  /** Reads what is there now, emits an unfinished last line, closes the files. */
  stop(): Promise<void> {
    if (this.stopped) return this.busy;
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.busy = this.busy.then(async () => {
      await this.poll().catch(() => undefined);
      for (const f of this.files.values()) {
        this.emit(f.carry + f.decoder.end());
        await f.handle.close().catch(() => undefined);
      }
      this.files.clear();
    });
    return this.busy;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.busy = this.busy
        .then(() => this.poll())
        .catch((err: unknown) =>
          this.opts.logger.debug({ err, instanceId: this.opts.instanceId }, 'AsaApi log poll failed'),
        )
        .finally(() => this.schedule());
    }, this.opts.pollIntervalMs ?? 500);
  }

  private async logNames(): Promise<string[]> {
    const names = await readdir(this.opts.logsDir).catch(() => [] as string[]);
    return names.filter((n) => n.toLowerCase().endsWith('.log'));
  }

  private async poll(): Promise<void> {
    for (const name of await this.logNames()) {
      if (this.old.has(name) || this.files.has(name)) continue;
      const handle = await open(path.join(this.opts.logsDir, name), 'r').catch(() => null);
      if (handle) this.files.set(name, { handle, pos: 0, decoder: new StringDecoder('utf8'), carry: '' });
    }
    for (const f of this.files.values()) await this.drain(f);
  }

  private async drain(f: Followed): Promise<void> {
    const buf = Buffer.alloc(MAX_READ);
    for (;;) {
      const { bytesRead } = await f.handle.read(buf, 0, MAX_READ, f.pos);
      if (bytesRead === 0) return;
      f.pos += bytesRead;
      const lines = (f.carry + f.decoder.write(buf.subarray(0, bytesRead))).split(/\r?\n/);
      f.carry = lines.pop() ?? '';
      for (const line of lines) this.emit(line);
    }
  }

  private emit(text: string): void {
    if (text.trim() === '') return;
    const { level, message } = parseAsaApiLine(text.replace(/^\uFEFF/, ''));
    try {
      this.opts.sink.append(this.opts.instanceId, { level, source: 'asaapi', message });
    } catch (err) {
      this.opts.logger.error({ err, instanceId: this.opts.instanceId }, 'AsaApi log line handler failed');
    }
  }
}

/** The server log's follow handle, joined by AsaApi's log for a run started through the loader. */
export async function withAsaApiLog(
  serverFollow: { stop(): void },
  instanceId: string,
  installDir: string,
  deps: { logs: LogSink; logger: Logger },
): Promise<{ stop(): void }> {
  const api = new AsaApiLogFollower({
    instanceId,
    logsDir: asaApiLogsDir(installDir),
    sink: deps.logs,
    logger: deps.logger,
  });
  await api.start();
  return {
    stop: () => {
      serverFollow.stop();
      void api.stop();
    },
  };
}

import path from 'node:path';
import { isoNow, type Clock } from '../../domain/clock.ts';
import { ServerLogText, type ServerLogLine } from '../../domain/server-log.ts';
import type { Logger } from '../../logger.ts';
import type { LogLineInput, LogSink } from './log-sink.ts';
import { LogTailer, type TailStart } from './log-tailer.ts';

/** `<installDir>/ShooterGame/Saved/Logs/ShooterGame.log` (docs/ark-facts.md#logs). */
export function serverLogPath(installDir: string): string {
  return path.join(installDir, 'ShooterGame', 'Saved', 'Logs', 'ShooterGame.log');
}

export interface ServerLogFollowerOptions {
  instanceId: string;
  /** The instance directory (holds its own ShooterGame/Saved). */
  installDir: string;
  sink: LogSink;
  clock: Clock;
  logger: Logger;
  /**
   * Every parsed line, markers included (ready, world-saved, player-joined, …). Called even for lines
   * the sink drops when the server floods, so the supervisor never misses a marker. The line is a
   * ServerLogText: its level and timestamp are worked out when read.
   */
  onLine?: (line: ServerLogLine) => void;
  pollIntervalMs?: number;
}

/** Follows ShooterGame.log for one server run: lines into the instance's log, markers to the supervisor. */
export class ServerLogFollower {
  private readonly tailer: LogTailer;

  constructor(private readonly opts: ServerLogFollowerOptions) {
    const file = serverLogPath(opts.installDir);
    this.tailer = new LogTailer({
      path: file,
      onLine: (text) => this.handle(text),
      onError: (err) => opts.logger.warn({ err, instanceId: opts.instanceId, file }, 'cannot read the server log'),
      ...(opts.pollIntervalMs !== undefined && { pollIntervalMs: opts.pollIntervalMs }),
    });
  }

  /** See TailStart. For a new run, await this before spawning the server. */
  start(how: TailStart): Promise<void> {
    return this.tailer.start(how);
  }

  stop(): Promise<void> {
    return this.tailer.stop();
  }

  private handle(text: string): void {
    // A blank line carries nothing worth a row or an event.
    if (text.trim() === '') return;
    const line = new ServerLogText(text);
    const { instanceId, sink, onLine } = this.opts;
    // Appended before onLine so the log shows the server's line ahead of what the supervisor says about it.
    // Lazily where the sink can: a flooding server's lines past the rate limit are never graded or dated.
    try {
      if (sink.appendLazy) sink.appendLazy(instanceId, 'server', () => this.input(line));
      else sink.append(instanceId, this.input(line));
    } catch (err) {
      this.failed(err);
    }
    // One failing consumer must not cost the other its line (a lost `ready` marker would stall a start).
    try {
      onLine?.(line);
    } catch (err) {
      this.failed(err);
    }
  }

  private input(line: ServerLogText): LogLineInput {
    const timestamp = line.timestamp ?? isoNow(this.opts.clock);
    return { level: line.level, source: 'server', message: line.message, timestamp };
  }

  private failed(err: unknown): void {
    this.opts.logger.error({ err, instanceId: this.opts.instanceId }, 'server log line handler failed');
  }
}

/** What every run's follower shares. */
export type ServerLogFollowerDeps = Pick<ServerLogFollowerOptions, 'sink' | 'clock' | 'logger' | 'pollIntervalMs'>;

export interface ServerLogRun extends TailStart {
  instanceId: string;
  installDir: string;
  onLine: (line: ServerLogLine) => void;
}

/**
 * The supervisor's `followLog`: follows at once and returns the follower as the handle. The previous
 * run's file is recorded before this returns, so the caller may spawn the server right away.
 */
export function followServerLog(deps: ServerLogFollowerDeps, run: ServerLogRun): ServerLogFollower {
  const { instanceId, installDir, onLine, fromStart } = run;
  const follower = new ServerLogFollower({ ...deps, instanceId, installDir, onLine });
  follower
    .start({ fromStart })
    .catch((err: unknown) => deps.logger.error({ err, instanceId }, 'cannot follow the server log'));
  return follower;
}

import path from 'node:path';
import { isoNow, type Clock } from '../../domain/clock.ts';
import { parseServerLogLine, type ServerLogLine } from '../../domain/server-log.ts';
import type { Logger } from '../../logger.ts';
import type { LogSink } from './log-sink.ts';
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
   * the sink drops when the server floods, so the supervisor never misses a marker.
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
    const line = parseServerLogLine(text);
    const { instanceId, sink, clock, onLine, logger } = this.opts;
    const timestamp = line.timestamp ?? isoNow(clock);
    // Appended before onLine so the log shows the server's line ahead of what the supervisor says about it.
    guard(logger, instanceId, () =>
      sink.append(instanceId, { level: line.level, source: 'server', message: line.message, timestamp }),
    );
    if (onLine) guard(logger, instanceId, () => onLine(line));
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

// One failing consumer must not cost the other its line (a lost `ready` marker would stall a start).
function guard(logger: Logger, instanceId: string, fn: () => void): void {
  try {
    fn();
  } catch (err) {
    logger.error({ err, instanceId }, 'server log line handler failed');
  }
}

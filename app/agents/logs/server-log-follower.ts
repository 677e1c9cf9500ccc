import path from 'node:path';
import type { Clock } from '../../domain/clock.ts';
import type { ServerLogLine } from '../../domain/server-log.ts';
import type { Logger } from '../../logger.ts';
import type { LogSink } from './log-sink.ts';
import { LogTailer, type TailStart } from './log-tailer.ts';
import { ServerLogLines } from './server-log-lines.ts';

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
   * Each line that carries a marker (ready, world-saved, player-joined, …), in file order. Called
   * even for lines the sink drops when the server floods, so the supervisor never misses a marker;
   * lines without one are not handed over (a flooding server's refused lines are only counted). The
   * line is a ServerLogText: its level and timestamp are worked out when read.
   */
  onLine?: (line: ServerLogLine) => void;
  pollIntervalMs?: number;
}

/** Follows ShooterGame.log for one server run: lines into the instance's log, markers to the supervisor. */
export class ServerLogFollower {
  private readonly tailer: LogTailer;
  private readonly receiver: ServerLogLines;

  constructor(opts: ServerLogFollowerOptions) {
    const file = serverLogPath(opts.installDir);
    const { instanceId, sink, clock, onLine, logger } = opts;
    this.receiver = new ServerLogLines({
      ...{ instanceId, sink, clock },
      ...(onLine && { onLine }),
      onError: (err) => logger.error({ err, instanceId }, 'server log line handler failed'),
    });
    this.tailer = new LogTailer({
      path: file,
      onLine: this.receiver,
      onError: (err) => logger.warn({ err, instanceId, file }, 'cannot read the server log'),
      ...(opts.pollIntervalMs !== undefined && { pollIntervalMs: opts.pollIntervalMs }),
    });
  }

  /** Lines taken from the file so far, blank ones left out (kept, refused and marked alike). */
  get lines(): number {
    return this.receiver.lines;
  }

  /** See TailStart. For a new run, await this before spawning the server. */
  start(how: TailStart): Promise<void> {
    return this.tailer.start(how);
  }

  stop(): Promise<void> {
    return this.tailer.stop();
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

import type { InstanceRuntime, LogLevel, LogSource } from '@ark-asa/contracts';
import type { Clock } from '../../domain/clock.ts';
import { CHAT_POLL_MS } from './chat-poller.ts';
import { PLAYERS_POLL_MS } from './run-pollers.ts';
import type { ClusterLaunch } from '../../domain/cluster-args.ts';
import type { CrashPolicy } from '../../domain/crash-policy.ts';
import type { ServerLogLine } from '../../domain/server-log.ts';
import type { EventBus } from '../../events/event-bus.ts';
import type { Logger } from '../../logger.ts';
import type { InstanceRecord, Store } from '../../store/index.ts';
import type { ProcessHost } from '../process/process-host.ts';

export interface LogSink {
  append(instanceId: string, entry: { level: LogLevel; source: LogSource; message: string; timestamp?: string }): void;
}

export interface LogFollowHandle {
  stop(): void;
}

export interface SupervisorFiles {
  instanceDir(instanceId: string): string;
  /** Writes the settings the manager owns into GameUserSettings.ini before a start. */
  ensureManagedSettings(instance: InstanceRecord): Promise<unknown>;
}

export interface SupervisorTimeouts {
  /** Longest a START job waits for the server to advertise (ASA's own hang detection is 45 min). */
  startupMs: number;
  /** Wait for "World Save Complete" after SaveWorld. */
  saveMs: number;
  /** Wait for the process to exit after DoExit before killing it. */
  exitMs: number;
  /** While STARTING, how often to try RCON as a second readiness signal. */
  rconProbeMs: number;
  /** While RUNNING, how often to read the in-game chat (RCON GetChat). */
  chatPollMs: number;
  /** How often a RUNNING server is asked ListPlayers (the ground truth for joins and leaves). */
  playersPollMs: number;
}

export const DEFAULT_TIMEOUTS: SupervisorTimeouts = {
  startupMs: 20 * 60_000,
  saveMs: 60_000,
  exitMs: 60_000,
  rconProbeMs: 10_000,
  chatPollMs: CHAT_POLL_MS,
  playersPollMs: PLAYERS_POLL_MS,
};

export interface SupervisorDeps {
  store: Store;
  bus: EventBus;
  clock: Clock;
  logger: Logger;
  host: ProcessHost;
  logs: LogSink;
  files: SupervisorFiles;
  /** Follows ShooterGame.log of a run: every line goes to the log service, and each line carrying a marker (startup, save, join, crash, …) to `onLine`. */
  followLog(opts: {
    instanceId: string;
    installDir: string;
    fromStart: boolean;
    onLine: (line: ServerLogLine) => void;
  }): LogFollowHandle;
  crashPolicy(): CrashPolicy;
  /** Queues a START job for an automatic restart after a crash. */
  requestRestart(instanceId: string, reason: string): void;
  /** Whether a port is free: game ports are UDP, RCON TCP. */
  portFree: (port: number, protocol: 'udp' | 'tcp') => Promise<boolean>;
  timeouts?: Partial<SupervisorTimeouts>;
  /** This server's own Proton/Wine prefix folder, used only when a Linux host needs a runner (docs/linux-hosts.md). */
  compatPrefixOf?: (instanceId: string) => string;
  /** The managed cluster an instance starts in (its id, shared folder and transfer rules), if any. */
  clusterOf?: (instanceId: string) => ClusterLaunch | null;
  /**
   * The agent this supervisor is. Rows of other agents (the mirror of a remote host's servers,
   * with that host's pids) are never adopted, settled, started or stopped here.
   */
  localAgentId?: () => string;
}

export type RuntimeOf = (instanceId: string) => InstanceRuntime | null;

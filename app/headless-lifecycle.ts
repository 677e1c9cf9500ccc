import { PROCESS_CHANNEL_VERSION, type ParentMessage } from '@ark-asa/contracts';
import type { ControlPlane } from './control-plane.ts';
import type { Logger } from './logger.ts';
import type { ParentChannel } from './process-channel-host.ts';
import { DEFAULT_SAVE_DEADLINE_MS } from './save-all-worlds.ts';

export interface LifecycleOptions {
  plane: ControlPlane;
  channel: ParentChannel | null;
  logger: Logger;
  /** Stop every server gracefully on a signal (a service wrapper that ends the process tree anyway). */
  stopServersOnExit: boolean;
  /** How long a stop spends saving worlds before it lets go of the servers. */
  saveDeadlineMs?: number;
  exit?: (code: number) => void;
}

/**
 * What ends the headless manager. SIGINT is Ctrl+C (and what WinSW sends a service); SIGTERM is
 * systemd's stop; SIGBREAK is Ctrl+Break on Windows; SIGHUP is a closed terminal, and on Windows a
 * closed console window or a log-off, after which Windows ends the process within seconds.
 * https://nodejs.org/api/process.html#signal-events
 */
const SIGNALS: NodeJS.Signals[] =
  process.platform === 'win32' ? ['SIGINT', 'SIGTERM', 'SIGBREAK', 'SIGHUP'] : ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Wires signals and the parent's messages to the control plane: a stop first saves every running
 * world (bounded), then stops the plane leaving the servers running (or stops them too when asked),
 * says `stopped` to the parent and exits 0. A second signal while stopping exits at once.
 */
export function runHeadlessLifecycle(opts: LifecycleOptions): {
  shutdown: (reason: string, stopServers?: boolean) => Promise<void>;
} {
  const { plane, channel, logger } = opts;
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  const deadlineMs = opts.saveDeadlineMs ?? DEFAULT_SAVE_DEADLINE_MS;
  let stopping: Promise<void> | null = null;

  const shutdown = (reason: string, stopServers = opts.stopServersOnExit): Promise<void> =>
    (stopping ??= (async () => {
      logger.info({ reason, stopServers }, 'shutting down');
      // A stop job saves before it exits the server; only servers left running need a save here.
      if (!stopServers) await saveWorlds(plane, deadlineMs, logger);
      const left = stopServers ? 0 : plane.runningServers();
      await plane.stop({ stopServers });
      await channel?.send({ v: PROCESS_CHANNEL_VERSION, type: 'stopped', serversLeftRunning: left });
      exit(0);
    })().catch((err: unknown) => {
      logger.error({ err }, 'the shutdown failed');
      exit(1);
    }));

  for (const signal of SIGNALS) {
    process.on(signal, () => {
      if (stopping) {
        logger.warn({ signal }, 'second signal while stopping: exiting now');
        return exit(130);
      }
      void shutdown(signal);
    });
  }
  channel?.onMessage((message) => void onParentMessage(message, opts, shutdown));
  channel?.onDisconnect(() => void shutdown('parent-disconnected'));
  return { shutdown };
}

async function onParentMessage(
  message: ParentMessage,
  opts: LifecycleOptions,
  shutdown: (reason: string, stopServers?: boolean) => Promise<void>,
): Promise<void> {
  if (message.type === 'shutdown') return shutdown('parent-shutdown', message.stopServers);
  const result = await saveWorlds(opts.plane, message.deadlineMs, opts.logger);
  await opts.channel?.send({ v: PROCESS_CHANNEL_VERSION, type: 'session-saved', ...result });
}

async function saveWorlds(plane: ControlPlane, deadlineMs: number, logger: Logger) {
  const result = await plane.saveAllWorlds(deadlineMs);
  if (result.saved || result.failed.length)
    logger.info({ saved: result.saved, failed: result.failed }, 'saved the running worlds');
  return result;
}

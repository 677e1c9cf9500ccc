import { PROCESS_CHANNEL_VERSION, ParentMessage, type PlaneMessage } from '@ark-asa/contracts';
import type { Logger } from './logger.ts';

/**
 * The piece of Electron's `process.parentPort` (inside a `utilityProcess`) this uses, typed here
 * because nothing in app/ may import electron.
 * https://www.electronjs.org/docs/latest/api/parent-port
 */
export interface ParentPortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
}

/** The process globals a channel is found on; injectable for tests. */
export interface ChannelProcess {
  parentPort?: ParentPortLike;
  send?: (message: unknown, callback?: (err: Error | null) => void) => boolean;
  connected?: boolean;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'disconnect', listener: () => void): unknown;
}

export interface ParentChannel {
  readonly kind: 'utility-process' | 'node-ipc';
  /** Resolves once the message has left (so the process may exit right after). */
  send(message: PlaneMessage): Promise<void>;
  onMessage(handler: (message: ParentMessage) => void): void;
  /** The parent went away (Node IPC only: Electron ends a utility process with its parent). */
  onDisconnect(handler: () => void): void;
}

/**
 * Validates what the parent sent: a message of another channel version, or not a message at all,
 * is logged and dropped rather than acted on (an old shell must not stop a newer manager by
 * accident, nor a malformed message crash it).
 */
export function parseParentMessage(raw: unknown, logger: Logger): ParentMessage | null {
  const parsed = ParentMessage.safeParse(raw);
  if (parsed.success) return parsed.data;
  const v = typeof raw === 'object' && raw !== null && 'v' in raw ? raw.v : undefined;
  if (v !== undefined && v !== PROCESS_CHANNEL_VERSION) {
    logger.warn({ v, expected: PROCESS_CHANNEL_VERSION }, 'ignored a process-channel message of another version');
  } else {
    logger.warn(
      { issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) },
      'ignored an invalid process-channel message',
    );
  }
  return null;
}

function utilityChannel(port: ParentPortLike, logger: Logger): ParentChannel {
  return {
    kind: 'utility-process',
    send: (message) => {
      port.postMessage(message);
      // postMessage queues; one turn of the loop lets it leave before a process.exit.
      return new Promise((resolve) => setImmediate(resolve));
    },
    onMessage: (handler) => {
      port.on('message', (event) => {
        const message = parseParentMessage(event.data, logger);
        if (message) handler(message);
      });
    },
    onDisconnect: () => undefined,
  };
}

function ipcChannel(proc: ChannelProcess, send: NonNullable<ChannelProcess['send']>, logger: Logger): ParentChannel {
  return {
    kind: 'node-ipc',
    send: (message) =>
      new Promise((resolve) => {
        if (!proc.connected) return resolve();
        try {
          send.call(proc, message, (err) => {
            if (err) logger.debug({ err }, 'the parent did not receive a process-channel message');
            resolve();
          });
        } catch (err) {
          logger.debug({ err }, 'the parent channel closed');
          resolve();
        }
      }),
    onMessage: (handler) => {
      proc.on('message', (raw) => {
        const message = parseParentMessage(raw, logger);
        if (message) handler(message);
      });
    },
    onDisconnect: (handler) => {
      proc.on('disconnect', handler);
    },
  };
}

/**
 * The channel to the parent process, when there is one: Electron's `utilityProcess` gives
 * `process.parentPort`, Node's fork (or spawn with an 'ipc' stdio) gives `process.send`. Started
 * from a terminal or a service wrapper there is none, and signals alone govern the lifecycle.
 */
export function connectParent(
  logger: Logger,
  proc: ChannelProcess = process as unknown as ChannelProcess,
): ParentChannel | null {
  if (proc.parentPort) return utilityChannel(proc.parentPort, logger);
  if (typeof proc.send === 'function' && proc.connected) return ipcChannel(proc, proc.send, logger);
  return null;
}

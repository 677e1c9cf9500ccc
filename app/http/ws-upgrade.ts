import http, { type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { ErrorCode } from '@ark-asa/contracts';
import { AppError } from '../domain/app-error.ts';
import { WS_PATH, type WsHub } from '../ws/ws-hub.ts';
import { statusOf } from './errors.ts';
import type { SecurityGuard } from './security.ts';
import type { Logger } from '../logger.ts';

export interface UpgradeDeps {
  guard: Pick<SecurityGuard, 'checkUpgrade'>;
  hub: Pick<WsHub, 'accept'>;
  logger: Logger;
  /** Other WebSocket endpoints by path (the agent channel), each authorising its own upgrades. */
  channels?: Record<string, UpgradeListener>;
}

export type UpgradeListener = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

/** The path of a request target, or null when it is not a URL at all (`//x:99999/ws`). */
function pathnameOf(target: string | undefined): string | null {
  try {
    return new URL(target ?? '/', 'http://localhost').pathname;
  } catch {
    return null;
  }
}

/**
 * The HTTP server's `upgrade` listener: /ws goes to the hub once the guard agrees, anything else is
 * refused with a bare status line. It never throws: an exception in an `upgrade` listener is an
 * uncaught exception, and an unauthenticated request must not be able to stop the manager.
 */
export function createUpgradeHandler(deps: UpgradeDeps): UpgradeListener {
  return (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    try {
      const pathname = pathnameOf(req.url);
      const channel = pathname !== null && pathname !== WS_PATH ? deps.channels?.[pathname] : undefined;
      if (channel) return channel(req, socket, head);
      const refusal =
        pathname === null
          ? new AppError(ErrorCode.BAD_REQUEST, 'Bad request target')
          : pathname === WS_PATH
            ? deps.guard.checkUpgrade(req)
            : new AppError(ErrorCode.ROUTE_NOT_FOUND, 'Not found');
      if (!refusal) return deps.hub.accept(req, socket, head);
      refuse(socket, statusOf(refusal.code));
    } catch (err) {
      try {
        deps.logger.error({ err }, 'a /ws upgrade failed');
      } catch {
        // Logging failed too (full disk): the refusal below still goes out.
      }
      refuse(socket, 500);
    }
  };
}

function refuse(socket: Duplex, status: number): void {
  socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? ''}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

import { once } from 'node:events';
import type http from 'node:http';
import { ErrorCode } from '@ark-asa/contracts';
import { AppError } from './domain/app-error.ts';

/**
 * What to do when the configured port cannot be used: `never` refuses (the explicit `--port X` of
 * a user who wants exactly X), `auto` listens on another port and says which.
 */
export type PortFallbackMode = 'never' | 'auto';

/** Why the requested port was not used, and which one was chosen instead. */
export interface PortFallback {
  requestedPort: number;
  reason: PortUnavailableReason;
  message: string;
}

/** `in-use`: another program listens there. `reserved`: the OS refuses it (Windows excluded ranges, privileged ports). */
export type PortUnavailableReason = 'in-use' | 'reserved';

export interface Listened {
  port: number;
  fallback: PortFallback | null;
}

/** Listens once; resolves with the bound port or rejects with the socket error. Injectable for tests. */
export type ListenOnce = (server: http.Server, host: string, port: number) => Promise<number>;

/** How many ports above the requested one are tried before asking the OS for any free port. */
const NEARBY_PORTS = 10;

export const listenOnce: ListenOnce = async (server, host, port) => {
  server.listen({ host, port });
  try {
    await once(server, 'listening');
  } catch (err) {
    // A failed listen leaves the server closed but its 'error' handled: listen() may be called again.
    server.close(() => undefined);
    throw err;
  }
  const address = server.address();
  return typeof address === 'object' && address ? address.port : port;
};

/**
 * The one place that turns a listen failure into an error a user can act on. Windows answers
 * EACCES for a port inside a range reserved by Hyper-V, WSL2 or Docker (see
 * `netsh interface ipv4 show excludedportrange protocol=tcp`), and POSIX for a port below 1024
 * without privileges: both are reported like a port in use (code `port-in-use`, reason `reserved`)
 * so every caller offers the same way out: another port.
 */
export function listenError(err: unknown, host: string, port: number, platform = process.platform): unknown {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code === 'EADDRINUSE') {
    return new AppError(
      ErrorCode.PORT_IN_USE,
      `Port ${port} is already in use on ${host}: stop the other program or choose another port with --port`,
      { port, reason: 'in-use' satisfies PortUnavailableReason },
      { cause: err },
    );
  }
  if (code === 'EACCES') {
    const why =
      platform === 'win32'
        ? `Windows reserves port ${port} (Hyper-V, WSL2 or Docker; list the ranges with "netsh interface ipv4 show excludedportrange protocol=tcp")`
        : `Port ${port} needs administrator rights${port < 1024 ? ' (ports below 1024 are privileged)' : ''}`;
    return new AppError(
      ErrorCode.PORT_IN_USE,
      `${why}: choose another port with --port, or let the manager pick one with --port-fallback`,
      { port, reason: 'reserved' satisfies PortUnavailableReason },
      { cause: err },
    );
  }
  if (code === 'EADDRNOTAVAIL') return new AppError(ErrorCode.CONFLICT, `${host} is not an address of this machine`);
  return err;
}

function unavailableReason(err: unknown): PortUnavailableReason | null {
  if (!(err instanceof AppError) || err.code !== ErrorCode.PORT_IN_USE) return null;
  const reason = (err.details as { reason?: unknown } | undefined)?.reason;
  return reason === 'reserved' ? 'reserved' : 'in-use';
}

/**
 * Listens on `port`; with `auto`, when that port is in use or reserved, on the next free one of
 * the few above it (a bookmark stays close), else on any port the OS gives.
 */
export async function listenWithFallback(
  server: http.Server,
  host: string,
  port: number,
  mode: PortFallbackMode,
  listen: ListenOnce = listenOnce,
): Promise<Listened> {
  let first: unknown;
  try {
    return { port: await listen(server, host, port), fallback: null };
  } catch (err) {
    first = listenError(err, host, port);
  }
  const reason = unavailableReason(first);
  if (mode === 'never' || port === 0 || reason === null) throw first;
  const candidates = [...Array.from({ length: NEARBY_PORTS }, (_, i) => port + 1 + i).filter((p) => p <= 65535), 0];
  for (const candidate of candidates) {
    try {
      const chosen = await listen(server, host, candidate);
      const said = reason === 'reserved' ? 'is reserved or not allowed' : 'is in use';
      const message = `Port ${port} ${said}; listening on port ${chosen} instead`;
      return { port: chosen, fallback: { requestedPort: port, reason, message } };
    } catch (err) {
      if (unavailableReason(listenError(err, host, candidate)) === null) throw listenError(err, host, candidate);
    }
  }
  throw first;
}

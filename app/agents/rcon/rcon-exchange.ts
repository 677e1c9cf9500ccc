import { ErrorCode } from '@ark-asa/contracts';
import { AppError, isAppError } from '../../domain/app-error.ts';
import {
  MAX_BODY_BYTES,
  SERVERDATA_AUTH,
  SERVERDATA_AUTH_RESPONSE,
  SERVERDATA_EXECCOMMAND,
  SERVERDATA_RESPONSE_VALUE,
  type DecodedRconPacket,
  type RconPacket,
} from '../../domain/rcon/rcon-codec.ts';
import type { RconConnection } from './rcon-connection.ts';

interface Settle<T> {
  resolve(value: T): void;
  reject(reason: AppError): void;
}

interface ExchangeHandler<T> {
  packet(packet: DecodedRconPacket, settle: Settle<T>): void;
  cleanup?(): void;
}

/**
 * Writes `request` and lets `handler` read packets until it settles, the connection ends or
 * `timeoutMs` passes. Only one exchange may listen on a connection at a time.
 */
function exchange<T>(
  conn: RconConnection,
  request: RconPacket,
  timeoutMs: number,
  timeoutError: () => AppError,
  handler: ExchangeHandler<T>,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const finish = (action: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      conn.listen(null);
      handler.cleanup?.();
      action();
    };
    const settle: Settle<T> = { resolve: (v) => finish(() => resolve(v)), reject: (e) => finish(() => reject(e)) };
    const timer = setTimeout(() => settle.reject(timeoutError()), timeoutMs);
    conn.listen({ packet: (p) => handler.packet(p, settle), close: (reason) => settle.reject(reason) });
    try {
      conn.write(request);
    } catch (err) {
      settle.reject(
        isAppError(err) ? err : new AppError(ErrorCode.RCON_UNAVAILABLE, String(err), undefined, { cause: err }),
      );
    }
  });
}

/**
 * Logs in. ARK answers with one AUTH_RESPONSE whose id is -1 on a wrong password; JustAmply's
 * client, which works against real ASA servers, treats any other id as success, and so do we.
 * SRCDS sends an empty RESPONSE_VALUE first; it is skipped in case a server does.
 */
export function authenticate(conn: RconConnection, password: string, id: number, timeoutMs: number): Promise<void> {
  const timeoutError = (): AppError =>
    new AppError(ErrorCode.RCON_TIMEOUT, `RCON at ${conn.where} did not answer the login within ${timeoutMs} ms`);
  return exchange<void>(conn, { id, type: SERVERDATA_AUTH, body: password }, timeoutMs, timeoutError, {
    packet(packet, settle) {
      if (packet.type !== SERVERDATA_AUTH_RESPONSE) return;
      if (packet.id === -1) {
        settle.reject(
          new AppError(
            ErrorCode.RCON_AUTH_FAILED,
            `RCON at ${conn.where} rejected the password: check ServerAdminPassword`,
          ),
        );
      } else {
        settle.resolve();
      }
    },
  });
}

/**
 * Runs one command and returns the raw reply text. ARK does not support SRCDS's empty-packet
 * sentinel, so the end of a reply is inferred: a packet shorter than a full Valve packet ends it,
 * and so does one longer than that (ASA sends long replies as one oversized packet); after a packet
 * of exactly the full size (a server that splits) we wait `quietMs` for more.
 * The bodies are joined as bytes before decoding: a split may fall inside a UTF-8 character.
 */
export function runCommand(
  conn: RconConnection,
  id: number,
  command: string,
  timeoutMs: number,
  quietMs: number,
): Promise<string> {
  const parts: Buffer[] = [];
  let quiet: NodeJS.Timeout | undefined;
  const text = (): string => Buffer.concat(parts).toString('utf8');
  const timeoutError = (): AppError =>
    new AppError(ErrorCode.RCON_TIMEOUT, `RCON at ${conn.where} did not answer "${command}" within ${timeoutMs} ms`);
  return exchange<string>(conn, { id, type: SERVERDATA_EXECCOMMAND, body: command }, timeoutMs, timeoutError, {
    packet(packet, settle) {
      if (packet.type !== SERVERDATA_RESPONSE_VALUE || packet.id !== id) return;
      parts.push(packet.bodyBytes);
      clearTimeout(quiet);
      if (packet.bodyBytes.length !== MAX_BODY_BYTES) settle.resolve(text());
      else quiet = setTimeout(() => settle.resolve(text()), quietMs);
    },
    cleanup: () => clearTimeout(quiet),
  });
}

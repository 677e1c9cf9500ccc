import net from 'node:net';
import { ErrorCode } from '@ark-asa/contracts';
import { AppError, isAppError } from '../../domain/app-error.ts';
import {
  encodeRconPacket,
  RconDecoder,
  type DecodedRconPacket,
  type RconPacket,
} from '../../domain/rcon/rcon-codec.ts';

/** Who hears from the connection while one exchange (login or command) is in flight. */
export interface ConnectionListener {
  packet(packet: DecodedRconPacket): void;
  close(reason: AppError): void;
}

function socketError(err: NodeJS.ErrnoException, where: string): AppError {
  const unavailable = (message: string): AppError =>
    new AppError(ErrorCode.RCON_UNAVAILABLE, message, { errno: err.code }, { cause: err });
  switch (err.code) {
    case 'ECONNREFUSED':
      return unavailable(
        `RCON at ${where} refused the connection: the server is not running or still starting, or RCON is off (RCONEnabled=True and the RCON port must match)`,
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return unavailable(`Cannot resolve the RCON host of ${where}: check the address`);
    case 'ECONNRESET':
    case 'EPIPE':
      return unavailable(`RCON at ${where} reset the connection`);
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return unavailable(`RCON at ${where} cannot be reached (${err.code}): check the address and the firewall`);
    default:
      return unavailable(`The RCON connection to ${where} failed: ${err.message}`);
  }
}

/**
 * One TCP connection to an RCON port: frames packets both ways and reports the first reason it
 * ended. It does not know about logins or commands; rcon-exchange.ts does.
 */
export class RconConnection {
  /** Resolves once the socket is fully closed. */
  readonly closed: Promise<void>;
  private readonly decoder = new RconDecoder();
  private listener: ConnectionListener | null = null;
  private endReason: AppError | null = null;
  private endedAt = 0;

  private constructor(
    private readonly socket: net.Socket,
    readonly where: string,
  ) {
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    // 'error' comes before 'close' and says more, so it wins as the reason.
    socket.on('error', (err) => this.end(socketError(err, where)));
    socket.on('close', () =>
      this.end(new AppError(ErrorCode.RCON_UNAVAILABLE, `RCON at ${where} closed the connection`)),
    );
  }

  static open(host: string, port: number, timeoutMs: number): Promise<RconConnection> {
    const where = `${host}:${port}`;
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host, port });
      const fail = (err: AppError): void => {
        clearTimeout(timer);
        socket.destroy();
        reject(err);
      };
      const onError = (err: NodeJS.ErrnoException): void => fail(socketError(err, where));
      const timer = setTimeout(
        () =>
          fail(
            new AppError(
              ErrorCode.RCON_UNAVAILABLE,
              `RCON at ${where} did not accept a connection within ${timeoutMs} ms`,
            ),
          ),
        timeoutMs,
      );
      socket.once('error', onError);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.off('error', onError);
        socket.setNoDelay(true);
        socket.setKeepAlive(true, 30_000);
        resolve(new RconConnection(socket, where));
      });
    });
  }

  get isOpen(): boolean {
    return this.endReason === null;
  }

  /** When the connection ended (epoch ms), 0 while open. */
  get closedAt(): number {
    return this.endedAt;
  }

  listen(listener: ConnectionListener | null): void {
    this.listener = listener;
    if (listener && this.endReason) listener.close(this.endReason);
  }

  write(packet: RconPacket): void {
    if (this.endReason) throw this.endReason;
    this.socket.write(encodeRconPacket(packet));
  }

  destroy(reason?: AppError): void {
    this.end(reason ?? new AppError(ErrorCode.RCON_UNAVAILABLE, `The RCON connection to ${this.where} was closed`));
  }

  private onData(chunk: Buffer): void {
    let packets: DecodedRconPacket[];
    try {
      packets = this.decoder.push(chunk);
    } catch (err) {
      this.end(
        isAppError(err)
          ? err
          : new AppError(ErrorCode.RCON_UNAVAILABLE, `Bad data from RCON at ${this.where}`, undefined, { cause: err }),
      );
      return;
    }
    for (const packet of packets) this.listener?.packet(packet);
  }

  private end(reason: AppError): void {
    if (this.endReason) return;
    this.endReason = reason;
    this.endedAt = Date.now();
    this.socket.destroy();
    this.listener?.close(reason);
  }
}

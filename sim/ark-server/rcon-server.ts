// The RCON endpoint (docs/ark-facts.md, RCON): TCP on all interfaces, or only on the MultiHome address
// when one is given; one AUTH_RESPONSE per AUTH (same id, or -1 for a bad password); a reply is ONE
// RESPONSE_VALUE packet however long it is (ASA does not split at Valve's 4096 bytes), or, with
// `rconSplitReplies`, packets of at most 4096 bytes as SRCDS does; several connections at once.
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import {
  encodePacket,
  PacketDecoder,
  SERVERDATA_AUTH,
  SERVERDATA_AUTH_RESPONSE,
  SERVERDATA_EXECCOMMAND,
  SERVERDATA_RESPONSE_VALUE,
  splitBody,
} from './rcon-codec.ts';
import type { RconPacket } from './rcon-codec.ts';

export interface RconHost {
  password: string;
  /** SRCDS sends an empty RESPONSE_VALUE before the AUTH_RESPONSE; ASA probably does not (docs/ark-facts.md#ark-rcon-quirks). */
  leadingEmptyAuthResponse(): boolean;
  /** SRCDS behaviour: replies split into 4096-byte packets. ASA sends one packet. */
  splitReplies(): boolean;
  onAuth(ok: boolean, remote: string): void;
  execute(command: string): Promise<string>;
}

class Connection {
  private authed = false;
  private readonly decoder = new PacketDecoder();
  /** Packets of one connection are answered strictly in order, even when a command takes time. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly socket: net.Socket,
    private readonly host: RconHost,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', () => socket.destroy());
  }

  private onData(chunk: Buffer): void {
    let packets: RconPacket[];
    try {
      packets = this.decoder.push(chunk);
    } catch {
      this.socket.destroy();
      return;
    }
    for (const p of packets) {
      this.queue = this.queue
        .then(() => this.handle(p))
        .catch(() => {
          this.socket.destroy();
        });
    }
  }

  private send(packet: RconPacket): void {
    if (!this.socket.destroyed) this.socket.write(encodePacket(packet));
  }

  private async handle(p: RconPacket): Promise<void> {
    if (p.type === SERVERDATA_AUTH) {
      if (this.host.leadingEmptyAuthResponse()) this.send({ id: p.id, type: SERVERDATA_RESPONSE_VALUE, body: '' });
      this.authed = p.body === this.host.password;
      this.send({ id: this.authed ? p.id : -1, type: SERVERDATA_AUTH_RESPONSE, body: '' });
      this.host.onAuth(this.authed, `${this.socket.remoteAddress ?? ''}:${this.socket.remotePort ?? 0}`);
      return;
    }
    if (!this.authed) {
      // Commands before a successful AUTH are not answered; the connection is dropped.
      this.socket.destroy();
      return;
    }
    if (p.type === SERVERDATA_EXECCOMMAND) {
      const reply = await this.host.execute(p.body.trim());
      const bodies = this.host.splitReplies() ? splitBody(reply) : [reply];
      for (const body of bodies) this.send({ id: p.id, type: SERVERDATA_RESPONSE_VALUE, body });
    } else if (p.type === SERVERDATA_RESPONSE_VALUE) {
      // Echo an empty RESPONSE_VALUE so clients using the SRCDS end-of-reply trick terminate (§4.1).
      this.send({ id: p.id, type: SERVERDATA_RESPONSE_VALUE, body: '' });
    }
  }
}

/** Listens on `address`:<port> (all interfaces unless MultiHome names one); resolves once listening. */
export function startRconServer(
  port: number,
  host: RconHost,
  address = '0.0.0.0',
): Promise<{ server: net.Server; port: number }> {
  return new Promise((resolve, reject) => {
    const server = net.createServer((socket) => new Connection(socket, host));
    server.once('error', reject);
    server.listen(port, address, () => {
      server.off('error', reject);
      resolve({ server, port: (server.address() as AddressInfo).port });
    });
  });
}

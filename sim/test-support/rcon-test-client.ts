// A deliberately separate, minimal Source RCON client for the simulator tests (it shares no code with
// the simulator's codec, so a framing bug cannot hide by being mirrored on both sides).
import net from 'node:net';

export interface Packet {
  id: number;
  type: number;
  body: string;
}

export function frame(id: number, type: number, body: string): Buffer {
  const b = Buffer.from(body, 'utf8');
  const out = Buffer.alloc(14 + b.length);
  out.writeInt32LE(10 + b.length, 0);
  out.writeInt32LE(id, 4);
  out.writeInt32LE(type, 8);
  b.copy(out, 12);
  return out;
}

export class RconTestClient {
  readonly packets: Packet[] = [];
  /** Total wire size of every received packet, to check the 4096-byte limit. */
  readonly wireSizes: number[] = [];
  closed = false;
  private buf = Buffer.alloc(0);
  private waiters: (() => void)[] = [];

  private constructor(readonly socket: net.Socket) {
    socket.on('data', (c: Buffer) => this.onData(c));
    socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
    socket.on('error', () => undefined);
  }

  static connect(port: number, host = '127.0.0.1'): Promise<RconTestClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, host, () => resolve(new RconTestClient(socket)));
      socket.once('error', reject);
    });
  }

  private onData(chunk: Buffer): void {
    this.buf = Buffer.concat([this.buf, chunk]);
    while (this.buf.length >= 4) {
      const size = this.buf.readInt32LE(0);
      if (this.buf.length < size + 4) break;
      const body = this.buf.subarray(12, size + 4 - 2).toString('utf8');
      this.packets.push({ id: this.buf.readInt32LE(4), type: this.buf.readInt32LE(8), body });
      this.wireSizes.push(size + 4);
      this.buf = this.buf.subarray(size + 4);
    }
    this.wake();
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Resolves once `count` packets in total have arrived (or the socket closed). */
  async waitPackets(count: number, timeoutMs = 15_000): Promise<Packet[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.packets.length < count && !this.closed) {
      if (Date.now() > deadline) throw new Error(`expected ${count} packets, got ${this.packets.length}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
    return this.packets;
  }

  write(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  async auth(password: string, id = 1): Promise<Packet> {
    const before = this.packets.length;
    this.write(frame(id, 3, password));
    const packets = await this.waitPackets(before + 1);
    const p = packets[before];
    if (!p) throw new Error('no auth response');
    return p;
  }

  /** Sends a command plus an empty RESPONSE_VALUE sentinel and joins every reply packet before the echo. */
  async command(text: string, id = 10): Promise<string> {
    const sentinel = id + 1;
    const from = this.packets.length;
    this.write(Buffer.concat([frame(id, 2, text), frame(sentinel, 0, '')]));
    for (;;) {
      await this.waitPackets(this.packets.length + 1);
      const got = this.packets.slice(from);
      if (got.some((p) => p.id === sentinel) || this.closed) {
        return got
          .filter((p) => p.id === id && p.type === 0)
          .map((p) => p.body)
          .join('');
      }
    }
  }

  close(): void {
    this.socket.destroy();
  }
}

/**
 * The client process of the /ws benchmark (spawned by ws-bench.ts, driven over IPC). It opens M
 * WebSocket connections to each server and then only drains them: after the handshake each socket
 * is read as raw TCP with a minimal frame parser (server frames are unmasked): per frame, a header
 * read and a short byte search, without the `ws` receiver's stream machinery, UTF-8 validation and
 * Buffer per message, so this process takes as little CPU as it can from the server being measured.
 * What remains (a wakeup and a read() per frame when frames arrive one by one) is reported per run.
 */
import crypto from 'node:crypto';
import net from 'node:net';
import {
  GROUP_PATHS,
  SEND_TIME_MARK,
  nowUs,
  type ClientRunStats,
  type FromClients,
  type Group,
  type ToClients,
} from './ws-bench-protocol.ts';

const MARK = Buffer.from(SEND_TIME_MARK);
const OPCODE_TEXT = 1;

function send(msg: FromClients): void {
  process.send?.(msg);
}

/** Counts and times the frames of one measured run over all sockets of a group. */
class RunTracker {
  private readonly latencies: Float64Array;
  private samples = 0;
  private frames = 0;
  private finished = 0;
  private closed = 0;
  private acked = 0;
  private lastRecvUs = 0;
  /** milestones[k] = sockets that have received at least k·ackEvery frames. */
  private readonly milestones: Uint32Array;
  private readonly cpuStart = process.cpuUsage();

  constructor(
    private readonly sockets: number,
    private readonly events: number,
    private readonly ackEvery: number,
  ) {
    this.latencies = new Float64Array(sockets * events);
    this.milestones = new Uint32Array(Math.ceil(events / ackEvery) + 1);
  }

  /** `count` is the socket's frame count including this frame; `latencyUs` is NaN if unreadable. */
  onFrame(count: number, latencyUs: number, recvUs: number): void {
    if (count > this.events) return;
    this.frames += 1;
    if (!Number.isNaN(latencyUs)) this.latencies[this.samples++] = latencyUs;
    if (count % this.ackEvery === 0 || count === this.events)
      this.reachMilestone(Math.ceil(count / this.ackEvery), count);
    if (count === this.events) {
      this.lastRecvUs = Math.max(this.lastRecvUs, recvUs);
      this.finishSocket();
    }
  }

  onClose(count: number): void {
    if (count >= this.events) return;
    this.closed += 1;
    this.finishSocket();
  }

  /** Credits for the publisher: every socket has now received at least `count` events. */
  private reachMilestone(index: number, count: number): void {
    const reached = (this.milestones[index] ?? 0) + 1;
    this.milestones[index] = reached;
    if (reached === this.sockets - this.closed && count > this.acked) {
      this.acked = count;
      send({ type: 'ack', events: count });
    }
  }

  private finishSocket(): void {
    this.finished += 1;
    if (this.finished < this.sockets) return;
    const sorted = this.latencies.subarray(0, this.samples).sort();
    // -1 = no sample (every socket was dropped); NaN would not survive the JSON of IPC.
    const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? -1;
    const cpu = process.cpuUsage(this.cpuStart);
    const stats: ClientRunStats = {
      frames: this.frames,
      p50Us: at(0.5),
      p99Us: at(0.99),
      maxUs: at(1),
      lastRecvUs: this.lastRecvUs,
      closed: this.closed,
      cpuUs: cpu.user + cpu.system,
    };
    send({ type: 'done', stats });
  }
}

/**
 * Every socket reads into this one buffer (net `onread`): no Readable stream, no allocation per read.
 * Sharing it is safe because each read is parsed to the end before the callback returns, and a
 * partial frame left at the end is copied out.
 */
const READ_BUFFER = Buffer.alloc(256 * 1024);

/** One WebSocket connection, read as raw TCP after the handshake. */
class DrainClient {
  tracker: RunTracker | null = null;
  count = 0;
  closed = false;
  private pending: Buffer | null = null;
  private upgraded = false;
  private head = Buffer.alloc(0);
  private socket: net.Socket | null = null;

  private constructor(private readonly onUpgrade: (err: Error | null) => void) {}

  static connect(port: number, path: string): Promise<DrainClient> {
    return new Promise((resolve, reject) => {
      const client = new DrainClient((err) => (err ? reject(err) : resolve(client)));
      const onread = {
        buffer: READ_BUFFER,
        callback: (n: number, buf: Uint8Array) => client.onRead(buf.subarray(0, n)),
      };
      const socket = net.connect({ port, host: '127.0.0.1', onread });
      client.socket = socket;
      socket.once('error', reject);
      socket.on('close', () => {
        client.closed = true;
        client.tracker?.onClose(client.count);
      });
      // With `onread` nothing is ever read from the Readable side, and a stream that nobody reads
      // never emits 'end' on EOF, so a server's drop would never reach 'close'. Flowing mode fixes it.
      socket.resume();
      const key = crypto.randomBytes(16).toString('base64');
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      );
    });
  }

  close(): void {
    this.socket?.destroy();
  }

  /** Returning false would pause the socket; this reader always wants more. */
  private onRead(data: Uint8Array): boolean {
    if (this.upgraded) this.onFrames(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    else this.onHandshake(Buffer.from(data));
    return true;
  }

  private onHandshake(chunk: Buffer): void {
    this.head = Buffer.concat([this.head, chunk]);
    const end = this.head.indexOf('\r\n\r\n');
    if (end < 0) return;
    if (!this.head.subarray(0, 12).toString().startsWith('HTTP/1.1 101')) {
      this.socket?.destroy();
      return this.onUpgrade(new Error(`upgrade refused: ${this.head.subarray(0, end).toString()}`));
    }
    this.upgraded = true;
    this.socket?.on('error', () => undefined); // 'close' follows, and that is what counts
    if (end + 4 < this.head.length) this.onFrames(this.head.subarray(end + 4));
    this.onUpgrade(null);
  }

  private onFrames(chunk: Buffer): void {
    // One clock read per TCP read: every frame in the chunk arrived at the same moment.
    const recvUs = nowUs();
    const buf = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    let off = 0;
    for (;;) {
      const frame = frameAt(buf, off);
      if (!frame) break;
      if (frame.opcode === OPCODE_TEXT) this.onText(buf, frame.start, frame.end, recvUs);
      off = frame.end;
    }
    // Copied, because `chunk` may be the shared read buffer that the next read overwrites.
    this.pending = off < buf.length ? Buffer.from(buf.subarray(off)) : null;
  }

  private onText(buf: Buffer, start: number, end: number, recvUs: number): void {
    this.count += 1;
    if (!this.tracker) return;
    const sentUs = readSendTime(buf, start, end);
    this.tracker.onFrame(this.count, Number.isNaN(sentUs) ? NaN : recvUs - sentUs, recvUs);
  }
}

/** Bounds of the complete frame starting at `off`, or null if it has not fully arrived. */
function frameAt(buf: Buffer, off: number): { opcode: number; start: number; end: number } | null {
  if (buf.length - off < 2) return null;
  const len7 = buf[off + 1]! & 0x7f;
  let start = off + 2;
  let len = len7;
  if (len7 === 126) {
    if (buf.length - off < 4) return null;
    len = buf.readUInt16BE(off + 2);
    start = off + 4;
  } else if (len7 === 127) {
    if (buf.length - off < 10) return null;
    len = Number(buf.readBigUInt64BE(off + 2));
    start = off + 10;
  }
  if (start + len > buf.length) return null;
  return { opcode: buf[off]! & 0x0f, start, end: start + len };
}

/** The integer after SEND_TIME_MARK inside [start, end), or NaN. */
function readSendTime(buf: Buffer, start: number, end: number): number {
  const at = buf.indexOf(MARK, start);
  if (at < 0 || at >= end) return NaN;
  let value = 0;
  for (let i = at + MARK.length; i < end; i++) {
    const digit = buf[i]! - 48;
    if (digit < 0 || digit > 9) return value;
    value = value * 10 + digit;
  }
  return NaN;
}

const groups: Record<Group, DrainClient[]> = { hub: [], bare: [] };

async function connectAll(port: number, count: number): Promise<void> {
  for (const group of ['hub', 'bare'] as const) {
    // Sequential connects keep the upgrade burst small; 2 × M handshakes take well under a second.
    for (let i = 0; i < count; i++) groups[group].push(await DrainClient.connect(port, GROUP_PATHS[group]));
  }
}

function expect(group: Group, events: number, ackEvery: number): void {
  // A socket dropped in an earlier run would never finish this one; the server reports those.
  const clients = groups[group].filter((c) => !c.closed);
  const tracker = new RunTracker(clients.length, events, ackEvery);
  for (const other of Object.values(groups)) for (const c of other) c.tracker = null;
  for (const c of clients) {
    c.count = 0;
    c.tracker = tracker;
  }
}

process.on('message', (raw) => {
  const msg = raw as ToClients;
  switch (msg.type) {
    case 'connect':
      connectAll(msg.port, msg.clients).then(
        () => send({ type: 'connected' }),
        (err: unknown) => send({ type: 'error', message: String(err) }),
      );
      break;
    case 'expect':
      expect(msg.group, msg.events, msg.ackEvery);
      send({ type: 'ready' });
      break;
    case 'quit':
      for (const c of [...groups.hub, ...groups.bare]) c.close();
      process.disconnect();
      break;
  }
});

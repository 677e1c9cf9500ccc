/**
 * The load generator's side of one keep-alive connection: a GET written as bytes, the answer read by
 * its Content-Length without turning the body into anything. Node's http client spends more per
 * answer than the server spends making it once the body is some tens of KB (a `data` event and
 * parser call per chunk, a socket wrapper per agent request), so with it the bench measured its own
 * client for the large pages: the log page's bare same-size baseline came out at a sixth of
 * hello-world however fast the server was.
 */
import net from 'node:net';

const HEADER_END = Buffer.from('\r\n\r\n');

interface Pending {
  resolve(bytes: number): void;
  reject(err: Error): void;
  path: string;
}

export class RawKeepAliveClient {
  private readonly socket: net.Socket;
  private readonly ready: Promise<void>;
  /** Bytes of the answer's head not yet complete; empty once the head is read. */
  private head: Buffer = Buffer.alloc(0);
  /** Body bytes still to come of the answer being read, or -1 while its head is not complete. */
  private bodyLeft = -1;
  private bodyBytes = 0;
  private status = 0;
  private pending: Pending | null = null;

  /** `headers`: extra request header lines, each ending in CRLF (an Accept-Encoding). */
  constructor(
    port: number,
    private readonly headers = '',
  ) {
    this.socket = net.connect({ host: '127.0.0.1', port, noDelay: true });
    this.ready = new Promise((resolve, reject) => {
      this.socket.once('connect', resolve);
      this.socket.once('error', reject);
    });
    this.socket.on('data', (chunk: Buffer) => this.take(chunk));
    this.socket.on('error', (err) => this.fail(err));
    this.socket.on('close', () => this.fail(new Error('the server closed the connection')));
  }

  /** One GET; resolves with the body's size on the wire once all of it arrived, rejects on a status other than 200. */
  async get(path: string): Promise<number> {
    await this.ready;
    if (this.pending) throw new Error('one request at a time per connection');
    const answer = new Promise<number>((resolve, reject) => (this.pending = { resolve, reject, path }));
    this.socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n${this.headers}\r\n`);
    return answer;
  }

  close(): void {
    this.socket.destroy();
  }

  private take(chunk: Buffer): void {
    let rest = chunk;
    if (this.bodyLeft < 0) {
      this.head = this.head.length ? Buffer.concat([this.head, chunk]) : chunk;
      const end = this.head.indexOf(HEADER_END);
      if (end < 0) return;
      const text = this.head.toString('latin1', 0, end);
      this.status = Number(text.slice(9, 12));
      const length = /\r\ncontent-length:\s*(\d+)/i.exec(text);
      if (!length) return this.fail(new Error(`${this.pending?.path}: an answer without Content-Length`));
      this.bodyLeft = Number(length[1]);
      this.bodyBytes = this.bodyLeft;
      rest = this.head.subarray(end + HEADER_END.length);
      this.head = Buffer.alloc(0);
    }
    this.bodyLeft -= rest.length;
    if (this.bodyLeft > 0) return;
    if (this.bodyLeft < 0) return this.fail(new Error('more bytes than the answer said: requests were pipelined'));
    const done = this.pending!;
    this.pending = null;
    this.bodyLeft = -1;
    if (this.status === 200) done.resolve(this.bodyBytes);
    else done.reject(new Error(`${done.path}: HTTP ${this.status}`));
  }

  private fail(err: Error): void {
    const done = this.pending;
    this.pending = null;
    done?.reject(err);
  }
}

import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { AgentResponse, ChannelRequest, ErrorCode, type AgentHttpRequest } from '@ark-asa/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../domain/app-error.ts';
import { relayHttp } from '../channel-client/http-relay.ts';
import { answerRequest, type RequestHandlers } from '../channel-client/request-handlers.ts';
import { UploadSpool, uploadHandlers } from '../channel-client/upload-spool.ts';
import { channelErrorToAppError, type RequestOptions } from './pending-requests.ts';
import { RemoteAgentProxy, type StreamedCall } from './remote-agent-proxy.ts';
import { pieces } from './upload-sender.ts';

const CHUNK = 64 * 1024;
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** What the manager behind the agent received: the body's length and hash, and two headers. */
interface Received {
  length: number;
  sha256: string;
  contentLength: string | null;
  contentType: string | null;
}

let server: http.Server;
let url: string;
beforeAll(async () => {
  server = http.createServer((req, res) => {
    const hash = createHash('sha256');
    let length = 0;
    req.on('data', (d: Buffer) => {
      hash.update(d);
      length += d.length;
    });
    req.on('end', () => {
      const body: Received = {
        length,
        sha256: hash.digest('hex'),
        contentLength: req.headers['content-length'] ?? null,
        contentType: req.headers['content-type'] ?? null,
      };
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

interface Sent {
  method: string;
  params: Record<string, unknown>;
}

/**
 * A remote agent without the WebSocket: every request goes through the contracts both ways (as JSON)
 * to the agent's real handlers, its spool on disk and its relay to a real HTTP server.
 */
class AgentSide {
  readonly sent: Sent[] = [];
  readonly dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ark-upload-sender-')), 'uploads');
  readonly spool = new UploadSpool(this.dir);
  handlers: RequestHandlers = {
    ...uploadHandlers(this.spool),
    http: (params, signal) => relayHttp({ url: this.url, token: null, uploads: this.spool }, params, signal),
  };
  /** Runs before each request is answered: delays, or a failure of the channel. */
  before: (method: string) => Promise<void> = () => Promise.resolve();
  private n = 0;

  constructor(private readonly url: string) {}

  readonly request = async (_agentId: string, method: string, params: unknown, opts?: RequestOptions) => {
    const wire = JSON.parse(JSON.stringify(params)) as Record<string, unknown>;
    this.sent.push({ method, params: wire });
    const request = ChannelRequest.parse({
      v: 1,
      type: 'request',
      id: `r${++this.n}`,
      method,
      params: wire,
      timeoutMs: opts?.timeoutMs,
    });
    await this.before(method);
    const answer = await answerRequest(this.handlers, request, new AbortController().signal);
    const response = AgentResponse.parse(JSON.parse(JSON.stringify(answer)));
    if (!response.ok) throw channelErrorToAppError(response.error);
    return response.result;
  };

  spooled(): string[] {
    return fs.existsSync(this.dir) ? fs.readdirSync(this.dir) : [];
  }

  methods(): string[] {
    return this.sent.map((s) => s.method);
  }
}

function proxyFor(agent: AgentSide): RemoteAgentProxy {
  return new RemoteAgentProxy({
    request: agent.request,
    nameOf: () => 'Cellar',
    upload: { chunkBytes: CHUNK, window: 2 },
  });
}

/** `bytes` as a client sends them: in pieces of uneven sizes; `fail` throws after `failAfter` bytes. */
async function* source(bytes: Buffer, fail?: { after: number; error: Error }): AsyncGenerator<Buffer> {
  for (let at = 0; at < bytes.length;) {
    if (fail && at >= fail.after) throw fail.error;
    await new Promise((resolve) => setImmediate(resolve)); // bytes arrive over time
    const size = 1000 + ((at * 7) % 20_000);
    yield bytes.subarray(at, at + size);
    at += size;
  }
}

const call = (body: AsyncIterable<Buffer> | null): StreamedCall => ({
  method: 'PUT',
  path: '/api/v1/instances/i1/config/Game.ini',
  headers: { 'content-type': 'text/plain' },
  body,
});
const received = (answer: { body: Buffer }) => JSON.parse(answer.body.toString()) as Received;

describe('a request body sent to a remote host', () => {
  it('goes whole inside the http request when it fits one piece', async () => {
    const agent = new AgentSide(url);
    const bytes = randomBytes(CHUNK);
    const answer = await proxyFor(agent).httpStreamed('a1', call(source(bytes)));
    expect(agent.methods()).toEqual(['http']);
    expect(received(answer)).toEqual({
      length: CHUNK,
      sha256: sha256(bytes),
      contentLength: String(CHUNK),
      contentType: 'text/plain',
    });
  });

  it('goes ahead in pieces, in order, and reaches the manager whole from the spool, which is then deleted', async () => {
    const agent = new AgentSide(url);
    const bytes = randomBytes(5 * CHUNK + 12_345);
    const answer = await proxyFor(agent).httpStreamed('a1', call(source(bytes)));
    expect(agent.methods()).toEqual([...Array<string>(6).fill('upload-chunk'), 'http']);
    const chunks = agent.sent.slice(0, 6).map((s) => s.params);
    expect(chunks.map((c) => c.seq)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(new Set(chunks.map((c) => c.uploadId)).size).toBe(1);
    expect(sha256(Buffer.concat(chunks.map((c) => Buffer.from(c.data as string, 'base64'))))).toBe(sha256(bytes));
    const request = agent.sent[6]!.params as AgentHttpRequest;
    expect(request.body).toBeUndefined();
    expect(request.bodyUpload).toEqual({ uploadId: chunks[0]!.uploadId, size: bytes.length });
    expect(received(answer)).toEqual({
      length: bytes.length,
      sha256: sha256(bytes),
      contentLength: String(bytes.length),
      contentType: 'text/plain',
    });
    expect(agent.spooled()).toEqual([]);
  });

  it('keeps at most the window of pieces unanswered (backpressure)', async () => {
    const agent = new AgentSide(url);
    let unanswered = 0;
    let most = 0;
    agent.before = async (method) => {
      if (method !== 'upload-chunk') return;
      unanswered += 1;
      most = Math.max(most, unanswered);
      await new Promise((resolve) => setTimeout(resolve, 5));
      unanswered -= 1;
    };
    const bytes = randomBytes(12 * CHUNK);
    const answer = await proxyFor(agent).httpStreamed('a1', call(source(bytes)));
    expect(received(answer).sha256).toBe(sha256(bytes));
    expect(most).toBe(2);
  });

  it('tells the host to discard its spool when the client body fails, and passes the error on', async () => {
    const agent = new AgentSide(url);
    const tooLarge = new AppError(ErrorCode.PAYLOAD_TOO_LARGE, 'A text body carries at most 2 MiB; this one is larger');
    const failing = source(randomBytes(8 * CHUNK), { after: 4 * CHUNK, error: tooLarge });
    await expect(proxyFor(agent).httpStreamed('a1', call(failing))).rejects.toBe(tooLarge);
    expect(agent.methods()).toContain('upload-discard');
    expect(agent.methods()).not.toContain('http');
    expect(agent.spooled()).toEqual([]);
  });

  it('answers agent-offline naming the host when it goes away mid-way, and the host keeps no spool', async () => {
    const agent = new AgentSide(url);
    let answered = 0;
    agent.before = async (method) => {
      if (method === 'upload-chunk' && ++answered <= 2) return;
      // The channel drops: the session's end discards every spool on the host (EmbeddedHost.closed).
      await agent.spool.discardAll();
      throw new AppError(ErrorCode.AGENT_OFFLINE, 'Host "Cellar" is offline');
    };
    await expect(proxyFor(agent).httpStreamed('a1', call(source(randomBytes(6 * CHUNK))))).rejects.toMatchObject({
      code: ErrorCode.AGENT_OFFLINE,
      message: 'Host "Cellar" is offline',
    });
    expect(agent.spooled()).toEqual([]);
  });

  it('deletes the spool on the host when the call itself fails there', async () => {
    const agent = new AgentSide('http://127.0.0.1:1');
    await expect(proxyFor(agent).httpStreamed('a1', call(source(randomBytes(3 * CHUNK))))).rejects.toMatchObject({
      code: ErrorCode.INTERNAL,
    });
    expect(agent.methods().slice(-2)).toEqual(['http', 'upload-discard']);
    expect(agent.spooled()).toEqual([]);
    expect(agent.spool.size).toBe(0);
  });

  it('names an agent too old to take pieces', async () => {
    const agent = new AgentSide(url);
    agent.handlers = { http: agent.handlers.http! };
    await expect(proxyFor(agent).httpStreamed('a1', call(source(randomBytes(3 * CHUNK))))).rejects.toMatchObject({
      code: ErrorCode.INVALID_STATE,
      message: 'Host "Cellar" runs an older agent that cannot take a request body this large; update it',
    });
  });
});

describe('pieces', () => {
  it('cuts a stream into pieces of exactly the size asked, the last one shorter', async () => {
    async function* parts(): AsyncGenerator<Buffer> {
      yield await Promise.resolve(Buffer.from('ab'));
      yield Buffer.from('cdefghi');
      yield Buffer.from('j');
    }
    const out: string[] = [];
    for await (const p of pieces(parts(), 3)) out.push(p.toString());
    expect(out).toEqual(['abc', 'def', 'ghi', 'j']);
  });
});

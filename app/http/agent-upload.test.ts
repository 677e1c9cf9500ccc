import { createHash, randomBytes } from 'node:crypto';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { AGENT_UPLOAD_CHUNK_BYTES, type ErrorEnvelope } from '@ark-asa/contracts';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.ts';
import { bodyLimits, formatSize, forwardedBody, parseSize } from './agent-upload.ts';
import { errorHandler } from './errors.ts';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const limits = bodyLimits('1kb', '2mb', { bytes: 3_000_000, text: '3 MB' });

/** What the route learnt of the body: whole or streamed, its length and hash. */
interface Seen {
  how: 'whole' | 'stream' | 'none';
  length: number;
  sha256: string;
}

let server: http.Server;
let url: string;
beforeAll(async () => {
  const app = express();
  app.put('/up', async (req, res) => {
    const read = await forwardedBody(req, limits);
    let bytes: Buffer | null;
    if ('body' in read) bytes = read.body;
    else {
      const parts: Buffer[] = [];
      for await (const part of read.stream) parts.push(part);
      bytes = Buffer.concat(parts);
    }
    const how = 'stream' in read ? 'stream' : bytes ? 'whole' : 'none';
    const seen: Seen = { how, length: bytes?.length ?? 0, sha256: sha256(bytes ?? Buffer.alloc(0)) };
    res.json(seen);
  });
  app.use(errorHandler(createLogger({ silent: true })));
  await new Promise<void>((resolve) => {
    server = app.listen(0, '127.0.0.1', () => resolve());
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/up`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function put(body: RequestInit['body'], headers: Record<string, string>): Promise<Response> {
  return fetch(url, { method: 'PUT', headers, body, duplex: 'half' });
}

/** A body with no Content-Length (chunked): its size is only known as it is read. */
function chunked(bytes: Buffer): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(at, at + 100_000));
      at += 100_000;
    },
  });
}

describe('a body forwarded to a remote host', () => {
  it('is read whole when it fits one piece, and as a stream when it does not', async () => {
    const small = randomBytes(1000);
    expect(await (await put(small, { 'content-type': 'application/octet-stream' })).json()).toEqual({
      how: 'whole',
      length: 1000,
      sha256: sha256(small),
    });
    const large = randomBytes(AGENT_UPLOAD_CHUNK_BYTES + 1);
    expect(await (await put(large, { 'content-type': 'application/octet-stream' })).json()).toEqual({
      how: 'stream',
      length: large.length,
      sha256: sha256(large),
    });
    expect(await (await put('', { 'content-type': 'text/plain' })).json()).toMatchObject({ how: 'none' });
  });

  it('is refused with 413 naming the limit of its type, declared or streamed, and the client reads the answer', async () => {
    const declared = await put(Buffer.alloc(2 * 1024 * 1024 + 1, 'a'), { 'content-type': 'text/plain' });
    expect(declared.status).toBe(413);
    expect(((await declared.json()) as ErrorEnvelope).error).toMatchObject({
      code: 'payload-too-large',
      message: 'A text body carries at most 2 MiB; this one is larger',
    });
    const streamed = await put(chunked(randomBytes(3_500_000)), { 'content-type': 'application/zip' });
    expect(streamed.status).toBe(413);
    expect(((await streamed.json()) as ErrorEnvelope).error.message).toBe(
      'A request body carries at most 3 MB; this one is larger',
    );
    const json = await put('{"a":"' + 'x'.repeat(2000) + '"}', { 'content-type': 'application/json' });
    expect(((await json.json()) as ErrorEnvelope).error.message).toBe(
      'A JSON body carries at most 1 KiB; this one is larger',
    );
    // Just under a limit passes.
    const under = await put(chunked(Buffer.alloc(2 * 1024 * 1024, 'b')), { 'content-type': 'text/plain' });
    expect(((await under.json()) as Seen).length).toBe(2 * 1024 * 1024);
  });

  it('is inflated when it came compressed, and refused when it is not what its encoding says', async () => {
    const text = Buffer.from('[ServerSettings]\n'.repeat(100_000));
    const gzipped = await put(zlib.gzipSync(text), { 'content-type': 'text/plain', 'content-encoding': 'gzip' });
    expect(await gzipped.json()).toEqual({ how: 'stream', length: text.length, sha256: sha256(text) });
    const bad = await put(randomBytes(2000), { 'content-type': 'text/plain', 'content-encoding': 'gzip' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as ErrorEnvelope).error.code).toBe('bad-request');
    const unknown = await put('x', { 'content-type': 'text/plain', 'content-encoding': 'zstd-ish' });
    expect(unknown.status).toBe(400);
  });

  it('reads sizes as the body parsers write them', () => {
    expect(parseSize('256kb')).toBe(262_144);
    expect(parseSize('2mb')).toBe(2_097_152);
    expect(formatSize(262_144)).toBe('256 KiB');
    expect(formatSize(2_097_152)).toBe('2 MiB');
    expect(formatSize(1500)).toBe('1,500 bytes');
  });
});

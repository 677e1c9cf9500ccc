import fs from 'node:fs';
import {
  AGENT_CHANNEL_MAX_PAYLOAD,
  AgentRequestMethods,
  type AgentHttpRequest,
  type AgentHttpResponse,
} from '@ark-asa/contracts';
import { RelayError } from './relay-error.ts';
import type { UploadSpool } from './upload-spool.ts';

/**
 * The largest response body relayed (about 6 MiB): in base64 it grows by a third, and the answer
 * must still fit one channel frame (AGENT_CHANNEL_MAX_PAYLOAD) with its envelope.
 */
export const MAX_RELAYED_BODY = Math.floor((AGENT_CHANNEL_MAX_PAYLOAD - 64 * 1024) / 4) * 3;

/**
 * Request headers passed on; never the caller's credentials, Host or Origin (the embedded manager has
 * its own rules). `range`: the control plane fetches a large backup piece by piece.
 */
const REQUEST_HEADERS = new Set(['content-type', 'accept', 'if-match', 'if-none-match', 'range']);
/** Response headers relayed back: the contract's list, and those of a 206 answer to a `range`. */
const RESPONSE_HEADERS = ['content-type', 'content-disposition', 'content-range', 'accept-ranges'];

export { RelayError } from './relay-error.ts';

export interface RelayTarget {
  /** http://127.0.0.1:<port> of the embedded manager. */
  url: string;
  /** Its per-run access token. */
  token: string | null;
  /** Where bodies sent in `upload-chunk` pieces wait for the request that names them (`bodyUpload`). */
  uploads?: UploadSpool;
}

/**
 * One REST call of the control plane, performed on the embedded manager: the only door into it from
 * outside, which is why only `/api/v1/` paths pass (the contract's rule) and the token is ours.
 */
export async function relayHttp(target: RelayTarget, raw: unknown, signal: AbortSignal): Promise<AgentHttpResponse> {
  const parsed = AgentRequestMethods.http.params.safeParse(raw);
  if (!parsed.success) {
    throw new RelayError(
      'validation-failed',
      `Invalid http request: ${parsed.error.issues[0]?.message ?? 'bad params'}`,
    );
  }
  const params = parsed.data;
  if (params.bodyUpload) return relaySpooled(target, params, params.bodyUpload, signal);
  const res = await fetch(`${target.url}${params.path}`, {
    method: params.method,
    headers: requestHeaders(params, target.token),
    body: params.body && params.method !== 'GET' ? Buffer.from(params.body, 'base64') : undefined,
    redirect: 'manual',
    signal,
  });
  return answerOf(res, signal);
}

/**
 * A call whose body was spooled here piece by piece: the file is streamed to the embedded manager
 * (never read whole), and deleted once the call is answered, failed or cancelled.
 */
async function relaySpooled(
  target: RelayTarget,
  params: AgentHttpRequest,
  ref: { uploadId: string; size: number },
  signal: AbortSignal,
): Promise<AgentHttpResponse> {
  if (!target.uploads) throw new RelayError('unsupported-method', 'This agent keeps no uploads');
  let file: fs.ReadStream | null = null;
  try {
    const spooled = await target.uploads.take(ref.uploadId, ref.size);
    const headers = requestHeaders(params, target.token);
    if (params.method !== 'GET') {
      file = fs.createReadStream(spooled);
      headers['content-length'] = String(ref.size);
    }
    const res = await fetch(`${target.url}${params.path}`, {
      method: params.method,
      headers,
      body: file ?? undefined,
      duplex: 'half',
      redirect: 'manual',
      signal,
    });
    return await answerOf(res, signal);
  } finally {
    if (file) await closed(file);
    await target.uploads.discard(ref.uploadId);
  }
}

/** Closed before the spool is deleted: Windows may refuse to delete a file that is still open. */
function closed(file: fs.ReadStream): Promise<void> {
  if (file.closed) return Promise.resolve();
  return new Promise((resolve) => {
    file.once('close', () => resolve());
    file.destroy();
  });
}

async function answerOf(res: Response, signal: AbortSignal): Promise<AgentHttpResponse> {
  const body = await readCapped(res, signal);
  const headers: Record<string, string> = {};
  for (const name of RESPONSE_HEADERS) {
    const value = res.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  return { status: res.status, headers, body: body.toString('base64') };
}

function requestHeaders(params: AgentHttpRequest, token: string | null): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(params.headers ?? {})) {
    if (REQUEST_HEADERS.has(name.toLowerCase())) headers[name.toLowerCase()] = value;
  }
  if (token) headers.authorization = `Bearer ${token}`;
  return headers;
}

function tooLarge(): RelayError {
  const mib = Math.round(MAX_RELAYED_BODY / 1024 / 1024);
  return new RelayError(
    'too-large',
    `The host's answer is larger than ${mib} MiB, the most the agent channel carries in one response`,
  );
}

/** The body, refused as soon as it passes the limit (a large file is never read whole first). */
async function readCapped(res: Response, signal: AbortSignal): Promise<Buffer> {
  const declared = Number(res.headers.get('content-length') ?? Number.NaN);
  if (declared > MAX_RELAYED_BODY) {
    await res.body?.cancel();
    throw tooLarge();
  }
  if (!res.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = res.body.getReader() as ReadableStreamDefaultReader<Uint8Array>;
  for (;;) {
    signal.throwIfAborted();
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_RELAYED_BODY) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks, size);
}

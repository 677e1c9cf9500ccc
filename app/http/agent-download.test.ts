import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { AgentHttpRequest, CreatedAgent, Instance } from '@ark-asa/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeChannelAgent, json, type FakeAnswer } from '../../test/helpers/fake-channel-agent.ts';
import { Harness } from '../../test/helpers/harness.ts';
import { waitUntil } from '../../test/helpers/remote-agents.ts';
import { DOWNLOAD_CHUNK_BYTES } from './agent-download.ts';

/**
 * A remote host's backup through the control plane, in pieces: a real control plane and a real agent
 * channel, with a fake agent that serves byte ranges of a file held in memory.
 */
const TOKEN = 'download-test-token-0123456789ab';
const FILE = randomBytes(3 * DOWNLOAD_CHUNK_BYTES + 123_457); // about 12.6 MB: four pieces
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
let h: Harness;
let agent: FakeChannelAgent;
let agentToken: string;
let agentId: string;
let server: Instance;

beforeAll(async () => {
  h = await Harness.start({ token: TOKEN, heartbeatIntervalSec: 600 });
  const created = (await h.api<CreatedAgent>('POST', '/api/v1/agents', { name: 'Depot' })).body;
  agentToken = created.token;
  agentId = created.agent.id;
  agent = await FakeChannelAgent.connect(h.url, agentToken);
  const made = await h.api<Instance>('POST', '/api/v1/instances', { name: 'Far', settings: { gamePort: 21_510 } });
  server = made.body;
  // As the mirror holds a host's server: its row names the host.
  const db = new Database(path.join(h.dataDir, 'manager.db'));
  db.pragma('busy_timeout = 5000');
  db.prepare('UPDATE instances SET agent_id = ? WHERE id = ?').run(agentId, server.id);
  db.close();
});

afterAll(async () => {
  await agent.close();
  await h.stop();
});

const route = () => `/api/v1/instances/${server.id}/backups/b1/download`;
const download = () => fetch(`${h.url}${route()}`, { headers: { authorization: `Bearer ${TOKEN}` } });

/** What the host's manager answers to a range of `file` (the real route's answer, see backup-routes.ts). */
function ranged(call: AgentHttpRequest, file: Buffer): FakeAnswer {
  const [start, end] = /^bytes=(\d+)-(\d+)$/
    .exec(call.headers?.range ?? '')!
    .slice(1)
    .map(Number) as [number, number];
  if (start >= file.length) return { status: 416, headers: { 'content-range': `bytes */${file.length}` }, body: '' };
  const last = Math.min(end, file.length - 1);
  return {
    status: 206,
    headers: {
      'content-type': 'application/zip',
      'content-disposition': 'attachment; filename="far.zip"',
      'content-range': `bytes ${start}-${last}/${file.length}`,
      'accept-ranges': 'bytes',
    },
    body: file.subarray(start, last + 1).toString('base64'),
  };
}

/** Reads the whole body; rejects when the connection is cut before its end. */
const bodyOf = async (res: Response) => Buffer.from(await res.arrayBuffer());

describe("downloading a remote host's backup larger than one channel answer", () => {
  it('streams it whole, byte for byte, as 200 with its length, fetched in 4 MiB ranges', async () => {
    const before = agent.calls.length;
    agent.answer = (call) => ranged(call, FILE);
    const res = await download();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="far.zip"');
    expect(res.headers.get('content-length')).toBe(String(FILE.length));
    expect(res.headers.get('accept-ranges')).toBeNull();
    const got = await bodyOf(res);
    expect(got.length).toBe(FILE.length);
    expect(sha256(got)).toBe(sha256(FILE));
    const calls = agent.calls.slice(before);
    expect(calls.map((c) => c.headers?.range)).toEqual(
      [0, 1, 2, 3].map((i) => `bytes=${i * DOWNLOAD_CHUNK_BYTES}-${(i + 1) * DOWNLOAD_CHUNK_BYTES - 1}`),
    );
    expect(calls.every((c) => c.method === 'GET' && c.path === route() && !c.headers?.authorization)).toBe(true);
  });

  it("relays the host's error or small whole answer as is, and asks an empty file whole", async () => {
    agent.answer = () => json(404, { error: { code: 'not-found', message: 'Backup b1 not found' } });
    const missing = await download();
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'not-found' } });

    // An empty file has no range to give: 416, then the whole (empty) file.
    const before = agent.calls.length;
    agent.answer = (call): FakeAnswer =>
      call.headers?.range
        ? { status: 416, headers: { 'content-range': 'bytes */0' }, body: '' }
        : { status: 200, headers: { 'content-type': 'application/zip' }, body: '' };
    const empty = await download();
    expect(empty.status).toBe(200);
    expect((await bodyOf(empty)).length).toBe(0);
    expect(agent.calls.slice(before).map((c) => c.headers?.range ?? null)).toEqual([
      `bytes=0-${DOWNLOAD_CHUNK_BYTES - 1}`,
      null,
    ]);
  });

  it('cuts the connection rather than send a file whose size changed between pieces', async () => {
    const grown = Buffer.concat([FILE, Buffer.from('more')]);
    agent.answer = (call) => ranged(call, call.headers?.range?.startsWith('bytes=0-') ? FILE : grown);
    const res = await download();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(FILE.length));
    await expect(bodyOf(res)).rejects.toThrow();
  });

  it('stops fetching when the client goes away', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const before = agent.calls.length;
    agent.answer = async (call) => {
      if (!call.headers?.range?.startsWith('bytes=0-')) await held;
      return ranged(call, FILE);
    };
    const controller = new AbortController();
    const res = await fetch(`${h.url}${route()}`, {
      headers: { authorization: `Bearer ${TOKEN}` },
      signal: controller.signal,
    });
    const reader = res.body!.getReader();
    await reader.read();
    // The second piece was asked for while the first was written; the client leaves before it arrives.
    await waitUntil('the second piece asked for', () => agent.calls.length - before === 2);
    controller.abort();
    // The second piece arrives once the control plane has seen the client leave; a third request
    // would follow right after it: give that the time of a few round trips.
    await new Promise((r) => setTimeout(r, 200));
    release();
    await new Promise((r) => setTimeout(r, 500));
    expect(agent.calls.length - before).toBe(2);
    expect(h.plane.services.remoteAgents.registry.isConnected(agentId)).toBe(true);
  });

  it('cuts the connection when the host goes offline in the middle of the download', async () => {
    agent.answer = (call) => {
      if (call.headers?.range?.startsWith('bytes=0-')) return ranged(call, FILE);
      void agent.close(); // never answers: the channel drops instead
      return new Promise<FakeAnswer>(() => undefined);
    };
    const res = await download();
    expect(res.status).toBe(200);
    await expect(bodyOf(res)).rejects.toThrow();
    await waitUntil('the host offline', () => !h.plane.services.remoteAgents.registry.isConnected(agentId));
    const after = await download();
    expect(after.status).toBe(503);
    expect(await after.json()).toMatchObject({ error: { code: 'agent-offline', message: 'Host "Depot" is offline' } });
  });
});

import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ErrorEnvelope, Instance } from '@ark-asa/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness } from './helpers/harness.ts';
import type { Spawned } from './helpers/processes.ts';
import { eventAfter, waitUntil } from './helpers/remote-agents.ts';
import { addHost, installedServer, endProcess, startHostAgent, type TestHost } from './helpers/remote-servers.ts';

import type { TestWsClient } from './helpers/ws-client.ts';

/**
 * Request bodies larger than one message over the agent channel, sent through the control plane's
 * REST API to a server on a real agent process: they go ahead in pieces, are spooled on the host's
 * disk and reach its manager whole; bodies over the local routes' limits are refused here; a host
 * lost mid-way answers 503 and keeps no spool.
 */
const MiB = 1024 * 1024;
const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
let h: Harness;
let ws: TestWsClient;
let host: TestHost;
let agent: Spawned | undefined;
let server: Instance;

/** A Game.ini of about 2 MB (the most a config file may be): engram overrides, one per line. */
function bigGameIni(): string {
  const lines = ['[/script/shootergame.shootergamemode]'];
  let size = lines[0]!.length + 1;
  for (let i = 0; size < 2_000_000; i++) {
    const line = `OverrideNamedEngramEntries=(EngramClassName="EngramEntry_${i}_C",EngramHidden=False,EngramPointsCost=${i % 97},EngramLevelRequirement=${i % 105})`;
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n') + '\n';
}

const spooled = () => {
  const dir = path.join(host.dataDir, 'uploads');
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.upload')) : [];
};
const configRoute = () => `${h.url}/api/v1/instances/${server.id}/config/Game.ini`;
const put = (body: RequestInit['body'], type: string) =>
  fetch(configRoute(), { method: 'PUT', headers: { 'content-type': type }, body, duplex: 'half' });

beforeAll(async () => {
  h = await Harness.start({ heartbeatIntervalSec: 5 });
  ws = await h.ws();
  host = await addHost(h, ws, 'Attic');
  agent = host.agent;
  server = await installedServer(h, ws, host.sim, 'Attic Island', host.agentId);
}, 180_000);

afterAll(async () => {
  if (agent) await endProcess(agent);
  await h.stop();
});

describe('request bodies larger than one channel message, to a server on a remote host', { timeout: 120_000 }, () => {
  it('a 2 MB Game.ini goes up in pieces and reads back byte for byte', async () => {
    const ini = bigGameIni();
    expect(ini.length).toBeGreaterThan(MiB); // more than one piece
    // The host spools it (the file is gone by the time the answer is here).
    const seen = new Set<string>();
    const watcher = fs.watch(path.join(host.dataDir, 'uploads'), (_event, name) => name && seen.add(name));
    const res = await put(ini, 'text/plain');
    watcher.close();
    expect(res.status).toBe(200);
    expect([...seen].filter((name) => name.endsWith('.upload'))).toHaveLength(1);
    expect(sha256(await res.text())).toBe(sha256(ini));
    const back = await fetch(configRoute());
    expect(back.status).toBe(200);
    expect(sha256(await back.text())).toBe(sha256(ini));
    expect(spooled()).toEqual([]);
  });

  it('a 20 MB body answers 413 naming the limit of the local route, and nothing reaches the host', async () => {
    const before = sha256(await (await fetch(configRoute())).text());
    const text = await put(Buffer.alloc(20 * MiB, 'a'), 'text/plain');
    expect(text.status).toBe(413);
    expect(((await text.json()) as ErrorEnvelope).error).toMatchObject({
      code: 'payload-too-large',
      message: 'A text body carries at most 2 MiB; this one is larger',
    });
    const binary = await put(randomBytes(20 * MiB), 'application/octet-stream');
    expect(binary.status).toBe(413);
    expect(((await binary.json()) as ErrorEnvelope).error.message).toBe(
      'A request body carries at most 6 MB; this one is larger',
    );
    expect(sha256(await (await fetch(configRoute())).text())).toBe(before);
    expect(spooled()).toEqual([]);
  });

  it('a body of another type within its limit reaches the host, whose route answers for itself', async () => {
    // 5 MB in five pieces; the config route reads only text/plain, so the host's manager says so.
    const res = await put(randomBytes(5 * MiB), 'application/octet-stream');
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorEnvelope).error.code).toBe('validation-failed');
    expect(spooled()).toEqual([]);
  });

  it('a host lost mid-upload answers 503 naming it, and keeps no spool once it is back', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (sent === 3 * MiB) await gate; // the host goes away here
        if (sent === 5 * MiB) return controller.close();
        controller.enqueue(randomBytes(MiB));
        sent += MiB;
      },
    });
    const answer = put(body, 'application/octet-stream');
    const dir = path.join(host.dataDir, 'uploads');
    const piecesOnDisk = () => spooled().reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0);
    await waitUntil('three pieces spooled on the host', () => piecesOnDisk() === 3 * MiB, 60_000);

    const mark = ws.events.length;
    await endProcess(host.agent); // killed: no chance to clean up after itself
    await eventAfter(ws, mark, 'agent:offline', (d) => d.agentId === host.agentId, 60_000);
    release();
    const res = await answer;
    expect(res.status).toBe(503);
    expect(((await res.json()) as ErrorEnvelope).error).toMatchObject({
      code: 'agent-offline',
      message: 'Host "Attic" is offline',
    });
    expect(spooled()).toHaveLength(1); // what the killed agent left

    const back = ws.events.length;
    const restarted = startHostAgent(h.url, host);
    agent = restarted;
    host = { ...host, agent: restarted };
    await eventAfter(ws, back, 'agent:registered', (d) => d.agentId === host.agentId);
    expect(spooled()).toEqual([]);
  });
});

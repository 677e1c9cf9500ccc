import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../app/domain/app-error.ts';
import type { Agent, ControlPlaneMessage, CreatedAgent, ErrorEnvelope } from '@ark-asa/contracts';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, tempDir } from './helpers/harness.ts';
import type { Spawned } from './helpers/processes.ts';
import { startAgent, waitUntil } from './helpers/remote-agents.ts';

let h: Harness;
const agents: Spawned[] = [];

beforeAll(async () => {
  h = await Harness.start({ heartbeatIntervalSec: 1 });
});

afterAll(async () => {
  for (const p of agents) p.child.kill('SIGKILL');
  await h.stop();
});

const fields = (body: unknown) =>
  ((body as ErrorEnvelope).error.details as { fields: { field: string }[] }).fields.map((f) => f.field);

/** A raw agent-channel client: every message it receives, parsed. */
async function rawAgent(
  token: string,
): Promise<{ ws: WebSocket; got: ControlPlaneMessage[]; closed: Promise<number> }> {
  const ws = new WebSocket(`${h.url.replace('http', 'ws')}/agent-channel`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const got: ControlPlaneMessage[] = [];
  ws.on('message', (raw: Buffer) => got.push(JSON.parse(raw.toString()) as ControlPlaneMessage));
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  return { ws, got, closed };
}

const hello = (v = 1) => ({
  v,
  type: 'hello',
  name: null,
  hostname: 'raw',
  platform: 'linux',
  version: '0.1.0',
  startedAt: new Date().toISOString(),
  defaults: {},
  instances: [],
});

describe('remote agents: REST rules and the channel protocol', () => {
  it('validates names and settings, naming the fields, and keeps the local agent on the manager settings', async () => {
    expect(fields((await h.api('POST', '/api/v1/agents', { name: ' ' })).body)).toEqual(['name']);
    expect((await h.api('POST', '/api/v1/agents', { name: 'X', token: 'mine' })).status).toBe(400);
    const created = await h.api<CreatedAgent>('POST', '/api/v1/agents', { name: 'Loft' });
    expect(created.status).toBe(201);
    expect((await h.api('POST', '/api/v1/agents', { name: 'LOFT' })).status).toBe(409);

    const local = (await h.api<{ items: Agent[] }>('GET', '/api/v1/agents')).body.items.find(
      (a) => a.kind === 'local',
    )!;
    const onLocal = await h.api('PATCH', `/api/v1/agents/${local.id}`, {
      name: 'Mine',
      settings: { dataRoot: '/srv' },
    });
    expect(onLocal.status).toBe(400);
    expect(fields(onLocal.body)).toEqual(['name', 'settings']);
    expect((await h.api('DELETE', `/api/v1/agents/${local.id}`)).status).toBe(409);

    const id = created.body.agent.id;
    const relative = await h.api('PATCH', `/api/v1/agents/${id}`, { settings: { dataRoot: 'relative/dir' } });
    expect(fields(relative.body)).toEqual(['settings.dataRoot']);
    expect((await h.api('PATCH', `/api/v1/agents/${id}`, {})).status).toBe(400);
    expect((await h.api('PATCH', `/api/v1/agents/${crypto.randomUUID()}`, { name: 'Y' })).status).toBe(404);
    const renamed = await h.api<Agent>('PATCH', `/api/v1/agents/${id}`, {
      name: 'Attic',
      settings: { dataRoot: '/srv/ark' },
    });
    expect(renamed.body).toMatchObject({ name: 'Attic', settings: { dataRoot: '/srv/ark', steamcmdPath: null } });
  });

  it('answers requests by correlation id, pushes new settings at once, and fails a request to an offline host at once, naming it', async () => {
    const created = (await h.api<CreatedAgent>('POST', '/api/v1/agents', { name: 'Garage' })).body;
    const registry = h.plane.services.remoteAgents.registry;
    await expect(registry.request(created.agent.id, 'ping', {})).rejects.toThrow(/Host "Garage" is offline/);

    const dir = tempDir('ark-agent-');
    const ws = await h.ws();
    agents.push(startAgent(h.url, created.token, dir));
    await ws.waitFor('agent:registered', (d) => d.agentId === created.agent.id, 120_000);
    expect(await registry.request(created.agent.id, 'ping', {})).toMatchObject({ pong: true });
    const unknown = await registry.request(created.agent.id, 'format-disk', {}).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(AppError);
    expect((unknown as AppError).details).toMatchObject({ agentCode: 'unsupported-method' });

    const steamcmd = '/opt/steamcmd/steamcmd.sh';
    await h.api('PATCH', `/api/v1/agents/${created.agent.id}`, { settings: { steamcmdPath: steamcmd } });
    const stateFile = path.join(dir, 'agent-state.json');
    await waitUntil('the settings on the agent', () => fs.readFileSync(stateFile, 'utf8').includes(steamcmd));
  }, 240_000);

  it('replaces an older connection of the same agent without announcing it offline, and refuses another version', async () => {
    const created = (await h.api<CreatedAgent>('POST', '/api/v1/agents', { name: 'Shed' })).body;
    const ws = await h.ws();
    const first = await rawAgent(created.token);
    first.ws.send(JSON.stringify(hello()));
    await waitUntil('welcome', () => first.got.find((m) => m.type === 'welcome'));
    const mark = ws.events.length;
    const second = await rawAgent(created.token);
    expect(await first.closed).toBe(4002);
    expect(first.got.at(-1)).toMatchObject({ type: 'refused', code: 'replaced' });
    second.ws.send(JSON.stringify(hello()));
    await waitUntil('welcome on the second', () => second.got.find((m) => m.type === 'welcome'));
    expect(ws.events.slice(mark).filter((e) => e.event === 'agent:offline')).toEqual([]);
    second.ws.close();

    const future = await rawAgent(created.token);
    future.ws.send(JSON.stringify(hello(2)));
    expect(await future.closed).toBe(4001);
    expect(future.got).toEqual([expect.objectContaining({ type: 'refused', code: 'unsupported-version' })]);
  });

  it('stops an agent whose data dir belongs to another host, instead of reporting the servers of that host as its own', async () => {
    const created = (await h.api<CreatedAgent>('POST', '/api/v1/agents', { name: 'Borrowed' })).body;
    const dir = tempDir('ark-agent-');
    const other = crypto.randomUUID();
    const state = { v: 1, agentId: other, controlPlane: h.url, settings: null, instances: [] };
    fs.writeFileSync(path.join(dir, 'agent-state.json'), JSON.stringify(state));
    const agent = startAgent(h.url, created.token, dir);
    agents.push(agent);
    expect(await agent.exited).toBe(3);
    expect(agent.stderr()).toMatch(new RegExp(`belongs to another host \\(agent ${other}\\)`));
  }, 240_000);
});

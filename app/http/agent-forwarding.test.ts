import path from 'node:path';
import Database from 'better-sqlite3';
import type { Agent, CreatedAgent, ErrorEnvelope, Instance, JobAccepted } from '@ark-asa/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeChannelAgent, json } from '../../test/helpers/fake-channel-agent.ts';
import { Harness } from '../../test/helpers/harness.ts';
import { waitUntil } from '../../test/helpers/remote-agents.ts';

const TOKEN = 'forwarding-test-token-0123456789';
let h: Harness;
let agent: FakeChannelAgent;
let remote: Agent;
let localId: string;

beforeAll(async () => {
  h = await Harness.start({ token: TOKEN, heartbeatIntervalSec: 600 });
  const created = (await h.api<CreatedAgent>('POST', '/api/v1/agents', { name: 'Barn' })).body;
  remote = created.agent;
  agent = await FakeChannelAgent.connect(h.url, created.token);
  const agents = (await h.api<{ items: Agent[] }>('GET', '/api/v1/agents')).body.items;
  localId = agents.find((a) => a.kind === 'local')!.id;
});

afterAll(async () => {
  await agent.close();
  await h.stop();
});

const errorOf = (body: unknown) => (body as ErrorEnvelope).error;
const fields = (body: unknown) => (errorOf(body).details as { fields: { field: string }[] }).fields.map((f) => f.field);

/** Writes to the control plane's own database, as the mirror does for a host's servers and jobs. */
function moveToHost(table: 'instances' | 'jobs', id: string, agentId: string): void {
  const db = new Database(path.join(h.dataDir, 'manager.db'));
  db.pragma('busy_timeout = 5000');
  db.prepare(`UPDATE ${table} SET agent_id = ? WHERE id = ?`).run(agentId, id);
  db.close();
}

let port = 20_000;
/** A server of this PC, on ports of its own (each test makes one), about to become a host's mirror row. */
async function makeServer(name: string): Promise<Instance> {
  port += 10;
  const settings = { gamePort: port, rconPort: port + 1 };
  const res = await h.api<Instance>('POST', '/api/v1/instances', { name, settings });
  expect(res.status).toBe(201);
  return res.body;
}

async function raw(method: string, route: string, body?: Buffer | string, type?: string): Promise<Response> {
  const headers: Record<string, string> = { authorization: `Bearer ${TOKEN}`, cookie: 'session=secret' };
  if (type) headers['content-type'] = type;
  return fetch(`${h.url}${route}`, { method, headers, body });
}

describe('forwarding REST calls to a remote host', () => {
  it('creates a server on the host named by agentId: the body goes without agentId, the answer comes back as is', async () => {
    agent.answer = () => json(201, { id: 'made-on-the-host' });
    const res = await h.api('POST', '/api/v1/instances', { name: 'Far away', agentId: remote.id });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: 'made-on-the-host' });
    const call = agent.calls.at(-1)!;
    expect(call).toMatchObject({ method: 'POST', path: '/api/v1/instances' });
    expect(call.headers).toEqual({ 'content-type': 'application/json', accept: '*/*' });
    expect(JSON.parse(agent.bodyOf(call)!.toString())).toEqual({ name: 'Far away' });
  });

  it('answers 400 naming agentId for an unknown host, and keeps calls naming this PC here', async () => {
    const before = agent.calls.length;
    const unknown = await h.api('POST', '/api/v1/instances', { name: 'Nowhere', agentId: crypto.randomUUID() });
    expect(unknown.status).toBe(400);
    expect(errorOf(unknown.body).code).toBe('validation-failed');
    expect(fields(unknown.body)).toEqual(['agentId']);
    const unknownQuery = await h.api('GET', `/api/v1/builds?agentId=${crypto.randomUUID()}`);
    expect(fields(unknownQuery.body)).toEqual(['agentId']);

    const here = await h.api<Instance>('POST', '/api/v1/instances', { name: 'Right here', agentId: localId });
    expect(here.status).toBe(201);
    expect(here.body.agentId).toBe(localId);
    expect((await h.api('GET', `/api/v1/builds?agentId=${localId}`)).status).toBe(200);
    expect((await h.api('POST', '/api/v1/builds/check', { agentId: localId })).status).toBe(202);
    expect((await h.api('POST', '/api/v1/settings/data-root-check', { agentId: localId })).status).toBe(200);
    expect((await h.api('GET', `/api/v1/host/prerequisites?agentId=${localId}`)).status).toBe(200);
    expect((await h.api('POST', '/api/v1/instances/import/preview', { path: '/nowhere' })).status).not.toBe(201);
    expect(agent.calls.length).toBe(before);
  });

  it('sends host-scoped calls to the named host without agentId, in the query or the body', async () => {
    agent.answer = () => json(200, { items: [], nextCursor: null, latestBuildId: null, latestCheckedAt: null });
    const list = await h.api('GET', `/api/v1/builds?agentId=${remote.id}&x=1`);
    expect(list.status).toBe(200);
    expect(agent.calls.at(-1)).toMatchObject({ method: 'GET', path: '/api/v1/builds?x=1' });

    agent.answer = () => json(202, { job: 'on the host' });
    expect((await h.api('POST', '/api/v1/builds/install', { validate: true, agentId: remote.id })).status).toBe(202);
    const install = agent.calls.at(-1)!;
    expect(install.path).toBe('/api/v1/builds/install');
    expect(JSON.parse(agent.bodyOf(install)!.toString())).toEqual({ validate: true });
    expect((await h.api('POST', '/api/v1/steamcmd/install', { agentId: remote.id })).status).toBe(202);
    expect(agent.bodyOf(agent.calls.at(-1)!)!.toString()).toBe('{}');
    agent.answer = () => json(200, { dataRoot: 'D:\\ark', warnings: [] });
    const check = await h.api('POST', '/api/v1/settings/data-root-check', { dataRoot: 'D:\\ark', agentId: remote.id });
    expect(check.body).toEqual({ dataRoot: 'D:\\ark', warnings: [] });
    expect(JSON.parse(agent.bodyOf(agent.calls.at(-1)!)!.toString())).toEqual({ dataRoot: 'D:\\ark' });
    agent.answer = () => json(202, { job: 'on the host' });
    expect((await h.api('DELETE', `/api/v1/builds/123?agentId=${remote.id}`)).status).toBe(202);
    expect(agent.calls.at(-1)).toMatchObject({ method: 'DELETE', path: '/api/v1/builds/123', body: null });
  });

  it("relays a remote server's calls byte for byte (binary both ways), with no credentials sent to the host", async () => {
    const made = await makeServer('Mirrored');
    moveToHost('instances', made.id, remote.id);
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0xfe, 0x80, 0x0a]);
    agent.answer = () => ({
      status: 200,
      headers: {
        'Content-Type': 'application/zip',
        'content-disposition': 'attachment; filename="w.zip"',
        'x-secret': 'kept on the host',
      },
      body: zip.toString('base64'),
    });
    const res = await raw('GET', `/api/v1/instances/${made.id}/backups/b1/download`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="w.zip"');
    expect(res.headers.get('x-secret')).toBeNull();
    expect(Buffer.from(await res.arrayBuffer())).toEqual(zip);
    expect(agent.calls.at(-1)).toMatchObject({
      method: 'GET',
      path: `/api/v1/instances/${made.id}/backups/b1/download`,
    });

    agent.answer = () => ({ status: 204, headers: {}, body: '' });
    const ini = Buffer.from('[ServerSettings]\nMessage=caf\u00e9 \u00ff\n', 'latin1');
    const put = await raw('PUT', `/api/v1/instances/${made.id}/config/Game.ini?x=%20y`, ini, 'text/plain');
    expect(put.status).toBe(204);
    const call = agent.calls.at(-1)!;
    expect(call).toMatchObject({ method: 'PUT', path: `/api/v1/instances/${made.id}/config/Game.ini?x=%20y` });
    // Never the caller's Authorization or Cookie: the host's manager has its own token.
    expect(call.headers).toEqual({ 'content-type': 'text/plain', accept: '*/*' });
    expect(agent.bodyOf(call)).toEqual(ini);
  });

  it("forwards a remote job's cancel and lists jobs from this manager", async () => {
    const job = (await h.api<JobAccepted>('POST', '/api/v1/jobs', { type: 'DIAGNOSTICS' })).body.job;
    moveToHost('jobs', job.id, remote.id);
    agent.answer = () => json(202, { job: { id: job.id } });
    const cancel = await h.api('POST', `/api/v1/jobs/${job.id}/cancel`);
    expect(cancel.status).toBe(202);
    expect(agent.calls.at(-1)).toMatchObject({ method: 'POST', path: `/api/v1/jobs/${job.id}/cancel` });
    const before = agent.calls.length;
    expect((await h.api('GET', `/api/v1/jobs/${job.id}`)).status).toBe(200);
    expect(agent.calls.length).toBe(before);
  });

  it('refuses a body over the limit, naming it, and turns the agent errors into plain answers', async () => {
    const made = await makeServer('Big');
    moveToHost('instances', made.id, remote.id);
    const before = agent.calls.length;
    const big = await raw('POST', `/api/v1/instances/${made.id}/rcon`, Buffer.alloc(6_000_001, 1), 'application/json');
    expect(big.status).toBe(413);
    // The limit of the local routes for the body's type (JSON here), not the channel's.
    expect(((await big.json()) as ErrorEnvelope).error.message).toMatch(/at most 256 KiB/);
    expect(agent.calls.length).toBe(before);

    agent.answer = () => ({ error: { code: 'too-large', message: 'the answer is 9 MB' } });
    const tooLarge = await h.api('GET', `/api/v1/instances/${made.id}/logs`);
    expect(tooLarge.status).toBe(413);
    agent.answer = () => ({ error: { code: 'agent-starting', message: 'starting' } });
    const starting = await h.api('GET', `/api/v1/instances/${made.id}/logs`);
    expect(starting.status).toBe(503);
    expect(errorOf(starting.body)).toMatchObject({
      code: 'agent-offline',
      message: expect.stringMatching(/Host "Barn" is starting/),
    });
  });

  it('answers 503 naming the host at once when it is offline, and 409 for a revoked host', async () => {
    const made = await makeServer('Stranded');
    moveToHost('instances', made.id, remote.id);
    await agent.close();
    await waitUntil('the host offline', () => !h.plane.services.remoteAgents.registry.isConnected(remote.id));
    const start = await h.api('POST', `/api/v1/instances/${made.id}/start`);
    expect(start.status).toBe(503);
    expect(errorOf(start.body)).toMatchObject({ code: 'agent-offline', message: 'Host "Barn" is offline' });
    const create = await h.api('POST', '/api/v1/instances', { name: 'Later', agentId: remote.id });
    expect(errorOf(create.body)).toMatchObject({ code: 'agent-offline', message: 'Host "Barn" is offline' });
    // The server's own record comes from this manager while its host is away.
    const read = await h.api<Instance>('GET', `/api/v1/instances/${made.id}`);
    expect(read.status).toBe(200);
    expect(read.body.id).toBe(made.id);

    expect((await h.api('DELETE', `/api/v1/agents/${remote.id}`)).status).toBe(200);
    const revoked = await h.api('POST', '/api/v1/instances', { name: 'Never', agentId: remote.id });
    expect(revoked.status).toBe(409);
    expect(errorOf(revoked.body).message).toMatch(/Host "Barn" was revoked/);
    expect((await h.api('POST', `/api/v1/instances/${made.id}/start`)).status).toBe(409);
    // The record of a revoked host's server can still go: nothing else could remove it.
    expect((await h.api('DELETE', `/api/v1/instances/${made.id}`)).status).toBe(204);
    expect((await h.api('GET', `/api/v1/instances/${made.id}`)).status).toBe(404);
  });
});

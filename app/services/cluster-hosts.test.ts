import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TransferRules } from '@ark-asa/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OTHER_REMOTE_AGENT_ID, REMOTE_AGENT_ID, remoteInstanceDto } from '../../test/helpers/remote-fixtures.ts';
import { seedAgent, seedCluster, seedInstance } from '../../test/helpers/store-fixtures.ts';
import type { ForwardedCall, RelayedAnswer } from '../agents/remote/remote-agent-proxy.ts';
import { createLogger } from '../logger.ts';
import { createStore, openDatabase, type ClusterRecord, type Store } from '../store/index.ts';
import { ClusterHosts } from './cluster-hosts.ts';

let dir: string;
let store: Store;
let calls: { agentId: string; method: string; path: string; body: unknown }[];
let answer: RelayedAnswer;
let hosts: ClusterHosts;
let announced: string[];
/** Runs while the host answers a call (what happens here meanwhile). */
let onCall: ((call: ForwardedCall) => void) | null;

const AT = '2026-12-01T10:00:00.000Z';
const HOSTS: Record<string, string> = { [REMOTE_AGENT_ID]: 'Basement', [OTHER_REMOTE_AGENT_ID]: 'Attic' };

const cluster = (folders: Record<string, string> = {}): ClusterRecord =>
  seedCluster(store, {
    name: 'Home',
    folders,
    transferRules: TransferRules.parse({ preventDownloadDinos: true }),
    createdAt: AT,
    updatedAt: AT,
  });

function remoteServer(agentId = REMOTE_AGENT_ID): string {
  const dto = remoteInstanceDto({ agentId });
  store.instances.upsertMirror(agentId, dto);
  return dto.id;
}

const patch = (id: string, body: unknown) =>
  hosts.beforeForward(REMOTE_AGENT_ID, 'PATCH', `/api/v1/instances/${id}`, Buffer.from(JSON.stringify(body)));

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ark-cluster-hosts-'));
  store = createStore(openDatabase(dir));
  seedAgent(store);
  for (const id of Object.keys(HOSTS)) seedAgent(store, id);
  calls = [];
  announced = [];
  onCall = null;
  answer = { status: 200, headers: {}, body: Buffer.from('{}') };
  hosts = new ClusterHosts({
    store,
    logger: createLogger({ silent: true }),
    http: (agentId: string, call: ForwardedCall) => {
      const body: unknown = call.body ? JSON.parse(call.body.toString()) : null;
      calls.push({ agentId, method: call.method, path: call.path, body });
      onCall?.(call);
      return Promise.resolve(answer);
    },
    host: (id) => (HOSTS[id] ? { id, name: HOSTS[id] } : null),
    connectedIds: () => [REMOTE_AGENT_ID],
    announce: (id) => announced.push(id),
  });
});

afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('ClusterHosts before a server on a host joins a cluster', () => {
  it("writes the cluster onto the host with the host's folder first, then records the membership here", async () => {
    const c = cluster({ [REMOTE_AGENT_ID]: '/mnt/ark-cluster' });
    const server = remoteServer();
    const joined = await patch(server, { clusterId: c.id, name: 'x' });
    expect(calls).toEqual([
      {
        ...{ agentId: REMOTE_AGENT_ID, method: 'PUT', path: `/api/v1/clusters/${c.id}` },
        body: {
          name: 'Home',
          gameClusterId: c.gameClusterId,
          transferRules: c.transferRules,
          clusterDir: '/mnt/ark-cluster',
        },
      },
    ]);
    expect(store.clusters.clusterIdOf(server)).toBeNull();
    joined!();
    expect(store.clusters.clusterIdOf(server)).toBe(c.id);
    expect(announced).toEqual([server]);
  });

  it('refuses a cluster this control plane does not have, naming clusterId, and sends nothing', async () => {
    const server = remoteServer();
    await expect(patch(server, { clusterId: crypto.randomUUID() })).rejects.toMatchObject({
      code: 'validation-failed',
      details: { fields: [{ field: 'clusterId' }] },
    });
    await expect(patch(server, { clusterId: 7 })).rejects.toMatchObject({ code: 'validation-failed' });
    expect(calls).toEqual([]);
  });

  it('lets a server leave without writing anything onto the host', async () => {
    const c = cluster();
    const server = remoteServer();
    store.clusters.setMembership(server, c.id);
    (await patch(server, { clusterId: null }))!();
    expect(store.clusters.clusterIdOf(server)).toBeNull();
    expect(calls).toEqual([]);
  });

  it('leaves other calls alone', async () => {
    const server = remoteServer();
    expect(await patch(server, { name: 'Only a rename' })).toBeNull();
    expect(await hosts.beforeForward(REMOTE_AGENT_ID, 'POST', `/api/v1/instances/${server}`, null)).toBeNull();
    expect(await patch(server, ['not', 'an', 'object'])).toBeNull();
  });

  it("passes on the host's refusal with its code, naming the host", async () => {
    const c = cluster();
    answer = { status: 400, headers: {}, body: Buffer.from('{"error":{"code":"validation-failed","message":"bad"}}') };
    await expect(patch(remoteServer(), { clusterId: c.id })).rejects.toMatchObject({
      code: 'validation-failed',
      message: 'Host "Basement": bad',
    });
  });
});

describe('ClusterHosts after a change', () => {
  it('writes a changed cluster onto the connected hosts that run a member, and not elsewhere', async () => {
    const c = cluster();
    for (const agentId of [REMOTE_AGENT_ID, OTHER_REMOTE_AGENT_ID])
      store.clusters.setMembership(remoteServer(agentId), c.id);
    store.clusters.setMembership(seedInstance(store).id, c.id);
    cluster();
    await hosts.changed(c.id);
    expect(calls.map((x) => `${x.agentId} ${x.path}`)).toEqual([`${REMOTE_AGENT_ID} /api/v1/clusters/${c.id}`]);
    expect(calls[0]!.body).not.toHaveProperty('clusterDir');
  });

  it('writes every cluster of a host when it connects, and a refusal is logged, not thrown', async () => {
    const [a, b] = [cluster(), cluster()];
    store.clusters.setMembership(remoteServer(), a.id);
    store.clusters.setMembership(remoteServer(), b.id);
    answer = { status: 503, headers: {}, body: Buffer.from('{"error":{"code":"agent-offline","message":"off"}}') };
    await expect(hosts.hostConnected(REMOTE_AGENT_ID)).resolves.toBeUndefined();
    expect(calls.map((x) => x.path).sort()).toEqual([`/api/v1/clusters/${a.id}`, `/api/v1/clusters/${b.id}`].sort());
  });
});

describe('ClusterHosts after a cluster is deleted here', () => {
  const refusal = (status: number, code: string) => ({
    status,
    headers: {},
    body: Buffer.from(JSON.stringify({ error: { code, message: code } })),
  });
  const deletes = () => calls.filter((x) => x.method === 'DELETE').map((x) => `${x.agentId} ${x.path}`);

  it('deletes the copy on a connected host now, on an offline one when it connects, until the host says it has none', async () => {
    const c = cluster();
    store.clusters.delete(c.id, [REMOTE_AGENT_ID, OTHER_REMOTE_AGENT_ID]);
    answer = { status: 204, headers: {}, body: Buffer.alloc(0) };
    await hosts.deleted(c.id);
    expect(deletes()).toEqual([`${REMOTE_AGENT_ID} /api/v1/clusters/${c.id}`]);
    expect(store.clusters.removalsOn(REMOTE_AGENT_ID)).toEqual([]);
    expect(store.clusters.removalsOn(OTHER_REMOTE_AGENT_ID)).toEqual([c.id]);

    // Attic connects while its manager cannot answer: the removal stays for the next connection.
    calls = [];
    answer = refusal(503, 'agent-offline');
    await expect(hosts.hostConnected(OTHER_REMOTE_AGENT_ID)).resolves.toBeUndefined();
    expect(deletes()).toEqual([`${OTHER_REMOTE_AGENT_ID} /api/v1/clusters/${c.id}`]);
    expect(store.clusters.removalsOn(OTHER_REMOTE_AGENT_ID)).toEqual([c.id]);
    // Next time it has no such cluster (it never had a member): nothing left to remove.
    answer = refusal(404, 'not-found');
    await hosts.hostConnected(OTHER_REMOTE_AGENT_ID);
    expect(store.clusters.removalsOn(OTHER_REMOTE_AGENT_ID)).toEqual([]);
    calls = [];
    await hosts.hostConnected(OTHER_REMOTE_AGENT_ID);
    expect(deletes()).toEqual([]);
  });

  it('counts a manager older than clusters as done, and sends no removal a re-definition cancelled meanwhile', async () => {
    const [a, b] = [cluster(), cluster()];
    store.clusters.delete(a.id, [REMOTE_AGENT_ID]);
    store.clusters.delete(b.id, [REMOTE_AGENT_ID]);
    answer = refusal(404, 'route-not-found');
    // While the host deletes the first, the second is defined again here under its id.
    onCall = (call) => store.clusters.insert(call.path.endsWith(a.id) ? b : a);
    await hosts.hostConnected(REMOTE_AGENT_ID);
    expect(deletes()).toHaveLength(1);
    expect(store.clusters.removalsOn(REMOTE_AGENT_ID)).toEqual([]);
  });

  it('forgets the removals of a revoked host', () => {
    const c = cluster();
    store.clusters.delete(c.id, [REMOTE_AGENT_ID, OTHER_REMOTE_AGENT_ID]);
    store.agents.revoke(REMOTE_AGENT_ID, AT);
    expect(store.clusters.removalsOn(REMOTE_AGENT_ID)).toEqual([]);
    expect(store.clusters.removalsOn(OTHER_REMOTE_AGENT_ID)).toEqual([c.id]);
  });

  it('removes nothing once a cluster is defined again under that id', async () => {
    const c = cluster();
    store.clusters.delete(c.id, [REMOTE_AGENT_ID]);
    store.clusters.insert(c);
    await hosts.hostConnected(REMOTE_AGENT_ID);
    expect(deletes()).toEqual([]);
    expect(store.clusters.removalsOn(REMOTE_AGENT_ID)).toEqual([]);
  });
});

import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Cluster, type Agent } from '@ark-asa/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, tempDir } from './helpers/harness.ts';

/**
 * A cluster's folder per host and the PUT a control plane writes a cluster onto a host with
 * (docs/clusters.md#clusters-across-hosts), through the real REST API and SQLite file.
 */
let h: Harness;
let localId: string;
const dataDir = tempDir();

type Failure = { error: { code: string; details?: { fields: { field: string }[] } } };
const fieldsOf = (body: unknown) => ((body as Failure).error.details?.fields ?? []).map((f) => f.field);

beforeAll(async () => {
  h = await Harness.start({ dataDir });
  const agents = await h.api<{ items: Agent[] }>('GET', '/api/v1/agents');
  localId = agents.body.items.find((a) => a.kind === 'local')!.id;
});
afterAll(() => h.stop());

describe('cluster folders per host', () => {
  it("sets this PC's folder, which members here then use, and goes back to the default with null", async () => {
    const c = Cluster.parse((await h.api('POST', '/api/v1/clusters', { name: 'Shared' })).body);
    expect(c.folders).toEqual({});
    const share = path.join(dataDir, 'share');
    const set = await h.api('PATCH', `/api/v1/clusters/${c.id}`, { folders: { [localId]: share } });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(Cluster.parse(set.body)).toMatchObject({ clusterDir: share, folders: { [localId]: share } });
    const back = Cluster.parse(
      (await h.api('PATCH', `/api/v1/clusters/${c.id}`, { folders: { [localId]: null } })).body,
    );
    expect(back).toMatchObject({ clusterDir: c.clusterDir, folders: {} });
  });

  it('refuses an unknown host, a relative folder and one with a space, naming the field', async () => {
    const c = Cluster.parse((await h.api('POST', '/api/v1/clusters', { name: 'Strict' })).body);
    const stranger = randomUUID();
    for (const [folders, field] of [
      [{ [stranger]: '/mnt/ark' }, `folders.${stranger}`],
      [{ [localId]: 'relative/ark' }, `folders.${localId}`],
      [{ [localId]: 'D:\\My Cluster' }, `folders.${localId}`],
    ] as const) {
      const res = await h.api('PATCH', `/api/v1/clusters/${c.id}`, { folders });
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(fieldsOf(res.body)).toEqual([field]);
    }
    expect(Cluster.parse((await h.api('GET', `/api/v1/clusters/${c.id}`)).body).folders).toEqual({});
  });
});

describe('PUT /api/v1/clusters/:id', () => {
  it('creates a cluster under the given ids, then replaces it', async () => {
    const id = randomUUID();
    const made = await h.api('PUT', `/api/v1/clusters/${id}`, { name: 'Adopted', gameClusterId: 'my_old-cluster' });
    expect(made.status, JSON.stringify(made.body)).toBe(200);
    expect(Cluster.parse(made.body)).toMatchObject({
      ...{ id, name: 'Adopted', gameClusterId: 'my_old-cluster' },
      clusterDir: path.join(dataDir, 'runtime', 'clusters', id),
    });
    const folder = path.join(dataDir, 'nas');
    const body = {
      name: 'Renamed',
      gameClusterId: 'abc',
      clusterDir: folder,
      transferRules: { preventUploadDinos: true },
    };
    const replaced = Cluster.parse((await h.api('PUT', `/api/v1/clusters/${id}`, body)).body);
    expect(replaced).toMatchObject({ id, name: 'Renamed', gameClusterId: 'abc', clusterDir: folder });
    expect(replaced.transferRules.preventUploadDinos).toBe(true);
    const listed = (await h.api<{ items: Cluster[] }>('GET', '/api/v1/clusters')).body.items.filter((c) => c.id === id);
    expect(listed).toHaveLength(1);
  });

  it('refuses a game cluster id ARK could not take unquoted, naming it', async () => {
    const res = await h.api('PUT', `/api/v1/clusters/${randomUUID()}`, { name: 'Bad', gameClusterId: 'bad id!' });
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual(['gameClusterId']);
  });

  it("refuses another cluster's game cluster id, naming it: the two would mix their uploads", async () => {
    const taken = Cluster.parse((await h.api('POST', '/api/v1/clusters', { name: 'First' })).body);
    const body = { name: 'Second', gameClusterId: taken.gameClusterId };
    const res = await h.api('PUT', `/api/v1/clusters/${randomUUID()}`, body);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(fieldsOf(res.body)).toEqual(['gameClusterId']);
    const again = await h.api('PUT', `/api/v1/clusters/${taken.id}`, { ...body, name: 'First again' });
    expect(again.status).toBe(200);
  });
});

import path from 'node:path';
import Database from 'better-sqlite3';
import type { Agent, CreatedAgent, ErrorEnvelope, Job } from '@ark-asa/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness } from './helpers/harness.ts';

/** `GET /api/v1/jobs?agentId=`: the jobs of one host, from this manager's own store. */
let h: Harness;
let localId: string;
let remoteId: string;

beforeAll(async () => {
  h = await Harness.start({ heartbeatIntervalSec: 600 });
  const agents = (await h.api<{ items: Agent[] }>('GET', '/api/v1/agents')).body.items;
  localId = agents.find((a) => a.kind === 'local')!.id;
  // A host that never connects: were the list sent to it, the answer would be 503 agent-offline.
  remoteId = (await h.api<CreatedAgent>('POST', '/api/v1/agents', { name: 'Barn' })).body.agent.id;
});
afterAll(async () => h.stop());

const at = (minute: number) => new Date(Date.UTC(2026, 11, 6, 11, minute)).toISOString();

/** Job rows as the runner (this PC's) and the mirror (a host's) leave them in the manager's database. */
function insertJobs(rows: { agentId: string | null; minute: number }[]): string[] {
  const db = new Database(path.join(h.dataDir, 'manager.db'));
  db.pragma('busy_timeout = 5000');
  const insert = db.prepare(
    `INSERT INTO jobs (id, type, status, instance_id, agent_id, params, created_at, updated_at, started_at, finished_at)
     VALUES (?, 'INSTALL_BUILD', 'COMPLETED', NULL, ?, '{}', ?, ?, ?, ?)`,
  );
  const ids = rows.map(({ agentId, minute }) => {
    const id = crypto.randomUUID();
    insert.run(id, agentId, at(minute), at(minute), at(minute), at(minute));
    return id;
  });
  db.close();
  return ids;
}

const list = (query: string) => h.api<{ items: Job[]; nextCursor: string | null }>('GET', `/api/v1/jobs?${query}`);
const fields = (body: unknown) =>
  ((body as ErrorEnvelope).error.details as { fields: { field: string }[] }).fields.map((f) => f.field);

describe('GET /api/v1/jobs?agentId=', () => {
  it("lists one host's jobs, newest first and paged, even under many newer jobs of another host", async () => {
    const [mine, unowned] = insertJobs([
      { agentId: localId, minute: 0 },
      { agentId: null, minute: 1 },
    ]);
    const remote = insertJobs(Array.from({ length: 60 }, (_, i) => ({ agentId: remoteId, minute: 2 + i })));

    const newest = await list(`type=INSTALL_BUILD&agentId=${localId}&limit=1`);
    expect(newest.status).toBe(200);
    // This PC's id also lists its jobs stored without a host.
    expect(newest.body.items.map((j) => j.id)).toEqual([unowned]);
    const next = await list(`type=INSTALL_BUILD&agentId=${localId}&limit=1&cursor=${newest.body.nextCursor}`);
    expect(next.body).toEqual({ items: [expect.objectContaining({ id: mine, agentId: localId })], nextCursor: null });

    // The offline host's jobs come from this manager's copy of them: nothing is forwarded (a call
    // that is, such as the host's builds, fails while it is away).
    expect((await h.api('GET', `/api/v1/builds?agentId=${remoteId}`)).status).toBe(503);
    const hosts = await list(`agentId=${remoteId}&status=COMPLETED&type=INSTALL_BUILD&limit=500`);
    expect(hosts.status).toBe(200);
    expect(hosts.body.items.map((j) => j.id)).toEqual(remote.reverse());
    expect((await list(`agentId=${crypto.randomUUID()}`)).body).toEqual({ items: [], nextCursor: null });
  });

  it('answers a malformed agentId with a 400 naming it, as it does for instanceId', async () => {
    for (const bad of ['not-a-uuid', '', `${localId}&agentId=${remoteId}`]) {
      const res = await list(`agentId=${bad}`);
      expect(res.status).toBe(400);
      expect((res.body as unknown as ErrorEnvelope).error.code).toBe('validation-failed');
      expect(fields(res.body)).toEqual(['agentId']);
    }
    expect(fields((await list('instanceId=not-a-uuid&agentId=nope')).body).sort()).toEqual(['agentId', 'instanceId']);
  });
});

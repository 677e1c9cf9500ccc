import { AgentServerEvent, type Instance, type Job } from '@ark-asa/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness } from '../../../test/helpers/harness.ts';
import { waitUntil } from '../../../test/helpers/remote-agents.ts';
import { buildSnapshot, helloInstances } from './snapshot.ts';

const AGENT_ID = crypto.randomUUID();

describe('snapshot of the embedded manager', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start({ localAgentId: AGENT_ID });
  });
  afterAll(() => h.stop());

  it('holds every instance and the jobs, valid for the contract', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const settings = { map: 'TheIsland_WP', gamePort: 7831 + i * 2, rconPort: 27831 + i };
      ids.push((await h.api<Instance>('POST', '/api/v1/instances', { name: `Snap ${i}`, settings })).body.id);
    }
    const { job } = (await h.api<{ job: Job }>('POST', '/api/v1/jobs', { type: 'DIAGNOSTICS' })).body;
    await waitUntil('the job to end', () => h.plane.services.jobs.get(job.id).status === 'COMPLETED');

    const snapshot = AgentServerEvent.parse(buildSnapshot(h.plane, new Date('2026-01-02T03:04:05.000Z')));
    expect(snapshot).toMatchObject({ v: 1, type: 'event', kind: 'snapshot', timestamp: '2026-01-02T03:04:05.000Z' });
    if (snapshot.kind !== 'snapshot') throw new Error('not a snapshot');
    expect(snapshot.instances.map((i) => i.id).sort()).toEqual([...ids].sort());
    expect(snapshot.instances.every((i) => i.agentId === AGENT_ID)).toBe(true);
    expect(snapshot.jobs).toEqual([expect.objectContaining({ id: job.id, status: 'COMPLETED', agentId: AGENT_ID })]);

    expect(helloInstances(h.plane).sort((a, b) => a.instanceId.localeCompare(b.instanceId))).toEqual(
      [...ids].sort().map((instanceId) => ({ instanceId, pid: null, status: 'NOT_INSTALLED', startedAt: null })),
    );
    expect(helloInstances(null)).toEqual([]);
  });
});

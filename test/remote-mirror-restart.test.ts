import type { Instance, Job } from '@ark-asa/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeProcessHost } from '../app/agents/supervisor/fake-process-host.ts';
import { Harness, tempDir } from './helpers/harness.ts';
import { remoteInstanceDto, remoteJobDto } from './helpers/remote-fixtures.ts';

let h: Harness | null = null;

afterEach(async () => {
  await h?.stop();
  h = null;
});

/**
 * The control plane's copy of a remote host's RUNNING server and job survives a restart of the
 * control plane untouched: the local supervisor does not adopt, crash or restart it, and the job
 * runner does not fail the host's job as interrupted (both are the host's to decide).
 */
describe('a restart of the control plane leaves remote servers and jobs alone', () => {
  it('keeps a RUNNING mirror row RUNNING and its RUNNING job RUNNING', async () => {
    const dataDir = tempDir('ark-mirror-restart-');
    h = await Harness.start({ dataDir, processHost: new FakeProcessHost() });
    const { agent } = h.plane.services.remoteAgents.create('Basement');
    const server = remoteInstanceDto({ agentId: agent.id });
    const runId = crypto.randomUUID();
    const job = remoteJobDto({ agentId: agent.id, instanceId: server.id });
    const run = { id: runId, jobId: job.id, attempt: 1, status: 'RUNNING' as const, percent: 30, message: 'Loading' };
    const runs = [{ ...run, startedAt: job.startedAt, finishedAt: null, result: null, error: null }];
    h.plane.services.remoteAgents.serverEvent(agent.id, {
      ...{ v: 1, type: 'event', kind: 'snapshot', timestamp: new Date().toISOString() },
      instances: [server],
      jobs: [{ ...job, runs }],
    });
    expect(h.plane.services.instances.get(server.id)).toMatchObject({ agentId: agent.id, status: 'RUNNING' });
    await h.stop();

    h = await Harness.start({ dataDir, processHost: new FakeProcessHost() });
    const listed = await h.api<{ items: Instance[] }>('GET', '/api/v1/instances');
    expect(listed.body.items).toEqual([{ ...server, agentId: agent.id, clusterId: null }]);
    const read = await h.api<Job>('GET', `/api/v1/jobs/${job.id}`);
    expect(read.body).toMatchObject({
      id: job.id,
      status: 'RUNNING',
      agentId: agent.id,
      finishedAt: null,
      error: null,
    });
    expect(read.body.runs).toEqual([expect.objectContaining({ id: runId, status: 'RUNNING', percent: 30 })]);
    expect(h.plane.runningServers()).toBe(0);
    // No START job was queued for it (a crash restart), nor any other job.
    const jobs = await h.api<{ items: Job[] }>('GET', '/api/v1/jobs');
    expect(jobs.body.items.map((j) => j.id)).toEqual([job.id]);
  });
});

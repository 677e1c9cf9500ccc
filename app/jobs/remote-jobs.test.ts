import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Job, WSEvent } from '@ark-asa/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REMOTE_AGENT_ID, remoteJobDto } from '../../test/helpers/remote-fixtures.ts';
import { seedAgent, TEST_AGENT_ID } from '../../test/helpers/store-fixtures.ts';
import { systemClock } from '../domain/clock.ts';
import { EventBus } from '../events/event-bus.ts';
import { createLogger } from '../logger.ts';
import { createStore, openDatabase, type Store } from '../store/index.ts';
import { JobRunner } from './job-runner.ts';

let dir: string;
let store: Store;
let events: WSEvent[];
let runner: JobRunner;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ark-remote-jobs-'));
  store = createStore(openDatabase(dir));
  seedAgent(store);
  seedAgent(store, REMOTE_AGENT_ID);
  events = [];
  const bus = new EventBus(createLogger({ silent: true }), true);
  bus.subscribe((e) => events.push(e));
  runner = new JobRunner({
    ...{ store, bus, clock: systemClock, logger: createLogger({ silent: true }) },
    concurrency: () => 2,
    localAgentId: () => TEST_AGENT_ID,
  });
  runner.register({ type: 'DIAGNOSTICS', run: () => Promise.resolve({}) });
});

afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The copy of a remote host's job, RUNNING with a RUNNING run, as the mirror stores it. */
function mirroredJob(status: Job['status'] = 'RUNNING'): { job: Job; runId: string } {
  const job = remoteJobDto({ status });
  const runId = crypto.randomUUID();
  store.jobs.upsertMirror(job);
  if (status === 'RUNNING') store.jobs.upsertMirrorRun({ id: runId, jobId: job.id, status, startedAt: job.createdAt });
  return { job, runId };
}

describe('JobRunner and the jobs of remote hosts', () => {
  it('leaves them as they are when it recovers after a restart, failing only its own', () => {
    const running = mirroredJob();
    const pending = mirroredJob('PENDING');
    const own: Job = { ...remoteJobDto({ status: 'PENDING', startedAt: null }), agentId: TEST_AGENT_ID };
    store.jobs.insert(own);
    for (const announce of runner.recover()) announce();
    expect(store.jobs.get(running.job.id)).toEqual(running.job);
    expect(store.jobRuns.listForJob(running.job.id)[0]!.status).toBe('RUNNING');
    expect(store.jobs.get(pending.job.id)).toEqual(pending.job);
    expect(store.jobs.get(own.id)!.status).toBe('FAILED');
    expect(events).toEqual([
      expect.objectContaining({ event: 'job:failed', data: expect.objectContaining({ jobId: own.id }) }),
    ]);
  });

  it('neither queues a job for a remote host nor cancels its copy of one', () => {
    expect(() => runner.enqueue({ type: 'DIAGNOSTICS', agentId: REMOTE_AGENT_ID })).toThrow(/another host/);
    const { job } = mirroredJob();
    expect(() => runner.cancel(job.id)).toThrow(/runs on another host: cancel it there/);
    expect(store.jobs.get(job.id)).toEqual(job);
    expect(store.jobs.list({ limit: 10 }).items).toHaveLength(1);
    expect(events).toEqual([]);
  });
});

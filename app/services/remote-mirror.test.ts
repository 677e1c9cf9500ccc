import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Instance, type Job, type WSEvent, type WSEventData, type WSEventName } from '@ark-asa/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  OTHER_REMOTE_AGENT_ID as OTHER,
  REMOTE_AGENT_ID as REMOTE,
  remoteInstanceDto,
  remoteJobDto,
} from '../../test/helpers/remote-fixtures.ts';
import { seedAgent, seedCluster, seedInstance, TEST_AGENT_ID } from '../../test/helpers/store-fixtures.ts';
import { systemClock } from '../domain/clock.ts';
import { EventBus } from '../events/event-bus.ts';
import { createLogger } from '../logger.ts';
import { createStore, openDatabase, type Store } from '../store/index.ts';
import { InstancesService } from './instances-service.ts';
import { RemoteMirror } from './remote-mirror.ts';

const NAMES: Record<string, string> = { [REMOTE]: 'Basement', [OTHER]: 'Attic' };
const AT = '2026-12-01T12:00:00.000Z';

let dir: string;
let store: Store;
let events: WSEvent[];
let instances: InstancesService;
let mirror: RemoteMirror;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ark-mirror-'));
  store = createStore(openDatabase(dir));
  for (const id of [TEST_AGENT_ID, REMOTE, OTHER]) seedAgent(store, id);
  // Strict: an event that breaks the protocol throws here instead of being dropped.
  const bus = new EventBus(createLogger({ silent: true }), true);
  events = [];
  bus.subscribe((e) => events.push(e));
  instances = new InstancesService({ store, bus, clock: systemClock, agentId: () => TEST_AGENT_ID });
  mirror = new RemoteMirror({
    ...{ store, bus, clock: systemClock, logger: createLogger({ silent: true }) },
    dto: (r) => instances.dto(r),
    nameOf: (id) => NAMES[id] ?? id,
  });
});

afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function bus<N extends WSEventName>(agentId: string, event: N, data: WSEventData<N>, job?: Job): void {
  mirror.apply(agentId, { v: 1, type: 'event', kind: 'bus', event, data, ...(job && { job }) });
}

function snapshot(agentId: string, list: Instance[], jobs: Job[] = []): void {
  mirror.apply(agentId, { v: 1, type: 'event', kind: 'snapshot', instances: list, jobs, timestamp: AT });
}

function created(agentId: string, dto: Instance): void {
  bus(agentId, 'instance:created', { instanceId: dto.id, instance: dto, createdAt: dto.createdAt });
}

const names = () => events.map((e) => e.event);

describe('RemoteMirror: bus events', () => {
  it("mirrors a created server and publishes the control plane's view of it, with its cluster", () => {
    const dto = remoteInstanceDto();
    created(REMOTE, dto);
    expect(store.instances.get(dto.id)).toMatchObject({ agentId: REMOTE, status: 'RUNNING', buildId: null });
    expect(events).toEqual([
      { event: 'instance:created', data: { instanceId: dto.id, instance: dto, createdAt: dto.createdAt } },
    ]);
    const clusterId = seedCluster(store, { name: 'C', gameClusterId: 'c', clusterDir: dir }).id;
    store.clusters.setMembership(dto.id, clusterId);
    bus(REMOTE, 'instance:updated', { instanceId: dto.id, instance: { ...dto, name: 'Renamed' }, updatedAt: AT });
    expect(events.at(-1)).toMatchObject({
      event: 'instance:updated',
      data: { instance: { name: 'Renamed', clusterId, agentId: REMOTE } },
    });
    // Listed with the local servers, as the agent reports it.
    const local = seedInstance(store);
    expect(instances.list(50).items.map((i) => [i.id, i.agentId])).toEqual(
      expect.arrayContaining([
        [dto.id, REMOTE],
        [local.id, TEST_AGENT_ID],
      ]),
    );
    expect(instances.get(dto.id)).toEqual({ ...dto, name: 'Renamed', clusterId });
  });

  it('applies status changes, republishes log lines without storing them, and deletes', () => {
    const dto = remoteInstanceDto();
    created(REMOTE, dto);
    bus(REMOTE, 'instance:status_changed', {
      instanceId: dto.id,
      status: 'CRASHED',
      previousStatus: 'RUNNING',
      reason: 'Exited',
      changedAt: AT,
    });
    expect(instances.get(dto.id)).toMatchObject({ status: 'CRASHED', updatedAt: AT });
    bus(REMOTE, 'instance:log', {
      instanceId: dto.id,
      seq: 7,
      level: 'WARN',
      source: 'server',
      message: 'hi',
      timestamp: AT,
    });
    expect(store.logLines.maxSeq(dto.id)).toBe(0);
    bus(REMOTE, 'instance:deleted', { instanceId: dto.id, deletedAt: AT });
    expect(store.instances.get(dto.id)).toBeNull();
    expect(names()).toEqual(['instance:created', 'instance:status_changed', 'instance:log', 'instance:deleted']);
  });

  it('drops what an agent says about servers that are not its own, and events that break their schema', () => {
    const local = seedInstance(store, { status: 'RUNNING' });
    const theirs = remoteInstanceDto({ agentId: OTHER });
    created(OTHER, theirs);
    events = [];
    created(REMOTE, remoteInstanceDto({ id: local.id }));
    bus(REMOTE, 'instance:updated', {
      instanceId: theirs.id,
      instance: { ...theirs, name: 'Mine now' },
      updatedAt: AT,
    });
    bus(REMOTE, 'instance:status_changed', { instanceId: local.id, status: 'STOPPED', changedAt: AT });
    bus(REMOTE, 'instance:deleted', { instanceId: theirs.id, deletedAt: AT });
    bus(REMOTE, 'instance:deleted', { instanceId: local.id, deletedAt: AT });
    bus(REMOTE, 'instance:log', {
      instanceId: local.id,
      seq: 1,
      level: 'INFO',
      source: 'server',
      message: 'x',
      timestamp: AT,
    });
    bus(REMOTE, 'agent:offline', { agentId: OTHER, reason: 'lies', timestamp: AT });
    mirror.apply(REMOTE, { v: 1, type: 'event', kind: 'bus', event: 'instance:created', data: { instanceId: 'nope' } });
    expect(events).toEqual([]);
    expect(store.instances.get(local.id)).toEqual(local);
    expect(store.instances.get(theirs.id)).toMatchObject({ agentId: OTHER, name: 'Remote island' });
  });

  it('mirrors a job and its runs from the job events, so the job reads as the agent reported it', () => {
    const dto = remoteInstanceDto();
    created(REMOTE, dto);
    const pending = remoteJobDto({ instanceId: dto.id, status: 'PENDING', startedAt: null });
    bus(
      REMOTE,
      'job:created',
      {
        jobId: pending.id,
        type: pending.type,
        status: 'PENDING',
        instanceId: dto.id,
        agentId: REMOTE,
        createdAt: pending.createdAt,
      },
      pending,
    );
    const running = { ...pending, status: 'RUNNING' as const, startedAt: AT };
    const runId = crypto.randomUUID();
    bus(
      REMOTE,
      'job:progress',
      { jobId: pending.id, jobRunId: runId, status: 'RUNNING', percent: 40, message: 'Loading', timestamp: AT },
      running,
    );
    const done = { ...running, status: 'COMPLETED' as const, finishedAt: AT, updatedAt: AT };
    bus(REMOTE, 'job:completed', { jobId: pending.id, jobRunId: runId, result: { pid: 4242 }, completedAt: AT }, done);
    expect(store.jobs.get(pending.id)).toEqual(done);
    expect(store.jobRuns.listForJob(pending.id)).toEqual([
      {
        id: runId,
        jobId: pending.id,
        attempt: 1,
        status: 'COMPLETED',
        percent: 100,
        message: 'Loading',
        startedAt: AT,
        finishedAt: AT,
        result: { pid: 4242 },
        error: null,
      },
    ]);
    expect(names().slice(1)).toEqual(['job:created', 'job:progress', 'job:completed']);
  });

  it("drops job events about a job of this PC or on another host's server", () => {
    const local: Job = { ...remoteJobDto({ status: 'PENDING', startedAt: null }), agentId: TEST_AGENT_ID };
    store.jobs.insert(local);
    const theirs = remoteInstanceDto({ agentId: OTHER });
    created(OTHER, theirs);
    events = [];
    bus(
      REMOTE,
      'job:cancelled',
      { jobId: local.id, jobRunId: null, cancelledAt: AT },
      { ...local, status: 'CANCELLED' },
    );
    bus(REMOTE, 'job:cancelled', { jobId: local.id, jobRunId: null, cancelledAt: AT });
    const onTheirs = remoteJobDto({ instanceId: theirs.id });
    bus(
      REMOTE,
      'job:failed',
      { jobId: onTheirs.id, jobRunId: null, error: { code: 'x', message: 'y' }, failedAt: AT },
      onTheirs,
    );
    bus(REMOTE, 'job:failed', {
      jobId: crypto.randomUUID(),
      jobRunId: null,
      error: { code: 'x', message: 'y' },
      failedAt: AT,
    });
    expect(events).toEqual([]);
    expect(store.jobs.get(local.id)!.status).toBe('PENDING');
    expect(store.jobs.get(onTheirs.id)).toBeNull();
  });
});

describe('RemoteMirror: heartbeats', () => {
  it('shows the pid and metrics of a remote server from its host heartbeat, and none once it stopped', () => {
    const dto = remoteInstanceDto({ runtime: null });
    const other = remoteInstanceDto({ agentId: OTHER, runtime: null });
    created(REMOTE, dto);
    created(OTHER, other);
    const metrics = { pid: 777, cpuPercent: 5, memoryBytes: 2e9, playersOnline: 2 };
    mirror.heartbeat(REMOTE, [
      { instanceId: dto.id, ...metrics },
      { instanceId: other.id, ...metrics },
    ]);
    expect(instances.get(dto.id).runtime).toEqual({ ...metrics, startedAt: null });
    expect(instances.get(other.id).runtime).toBeNull(); // not that host's server
    const listed = instances.list(50).items.find((i) => i.id === dto.id);
    expect(listed?.runtime?.pid).toBe(777);
    bus(REMOTE, 'instance:status_changed', { instanceId: dto.id, status: 'STOPPED', changedAt: AT });
    expect(instances.get(dto.id)).toMatchObject({ status: 'STOPPED', runtime: null });
    // A heartbeat that leaves a server out (sent before the host sampled it) changes nothing.
    bus(REMOTE, 'instance:status_changed', { instanceId: dto.id, status: 'RUNNING', changedAt: AT });
    mirror.heartbeat(REMOTE, [{ instanceId: dto.id, ...metrics }]);
    mirror.heartbeat(REMOTE, []);
    expect(instances.get(dto.id).runtime).toEqual({ ...metrics, startedAt: null });
  });

  it('does not bring back the pid of a crashed server from a sample taken before the crash', () => {
    const dto = remoteInstanceDto({ runtime: null });
    created(REMOTE, dto);
    const metrics = { pid: 778, cpuPercent: 5, memoryBytes: 2e9, playersOnline: 0 };
    mirror.heartbeat(REMOTE, [{ instanceId: dto.id, ...metrics }]);
    bus(REMOTE, 'instance:status_changed', { instanceId: dto.id, status: 'CRASHED', changedAt: AT });
    mirror.heartbeat(REMOTE, [{ instanceId: dto.id, ...metrics }]); // sampled while it still ran
    expect(instances.get(dto.id)).toMatchObject({ status: 'CRASHED', runtime: null });
  });
});

describe('RemoteMirror: snapshots after a reconnection', () => {
  it('announces new servers and statuses that changed while cut off, and keeps servers no longer listed', () => {
    const kept = remoteInstanceDto({ name: 'Kept' });
    const crashed = remoteInstanceDto({ name: 'Crashed' });
    const gone = remoteInstanceDto({ name: 'Gone' });
    snapshot(REMOTE, [kept, crashed, gone]);
    expect(names()).toEqual(['instance:created', 'instance:created', 'instance:created']);
    events = [];
    const fresh = remoteInstanceDto({ name: 'Fresh' });
    snapshot(REMOTE, [kept, { ...crashed, status: 'CRASHED', updatedAt: AT }, fresh]);
    expect(events).toContainEqual({
      event: 'instance:status_changed',
      data: {
        instanceId: crashed.id,
        status: 'CRASHED',
        previousStatus: 'RUNNING',
        reason: 'Reported by host "Basement" after reconnecting',
        changedAt: AT,
      },
    });
    expect(events.find((e) => e.event === 'instance:created')?.data).toMatchObject({ instanceId: fresh.id });
    const error = events.find((e) => e.event === 'system:error')!.data;
    expect(error.message).toContain('Host "Basement"');
    expect(error.message).toContain(`"Gone" (${gone.id})`);
    expect(store.instances.get(gone.id)).toMatchObject({ status: 'RUNNING', name: 'Gone' });
    expect(store.instances.get(crashed.id)!.status).toBe('CRASHED');
    expect(events.filter((e) => e.data && 'instanceId' in e.data && e.data.instanceId === kept.id)).toEqual([]);
  });

  it('ends mirrored jobs as the agent says, and those it no longer lists as failed with the reason', () => {
    const finished = remoteJobDto();
    const forgotten = remoteJobDto();
    const runId = crypto.randomUUID();
    store.jobs.upsertMirror(finished);
    store.jobs.upsertMirrorRun({ id: runId, jobId: finished.id, status: 'RUNNING', startedAt: AT });
    store.jobs.upsertMirror(forgotten);
    const done: Job = { ...finished, status: 'COMPLETED', finishedAt: AT, updatedAt: AT };
    const doneRun = {
      id: runId,
      jobId: finished.id,
      attempt: 1,
      status: 'COMPLETED' as const,
      percent: 100,
      message: 'Running',
      startedAt: AT,
      finishedAt: AT,
      result: { pid: 1 },
      error: null,
    };
    const cutOff = remoteJobDto();
    const cutOffRun = crypto.randomUUID();
    store.jobs.upsertMirror(cutOff);
    store.jobs.upsertMirrorRun({ id: cutOffRun, jobId: cutOff.id, status: 'RUNNING', startedAt: AT });
    const error = { code: 'start-failed', message: 'Could not start' };
    const cutOffEnd: Job = { ...cutOff, status: 'FAILED', finishedAt: AT, updatedAt: AT, error };
    snapshot(REMOTE, [], [{ ...done, runs: [doneRun] }, cutOffEnd]);
    // Ended while cut off, reported without its runs: its run ends with it.
    expect(events).toContainEqual({
      event: 'job:failed',
      data: { jobId: cutOff.id, jobRunId: cutOffRun, error, failedAt: AT },
    });
    expect(store.jobRuns.listForJob(cutOff.id)).toMatchObject([{ status: 'FAILED', finishedAt: AT, error }]);
    expect(events).toContainEqual({
      event: 'job:completed',
      data: { jobId: finished.id, jobRunId: runId, result: { pid: 1 }, completedAt: AT },
    });
    const failed = events.flatMap((e) =>
      e.event === 'job:failed' && e.data.jobId === forgotten.id ? [e.data] : [],
    )[0]!;
    expect(failed).toMatchObject({ jobId: forgotten.id, error: { code: 'interrupted' } });
    expect(failed.error.message).toContain('Host "Basement" no longer reports this job');
    expect(store.jobs.get(finished.id)).toEqual(done);
    expect(store.jobs.get(forgotten.id)!.status).toBe('FAILED');
  });

  it("drops servers and jobs of a snapshot that are not the agent's own, and starts or stops nothing", () => {
    const local = seedInstance(store, { status: 'RUNNING' });
    const localJob: Job = { ...remoteJobDto(), agentId: TEST_AGENT_ID };
    store.jobs.insert(localJob);
    snapshot(
      REMOTE,
      [remoteInstanceDto({ id: local.id, status: 'STOPPED' })],
      [{ ...localJob, agentId: REMOTE, status: 'FAILED' }],
    );
    expect(events).toEqual([]);
    expect(store.instances.get(local.id)).toEqual(local);
    expect(store.jobs.get(localJob.id)!.status).toBe('RUNNING');
    expect(store.jobs.list({ limit: 10 }).items).toHaveLength(1);
  });
});

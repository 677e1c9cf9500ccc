import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Agent, Instance, Job, WSEventData, WSEventName } from '@ark-asa/contracts';
import { testInstance } from '../test/harness.tsx';
import type { EventClient } from './event-client.ts';
import { call } from './http.ts';
import { bridgeEvents } from './live-bridge.ts';
import { keys } from './queries.ts';

/** The part of EventClient the bridge listens to, with a way to deliver an event. */
class Events {
  private readonly handlers = new Map<string, Set<(d: unknown) => void>>();
  on(name: string, handler: (d: unknown) => void): () => void {
    const set = this.handlers.get(name) ?? new Set();
    this.handlers.set(name, set.add(handler));
    return () => set.delete(handler);
  }
  onResync(): () => void {
    return () => {};
  }
  emit<N extends WSEventName>(name: N, data: WSEventData<N>): void {
    for (const h of this.handlers.get(name) ?? []) h(data);
  }
}

/** Answers a query's reads in order; each answer is released by the test, as a response arriving. */
function answers<T>() {
  const pending: { resolve: (v: T) => void }[] = [];
  const read = vi.fn(() => new Promise<T>((resolve) => pending.push({ resolve })));
  const answer = async (value: T) => {
    await vi.waitFor(() => expect(pending.length).toBeGreaterThan(0));
    pending.shift()!.resolve(value);
  };
  return { read, answer };
}

const toast = { success: () => {}, error: () => {} };
let stop: (() => void)[] = [];
afterEach(() => {
  stop.forEach((s) => s());
  stop = [];
});

function setUp() {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const events = new Events();
  stop.push(bridgeEvents(events as unknown as EventClient, qc, toast));
  const watch = <T>(queryKey: readonly unknown[], queryFn: () => Promise<T>) => {
    const observer = new QueryObserver(qc, { queryKey, queryFn });
    stop.push(observer.subscribe(() => {}));
    return observer;
  };
  return { qc, events, watch };
}

const JOB_ID = '9d9c1f4e-55a8-4a52-9a4a-0b5cbb0f2d11';
const job = (status: Job['status']) => ({ id: JOB_ID, status }) as Job;

describe('bridgeEvents against reads in flight', () => {
  it('reads a job again when it ends while its first read, made before, is still on its way', async () => {
    const { qc, events, watch } = setUp();
    const { read, answer } = answers<Job>();
    watch(keys.job(JOB_ID), read);
    await vi.waitFor(() => expect(read).toHaveBeenCalledTimes(1));
    events.emit('job:completed', {
      jobId: JOB_ID,
      jobRunId: JOB_ID,
      result: null,
      completedAt: '2026-12-06T16:00:00Z',
    });
    await answer(job('RUNNING')); // read before the job ended
    await answer(job('COMPLETED'));
    await vi.waitFor(() => expect(qc.getQueryData<Job>(keys.job(JOB_ID))?.status).toBe('COMPLETED'));
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('keeps a changed server over a list read before the change that lands after it', async () => {
    const { qc, events, watch } = setUp();
    const before = testInstance('STOPPED');
    const after: Instance = { ...before, clusterId: 'e5f7a6f2-2d3b-4c61-9a51-2f0b8f5e8a10' };
    const { read, answer } = answers<Instance[]>();
    const list = watch(keys.instances, read);
    await answer([before]);
    await vi.waitFor(() => expect(qc.getQueryData(keys.instances)).toEqual([before]));
    void list.refetch();
    await vi.waitFor(() => expect(read).toHaveBeenCalledTimes(2));
    events.emit('instance:updated', { instanceId: after.id, instance: after, updatedAt: after.updatedAt });
    expect(qc.getQueryData(keys.instances)).toEqual([after]);
    await answer([before]); // read before the change
    await answer([after]);
    await vi.waitFor(() => expect(read).toHaveBeenCalledTimes(3));
    await vi.waitFor(() => expect(qc.getQueryData(keys.instances)).toEqual([after]));
    expect(qc.isFetching()).toBe(0);
  });

  it('leaves a list alone when no read is on its way', async () => {
    const { qc, events, watch } = setUp();
    const before = testInstance('STOPPED');
    const { read, answer } = answers<Instance[]>();
    watch(keys.instances, read);
    await answer([before]);
    await vi.waitFor(() => expect(qc.isFetching()).toBe(0));
    events.emit('instance:updated', { instanceId: before.id, instance: { ...before, name: 'Renamed' }, updatedAt: '' });
    expect(qc.getQueryData<Instance[]>(keys.instances)?.[0]?.name).toBe('Renamed');
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('keeps a host offline over a host list read before it went away', async () => {
    const { qc, events, watch } = setUp();
    const host = { id: 'c0a80101-0000-4000-8000-000000000001', name: 'Attic', status: 'ONLINE' } as Agent;
    const { read, answer } = answers<Agent[]>();
    const list = watch(keys.agents, read);
    await answer([host]);
    await vi.waitFor(() => expect(qc.isFetching()).toBe(0));
    void list.refetch();
    await vi.waitFor(() => expect(read).toHaveBeenCalledTimes(2));
    events.emit('agent:offline', { agentId: host.id, reason: 'heartbeat missed', timestamp: '2026-12-06T17:00:00Z' });
    await answer([host]); // read before the host went away
    await answer([{ ...host, status: 'OFFLINE' }]);
    await vi.waitFor(() => expect(qc.isFetching()).toBe(0));
    expect(qc.getQueryData<Agent[]>(keys.agents)?.[0]?.status).toBe('OFFLINE');
  });

  it('reads the list once after a burst of events, not once per event', async () => {
    const { qc, events, watch } = setUp();
    const servers = Array.from({ length: 20 }, (_, i) => ({ ...testInstance('STOPPED'), id: `i${i}`, name: `S${i}` }));
    const renamed = servers.map((i) => ({ ...i, name: `${i.name} renamed` }));
    const { read, answer } = answers<Instance[]>();
    const list = watch(keys.instances, read);
    await answer(servers);
    await vi.waitFor(() => expect(qc.isFetching()).toBe(0));
    void list.refetch();
    await vi.waitFor(() => expect(read).toHaveBeenCalledTimes(2));
    for (const instance of renamed) {
      events.emit('instance:updated', { instanceId: instance.id, instance, updatedAt: instance.updatedAt });
      await new Promise((r) => setTimeout(r, 0)); // each /ws message is a task of its own
    }
    await answer(servers); // the dropped read
    await answer(renamed);
    await vi.waitFor(() => expect(qc.isFetching()).toBe(0));
    expect(qc.getQueryData(keys.instances)).toEqual(renamed);
    expect(read).toHaveBeenCalledTimes(3);
  });

  it('stops downloading a read it drops', async () => {
    const { qc, events } = setUp();
    const signals: AbortSignal[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn((_url: string, init: RequestInit) => {
        signals.push(init.signal!);
        return new Promise<Response>(() => {}); // an answer still on its way
      }),
    );
    const list = new QueryObserver(qc, {
      queryKey: keys.instances,
      queryFn: async ({ signal }) => (await call('listInstances', { query: { limit: 500 } }, { signal })).items,
    });
    stop.push(list.subscribe(() => {}));
    await vi.waitFor(() => expect(signals).toHaveLength(1));
    const instance = testInstance('STOPPED');
    events.emit('instance:updated', { instanceId: instance.id, instance, updatedAt: instance.updatedAt });
    await vi.waitFor(() => expect(signals[0]!.aborted).toBe(true));
  });

  it('reads a server once again after its status changes, not once more after the events pause', async () => {
    const { qc, events, watch } = setUp();
    const server = testInstance('STOPPED');
    const { read, answer } = answers<Instance>();
    const one = watch(keys.instance(server.id), read);
    await answer(server);
    await vi.waitFor(() => expect(qc.isFetching()).toBe(0));
    void one.refetch();
    await vi.waitFor(() => expect(read).toHaveBeenCalledTimes(2));
    events.emit('instance:status_changed', {
      instanceId: server.id,
      status: 'STARTING',
      previousStatus: 'STOPPED',
      changedAt: '2026-12-06T18:00:00Z',
    });
    await answer(server); // the dropped read
    await answer({ ...server, status: 'STARTING' });
    await new Promise((r) => setTimeout(r, 150)); // past the pause keepOverReads waits for
    expect(read).toHaveBeenCalledTimes(3);
    expect(qc.getQueryData<Instance>(keys.instance(server.id))?.status).toBe('STARTING');
  });
});

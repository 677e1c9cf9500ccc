import { randomUUID } from 'node:crypto';
import { ErrorCode } from '@ark-asa/contracts';
import { describe, expect, it } from 'vitest';
import { EventBus } from '../events/event-bus.ts';
import { createLogger } from '../logger.ts';
import { HostJobWatch, type EndedJob } from './host-job-watch.ts';

const HOST = { id: randomUUID(), name: 'Basement' };
const now = () => new Date().toISOString();

function setup(ended: (id: string) => EndedJob | null = () => null) {
  const bus = new EventBus(createLogger({ silent: true }), true);
  const watch = new HostJobWatch({ subscribe: (l) => bus.subscribe(l), ended }, HOST);
  const progress: string[] = [];
  const ctl = { signal: new AbortController().signal, progress: (p: number, m: string) => progress.push(`${p} ${m}`) };
  return { bus, watch, progress, ctl };
}

describe('HostJobWatch', () => {
  it("keeps the host job's events that arrive before its id is known, and ends with its result", async () => {
    const { bus, watch, progress, ctl } = setup();
    const jobId = randomUUID();
    const jobRunId = randomUUID();
    bus.publish('job:progress', {
      jobId,
      jobRunId,
      status: 'RUNNING',
      percent: 40,
      message: 'Loading',
      timestamp: now(),
    });
    bus.publish('job:progress', {
      ...{ jobId: randomUUID(), jobRunId, status: 'RUNNING' },
      ...{ percent: 90, message: 'another job', timestamp: now() },
    });
    const done = watch.until(jobId, ctl);
    bus.publish('job:completed', { jobId, jobRunId, result: { pid: 42 }, completedAt: now() });
    await expect(done).resolves.toEqual({ pid: 42 });
    expect(progress).toEqual(['40 Host "Basement": Loading']);
    watch.close();
  });

  it("fails with the host job's own code, naming the host", async () => {
    const { bus, watch, ctl } = setup();
    const jobId = randomUUID();
    const done = watch.until(jobId, ctl);
    const error = { code: ErrorCode.PORT_IN_USE, message: 'Port 7777 is in use' };
    bus.publish('job:failed', { jobId, jobRunId: null, error, failedAt: now() });
    await expect(done).rejects.toMatchObject({ code: 'port-in-use', message: 'Host "Basement": Port 7777 is in use' });
    watch.close();
  });

  it('fails as agent-offline when its host goes away first, and ignores other hosts going away', async () => {
    const { bus, watch, ctl } = setup();
    const done = watch.until(randomUUID(), ctl);
    bus.publish('agent:offline', { agentId: randomUUID(), reason: 'gone', timestamp: now() });
    bus.publish('agent:offline', { agentId: HOST.id, reason: 'gone', timestamp: now() });
    await expect(done).rejects.toMatchObject({ code: 'agent-offline', message: /Host "Basement" went offline/ });
    watch.close();
  });

  it('answers at once for a job the mirror already holds as ended', async () => {
    const { watch, ctl } = setup((id) => ({ status: 'COMPLETED', error: null, result: { id } }));
    const jobId = randomUUID();
    await expect(watch.until(jobId, ctl)).resolves.toEqual({ id: jobId });
    watch.close();
  });

  it('gives up when its own job is cancelled here', async () => {
    const bus = new EventBus(createLogger({ silent: true }), true);
    const watch = new HostJobWatch({ subscribe: (l) => bus.subscribe(l), ended: () => null }, HOST);
    const abort = new AbortController();
    const done = watch.until(randomUUID(), { signal: abort.signal, progress: () => undefined });
    abort.abort(new Error('cancelled by the user'));
    await expect(done).rejects.toThrow('cancelled by the user');
    watch.close();
  });
});

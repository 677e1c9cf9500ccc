import { AgentServerEvent, type AgentMessage, type Instance, type Job, type WSEvent } from '@ark-asa/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Harness } from '../../../test/helpers/harness.ts';
import { createLogger } from '../../logger.ts';
import { waitUntil } from '../../../test/helpers/remote-agents.ts';
import { EventForwarder, type ChannelOutput } from './event-forwarder.ts';

const AGENT_ID = crypto.randomUUID();

type Bus = Extract<AgentServerEvent, { kind: 'bus' }>;

/** Records what the forwarder sends, as a session's socket would carry it. */
class RecordingOutput implements ChannelOutput {
  readonly sent: AgentMessage[] = [];
  buffered = 0;
  open = true;
  send(message: AgentMessage): void {
    this.sent.push(message);
  }
  bufferedAmount(): number {
    return this.buffered;
  }
  isOpen(): boolean {
    return this.open;
  }
  bus(): Bus[] {
    return this.sent.map((m) => AgentServerEvent.parse(m)).filter((m): m is Bus => m.kind === 'bus');
  }
}

const silent = createLogger({ silent: true });

describe('event forwarder (a real embedded manager)', () => {
  let h: Harness;
  let forwarder: EventForwarder;
  let unsubscribe: () => void;
  const seen: WSEvent[] = [];

  beforeEach(async () => {
    h = await Harness.start({ heartbeatIntervalSec: 1, localAgentId: AGENT_ID });
    forwarder = new EventForwarder(h.plane, silent, 1024);
    unsubscribe = forwarder.start();
    seen.length = 0;
    h.plane.subscribe((e) => seen.push(e));
  });
  afterEach(async () => {
    unsubscribe();
    await h.stop();
  });

  it('sends every non-agent event in bus order, with the job DTO on job events, and keeps heartbeat metrics', async () => {
    const out = new RecordingOutput();
    forwarder.attach(out);
    const created = await h.api<Instance>('POST', '/api/v1/instances', {
      name: 'Fwd',
      settings: { map: 'TheIsland_WP', gamePort: 7821, rconPort: 27821 },
    });
    expect(created.body.agentId).toBe(AGENT_ID);
    const { job } = (await h.api<{ job: Job }>('POST', '/api/v1/jobs', { type: 'DIAGNOSTICS' })).body;
    await waitUntil('the diagnostics job to end', () =>
      out.bus().some((m) => m.event === 'job:completed' && (m.data as { jobId: string }).jobId === job.id),
    );
    await waitUntil('an embedded heartbeat', () => seen.some((e) => e.event === 'agent:heartbeat'));

    const forwarded = out.bus();
    expect(forwarded.map((m) => m.event)).toEqual(
      seen.filter((e) => !e.event.startsWith('agent:')).map((e) => e.event),
    );
    expect(forwarded.some((m) => m.event.startsWith('agent:'))).toBe(false);
    expect(forwarded[0]).toMatchObject({ event: 'instance:created', data: { instanceId: created.body.id } });
    const jobEvents = forwarded.filter((m) => m.event.startsWith('job:'));
    expect(jobEvents.map((m) => m.event)).toEqual(expect.arrayContaining(['job:created', 'job:completed']));
    for (const m of jobEvents) expect(m.job).toMatchObject({ id: job.id, type: 'DIAGNOSTICS', agentId: AGENT_ID });
    expect(jobEvents.at(-1)?.job?.status).toBe('COMPLETED');
    expect(forwarded.filter((m) => !m.event.startsWith('job:')).every((m) => m.job === undefined)).toBe(true);
    expect(Array.isArray(forwarder.instanceMetrics())).toBe(true);
  });

  it('forwards nothing while detached, and drops only log lines on a congested link', async () => {
    const out = new RecordingOutput();
    forwarder.attach(out);
    forwarder.detach(out);
    const created = await h.api<Instance>('POST', '/api/v1/instances', {
      name: 'Quiet',
      settings: { map: 'TheIsland_WP', gamePort: 7823, rconPort: 27823 },
    });
    expect(out.sent).toEqual([]);

    forwarder.attach(out);
    out.buffered = 10_000; // past the 1 KiB threshold of this test
    h.plane.services.logs.append(created.body.id, { level: 'INFO', source: 'manager', message: 'dropped line' });
    h.plane.services.logs.flush();
    expect((await h.api('PATCH', `/api/v1/instances/${created.body.id}`, { name: 'Still sent' })).status).toBe(200);
    out.buffered = 0;
    h.plane.services.logs.append(created.body.id, { level: 'INFO', source: 'manager', message: 'sent line' });
    h.plane.services.logs.flush();
    const events = out.bus().map((m) => [m.event, (m.data as { message?: string }).message ?? null]);
    expect(events).toEqual([
      ['instance:updated', null],
      ['instance:log', 'sent line'],
    ]);
  });
});

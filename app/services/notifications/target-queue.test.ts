import { pino } from 'pino';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../test/helpers/fake-clock.ts';
import type { DiscordMessage } from '../../domain/notification-embed.ts';
import type { NotificationEvent } from '../../domain/notification-events.ts';
import type { DeliveryOutcome, WebhookSend } from './discord-webhook.ts';
import { TargetQueue, type QueueLimits } from './target-queue.ts';

const URL = 'https://discord.com/api/webhooks/123456789012345678/secret-token_abcdef';
const INSTANCE = '11111111-1111-4111-8111-111111111111';

class RecordingSender implements WebhookSend {
  readonly messages: DiscordMessage[] = [];
  outcome: DeliveryOutcome = { delivered: true, status: 204, message: 'Delivered' };
  send(_url: string, message: DiscordMessage): Promise<DeliveryOutcome> {
    this.messages.push(message);
    return Promise.resolve(this.outcome);
  }
}

function setup(limits: Partial<QueueLimits>) {
  const clock = new FakeClock('2025-03-01T12:00:00.000Z');
  const sender = new RecordingSender();
  const logs: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void logs.push(line) });
  const queue = new TargetQueue({
    clock,
    sender,
    logger,
    webhookUrl: () => URL,
    label: { targetId: 't1', name: 'Ops' },
    limits,
  });
  return { clock, sender, logs, queue };
}

let n = 0;
const event = (kind: NotificationEvent['kind'] = 'server-crashed'): NotificationEvent => ({
  kind,
  instanceId: INSTANCE,
  instanceName: 'Island',
  at: '2025-03-01T12:00:00.000Z',
  detail: `event ${++n}`,
});
const join = (name: string): NotificationEvent => ({
  ...event('player-joined'),
  detail: null,
  players: { joined: [name], left: [] },
});
const titles = (m: DiscordMessage) => m.embeds.map((e) => e.title);

describe('per-webhook queue', () => {
  beforeEach(() => {
    n = 0;
  });

  it('sends a burst at once, then one request per refill interval (30 a minute)', async () => {
    const { clock, sender, queue } = setup({ burst: 2, perMinute: 30, perMessage: 1 });
    for (let i = 0; i < 5; i++) queue.push(event());
    await clock.advance(0);
    expect(sender.messages).toHaveLength(2);
    expect(clock.pending().map((p) => p.ms)).toEqual([2000]);
    await clock.advance(1999);
    expect(sender.messages).toHaveLength(2);
    await clock.advance(1);
    expect(sender.messages).toHaveLength(3);
    await clock.advance(4000);
    expect(sender.messages).toHaveLength(5);
    expect(queue.stats()).toMatchObject({ sent: 5, queued: 0, failed: 0, dropped: 0 });
  });

  it('puts what waited into one request, up to 10 embeds', async () => {
    const { clock, sender, queue } = setup({ burst: 1, perMinute: 30 });
    for (let i = 0; i < 13; i++) queue.push(event());
    await clock.advance(0);
    expect(sender.messages.map((m) => m.embeds.length)).toEqual([1]);
    await clock.advance(2000);
    await clock.advance(2000);
    expect(sender.messages.map((m) => m.embeds.length)).toEqual([1, 10, 2]);
  });

  it('coalesces a burst of joins and leaves into one summary', async () => {
    const { clock, sender, queue } = setup({ burst: 1, perMinute: 30 });
    queue.push(event('server-started'));
    for (const name of ['A', 'B', 'C', 'D']) queue.push(join(name));
    queue.push({ ...event('player-left'), detail: null, players: { joined: [], left: ['E'] } });
    await clock.advance(2000);
    expect(sender.messages.map(titles)).toEqual([['Server started · Island'], ['Players joined and left · Island']]);
    expect(sender.messages[1]?.embeds[0]?.description).toBe('Joined: A, B, C, D\nLeft: E');
  });

  it('drops the oldest beyond its bound, counts them and says so in the next message', async () => {
    const { clock, sender, queue } = setup({ burst: 1, perMinute: 30, maxQueued: 3, perMessage: 10 });
    queue.push(event());
    const dropped: DeliveryOutcome[] = [];
    queue.push(event(), (o) => dropped.push(o));
    for (let i = 0; i < 4; i++) queue.push(event());
    expect(queue.stats()).toMatchObject({ dropped: 2, queued: 3 });
    expect(dropped).toEqual([expect.objectContaining({ delivered: false, message: expect.stringMatching(/Dropped/) })]);
    await clock.advance(2000);
    expect(sender.messages[1]?.content).toBe('2 older notifications were dropped: too many at once.');
    expect(sender.messages[1]?.embeds.map((e) => e.description)).toEqual(['event 4', 'event 5', 'event 6']);
  });

  it('counts and logs a failed delivery without the URL, and carries on', async () => {
    const { clock, sender, logs, queue } = setup({ burst: 5 });
    sender.outcome = { delivered: false, status: 404, message: 'The webhook no longer exists (HTTP 404)' };
    queue.push(event());
    await clock.advance(0);
    expect(queue.stats()).toMatchObject({ failed: 1, sent: 0, lastError: 'The webhook no longer exists (HTTP 404)' });
    expect(logs.join('\n')).toMatch(/not delivered/);
    expect(logs.join('\n')).not.toContain('secret-token');
    sender.outcome = { delivered: true, status: 204, message: 'Delivered' };
    queue.push(event());
    await clock.advance(0);
    expect(queue.stats()).toMatchObject({ failed: 1, sent: 1 });
  });

  it('survives a sender that throws', async () => {
    const { clock, sender, queue } = setup({ burst: 5 });
    sender.send = () => Promise.reject(new Error(`boom at ${URL}`));
    const outcomes: DeliveryOutcome[] = [];
    queue.push(event(), (o) => outcomes.push(o));
    await clock.advance(0);
    expect(outcomes[0]).toMatchObject({ delivered: false });
    expect(outcomes[0]?.message).not.toContain('secret-token');
  });

  it('gives what is waiting a "not sent" answer when closed', async () => {
    const { clock, queue } = setup({ burst: 1 });
    const outcomes: DeliveryOutcome[] = [];
    queue.push(event());
    queue.push(event(), (o) => outcomes.push(o));
    await clock.advance(0);
    queue.close();
    queue.push(event(), (o) => outcomes.push(o));
    expect(outcomes.map((o) => o.delivered)).toEqual([false, false]);
    await queue.idle();
    expect(clock.pending()).toEqual([]);
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../test/helpers/fake-clock.ts';
import { FakeDiscord } from '../../../test/helpers/fake-discord.ts';
import { discordMessageOf } from '../../domain/notification-embed.ts';
import { DiscordWebhook, type DeliveryOutcome } from './discord-webhook.ts';

const URL = 'https://discord.com/api/webhooks/123456789012345678/secret-token_abcdef';
const message = discordMessageOf([
  { kind: 'test', instanceId: null, instanceName: null, at: '2025-03-01T12:00:00.000Z', detail: 'hello' },
]);

let discord: FakeDiscord;
let clock: FakeClock;
let sender: DiscordWebhook;

/** Runs a send to its end, moving the fake clock through every wait it asks for; returns the waits. */
async function drive(send: Promise<DeliveryOutcome>): Promise<{ outcome: DeliveryOutcome; waits: number[] }> {
  let outcome: DeliveryOutcome | null = null;
  void send.then((o) => (outcome = o));
  const waits: number[] = [];
  while (!outcome) {
    const next = clock.pending()[0];
    if (next) {
      waits.push(next.ms);
      await clock.advance(next.ms);
    } else {
      await new Promise((resolve) => setTimeout(resolve, 2)); // the fake Discord answers over real HTTP
    }
  }
  return { outcome, waits };
}

beforeAll(async () => {
  discord = await FakeDiscord.start();
});
afterAll(() => discord.close());
beforeEach(() => {
  discord.posts.length = 0;
  clock = new FakeClock('2025-03-01T12:00:00.000Z');
  sender = new DiscordWebhook({ clock, origin: discord.url, maxAttempts: 4, backoffMs: 1000 });
});

describe('Discord webhook delivery', () => {
  it('posts the message to the webhook path', async () => {
    const { outcome, waits } = await drive(sender.send(URL, message));
    expect(outcome).toEqual({ delivered: true, status: 204, message: 'Delivered' });
    expect(waits).toEqual([]);
    expect(discord.posts).toHaveLength(1);
    expect(discord.posts[0]?.path).toBe('/api/webhooks/123456789012345678/secret-token_abcdef');
    expect(discord.posts[0]?.body.embeds?.[0]?.title).toBe('Test notification');
  });

  it('waits what 429 retry_after says, then retries', async () => {
    discord.reply({ status: 429, retryAfterSec: 1.5 });
    const { outcome, waits } = await drive(sender.send(URL, message));
    expect(outcome.delivered).toBe(true);
    expect(waits).toEqual([1500]);
    expect(discord.posts.map((p) => p.status)).toEqual([429, 204]);
  });

  it('backs off exponentially on 5xx', async () => {
    discord.reply({ status: 500 }, { status: 502 });
    const { outcome, waits } = await drive(sender.send(URL, message));
    expect(outcome.delivered).toBe(true);
    expect(waits).toEqual([1000, 2000]);
  });

  it('gives up after its attempts, saying why', async () => {
    discord.reply({ status: 503 }, { status: 503 }, { status: 503 }, { status: 503 });
    const { outcome } = await drive(sender.send(URL, message));
    expect(outcome).toEqual({
      delivered: false,
      status: 503,
      message: 'Discord failed (HTTP 503); gave up after 4 attempts',
    });
    expect(discord.posts).toHaveLength(4);
  });

  it('does not retry other 4xx answers', async () => {
    discord.reply({ status: 404, message: 'Unknown Webhook' });
    const { outcome, waits } = await drive(sender.send(URL, message));
    expect(outcome).toMatchObject({ delivered: false, status: 404 });
    expect(outcome.message).toMatch(/deleted in Discord.*Unknown Webhook/);
    expect(waits).toEqual([]);
    expect(discord.posts).toHaveLength(1);
  });

  it('does not wait for a retry_after beyond its limit', async () => {
    const impatient = new DiscordWebhook({ clock, origin: discord.url, maxRetryAfterMs: 5000 });
    discord.reply({ status: 429, retryAfterSec: 3600 });
    const { outcome, waits } = await drive(impatient.send(URL, message));
    expect(outcome).toMatchObject({ delivered: false, status: 429 });
    expect(waits).toEqual([]);
  });

  it('reports an unreachable Discord without quoting the URL', async () => {
    const nowhere = new DiscordWebhook({ clock, origin: 'http://127.0.0.1:9', maxAttempts: 2 });
    const { outcome, waits } = await drive(nowhere.send(URL, message));
    expect(outcome).toMatchObject({ delivered: false, status: null });
    expect(outcome.message).toMatch(/could not be reached/);
    expect(outcome.message).not.toContain('secret-token');
    expect(waits).toEqual([1000]);
  });

  it('stops retrying when aborted', async () => {
    discord.reply({ status: 500 });
    const abort = new AbortController();
    const sending = sender.send(URL, message, abort.signal);
    while (!clock.pending().length) await new Promise((resolve) => setTimeout(resolve, 2));
    abort.abort();
    expect(await sending).toMatchObject({ delivered: false, message: expect.stringMatching(/stopping/) });
  });
});

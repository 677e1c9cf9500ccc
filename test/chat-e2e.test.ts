import { Instance, LogEntry, type Job } from '@ark-asa/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fastClock } from '../app/domain/clock.ts';
import { FakeDiscord } from './helpers/fake-discord.ts';
import { Harness, tempDir } from './helpers/harness.ts';
import { SimEnv } from './helpers/sim-env.ts';
import type { TestWsClient } from './helpers/ws-client.ts';

/**
 * In-game chat end to end through REST and /ws against the simulator: what players say arrives as
 * `instance:log` lines of source `chat` (RCON GetChat), "say as server" sends ServerChat and its
 * line comes back the same way, and a Discord target with the chat event relays the lines.
 */
let h: Harness;
let sim: SimEnv;
let discord: FakeDiscord;
let ws: TestWsClient;
let island: Instance;
const dataDir = tempDir();
const WEBHOOK = 'https://discord.com/api/webhooks/123456789012345678/chat-e2e-webhook_token';

const completed = async (method: string, route: string) => {
  const res = await h.api<{ job: Job }>(method, route, {});
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  const jobId = res.body.job.id;
  const outcome = await Promise.race([
    ws.waitFor('job:completed', (d) => d.jobId === jobId, 60_000).then(() => null),
    ws.waitFor('job:failed', (d) => d.jobId === jobId, 60_000).then((d) => d.error),
  ]);
  expect(outcome, `${method} ${route} failed`).toBeNull();
};
const chatLine = (message: string) =>
  ws.waitFor('instance:log', (d) => d.instanceId === island.id && d.source === 'chat' && d.message === message, 20_000);
const say = (id: string, message: unknown) => h.api('POST', `/api/v1/instances/${id}/chat`, { message });

beforeAll(async () => {
  [sim, discord] = await Promise.all([SimEnv.create(), FakeDiscord.start()]);
  h = await Harness.start({ dataDir, clock: fastClock(600), discordOrigin: discord.url });
  ws = await h.ws();
  await h.api('PATCH', '/api/v1/settings', { steamcmdPath: sim.steamcmdPath });
  await completed('POST', '/api/v1/builds/install');
  const created = await h.api('POST', '/api/v1/instances', {
    name: 'Chatty Island',
    settings: { sessionName: 'Chatty', gamePort: 8151, rconPort: 28151, adminPassword: 'Admin12345' },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  island = Instance.parse(created.body);
  const target = await h.api('POST', '/api/v1/notifications/targets', {
    name: 'Chat relay',
    webhookUrl: WEBHOOK,
    events: ['chat'],
  });
  expect(target.status, JSON.stringify(target.body)).toBe(201);
  await sim.server(island.installPath!, {
    startupSeconds: 1,
    chat: [{ afterSec: 1, name: 'Alice', character: 'Ally', message: 'hello from the beach' }],
  });
});

afterAll(async () => {
  // A server left running would hold its ports for the next run.
  await h?.stop({ stopServers: true });
  await discord?.close();
});

describe('in-game chat', () => {
  it('refuses to send while the server is not running (409)', async () => {
    const res = await say(island.id, 'anyone there?');
    expect(res.status, JSON.stringify(res.body)).toBe(409);
  });

  it('shows what a player says as a chat line, live and stored', async () => {
    await completed('POST', `/api/v1/instances/${island.id}/start`);
    const line = await chatLine('Alice (Ally): hello from the beach');
    expect(line.level).toBe('INFO');
    const page = await h.api<{ items: unknown[] }>('GET', `/api/v1/instances/${island.id}/logs?limit=500`);
    const stored = page.body.items.map((i) => LogEntry.parse(i)).filter((e) => e.source === 'chat');
    expect(stored.map((e) => e.message)).toContain('Alice (Ally): hello from the beach');
  });

  it('says a message as SERVER: ServerChat over RCON, and the line comes back as chat', async () => {
    const res = await say(island.id, '  Welcome, survivors!  ');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    await chatLine('SERVER: Welcome, survivors!');
    const commands = sim.journal(island.installPath!).map((e) => e.command);
    expect(commands).toContain('ServerChat Welcome, survivors!');
    expect(commands).toContain('GetChat');
  });

  it('refuses an empty, too long or multi-line message with 400 naming message', async () => {
    for (const bad of ['', '   ', 'x'.repeat(301), 'two\nlines', 'bell\u0007', 42]) {
      const res = await say(island.id, bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(JSON.stringify(res.body)).toMatch(/"message"/);
    }
    expect(sim.journal(island.installPath!).filter((e) => e.command?.startsWith('ServerChat'))).toHaveLength(1);
  });

  it('relays the chat to a Discord target that chose the chat event', async () => {
    const post = await discord.waitFor(
      (p) => p.body.embeds?.some((e) => e.description?.includes('SERVER: Welcome, survivors!')) ?? false,
      20_000,
    );
    const descriptions = discord.delivered().flatMap((p) => p.body.embeds?.map((e) => e.description) ?? []);
    // Markdown escaped, so a line shows in Discord as it was typed in game.
    expect(descriptions).toContain('Alice \\(Ally\\): hello from the beach');
    expect(post.body.embeds?.[0]?.title).toBe('Chat · Chatty Island');
    expect(post.body.allowed_mentions).toEqual({ parse: [] });
  });
});

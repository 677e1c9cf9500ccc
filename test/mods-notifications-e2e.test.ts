import { Instance, SECRET_MASK, type Job } from '@ark-asa/contracts';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InstanceMods, ModUpdateCheck } from '@ark-asa/contracts';
import { NotificationTarget } from '@ark-asa/contracts';
import { FakeCurseForge, SAMPLE_MODS } from './helpers/fake-curseforge.ts';
import { FakeDiscord } from './helpers/fake-discord.ts';
import { Harness, tempDir, type ApiResponse } from './helpers/harness.ts';
import { SimEnv } from './helpers/sim-env.ts';
import type { TestWsClient } from './helpers/ws-client.ts';

/**
 * Issue 5 and 6 end to end against the simulators: CurseForge names and mod updates of a running
 * server, Discord notifications for a crash and the automatic restart, "send test", and secrets
 * (the API key, the webhook token) never in a response, an event or a log line.
 *
 * CurseForge and Discord are local fakes the control plane is pointed at.
 */
const CF_KEY = '$2a$10$e2eCurseForgeKeyNeverShown';
const WEBHOOK = 'https://discord.com/api/webhooks/123456789012345678/e2e-webhook-token_NEVER_SHOWN';
const [DEPOT, SPYGLASS] = SAMPLE_MODS.map((m) => String(m.id)) as [string, string];
const UNKNOWN_MOD = '404404';

let h: Harness;
let sim: SimEnv;
let ws: TestWsClient;
let discord: FakeDiscord;
let cf: FakeCurseForge;
let side: Side;
let island: Instance;
let targetId: string;
const dataDir = tempDir();
const responses: unknown[] = [];
const managerLog: string[] = [];

type Side = ReturnType<typeof attach>;

/** The plane's own API, recording every answer so the last test can look for leaked secrets. */
function attach(plane: Harness) {
  return {
    api: async <T>(method: string, route: string, body?: unknown): Promise<ApiResponse<T>> => {
      const res = await plane.api<T>(method, route, body);
      responses.push(JSON.stringify(res.body));
      return res;
    },
  };
}

const accept = async (method: string, route: string, body?: unknown): Promise<Job> => {
  const res = await h.api<{ job: Job }>(method, route, body);
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return res.body.job;
};
/** Waits for the job to end and fails with its error when it failed. */
const completed = async (jobId: string) => {
  const failed = ws
    .waitFor('job:failed', (d) => d.jobId === jobId, 60_000)
    .then((d) => {
      throw new Error(`job failed: ${d.error.message}`);
    });
  return Promise.race([ws.waitFor('job:completed', (d) => d.jobId === jobId, 60_000), failed]);
};
const modsOf = async (refresh = false) => {
  const res = refresh
    ? await side.api('POST', `/api/v1/instances/${island.id}/mods/refresh`)
    : await side.api('GET', `/api/v1/instances/${island.id}/mods`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return InstanceMods.parse(res.body);
};
const titled = (title: string) => (p: { body: { embeds?: { title: string }[] } }) =>
  p.body.embeds?.some((e) => e.title === title) ?? false;

beforeAll(async () => {
  [sim, discord] = await Promise.all([SimEnv.create(), FakeDiscord.start()]);
  cf = await FakeCurseForge.start(CF_KEY);
  const logger = pino({ level: 'debug' }, { write: (line: string) => void managerLog.push(line) });
  h = await Harness.start({ dataDir, logger, curseforgeBaseUrl: cf.url, discordOrigin: discord.url });
  ws = await h.ws();
  await h.api('PATCH', '/api/v1/settings', { steamcmdPath: sim.steamcmdPath });
  side = attach(h);
  await completed((await accept('POST', '/api/v1/builds/install', {})).id);
  const created = await h.api('POST', '/api/v1/instances', {
    name: 'Island',
    settings: {
      map: 'TheIsland_WP',
      sessionName: 'Island PvE',
      gamePort: 7831,
      rconPort: 27831,
      mods: [DEPOT, SPYGLASS],
      passiveMods: [UNKNOWN_MOD],
    },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  island = Instance.parse(created.body);
  await sim.server(island.installPath!, { startupSeconds: 1 });
});

afterAll(async () => {
  // Stop the server with the plane (a left-over would hold its ports for the next run).
  await h?.plane.stop({ stopServers: true });
  await h?.stop();
  await Promise.all([discord?.close(), cf?.close()]);
});

describe('mods and notifications end to end', () => {
  it('without a CurseForge key, lists the mod ids with a hint to add one', async () => {
    const view = await modsOf();
    expect(view.mods.map((m) => [m.modId, m.name])).toEqual([
      [DEPOT, null],
      [SPYGLASS, null],
    ]);
    expect(view.passiveMods.map((m) => m.modId)).toEqual([UNKNOWN_MOD]);
    expect(view.apiKeyConfigured).toBe(false);
    expect(view.notice).toEqual({
      code: 'no-api-key',
      message: expect.stringMatching(/add a CurseForge API key in the settings to see mod names/i),
    });
    expect(cf.requests).toEqual([]);
  });

  it('stores the key after validating it, and only ever shows it masked', async () => {
    const spaced = await side.api<{ error: { code: string; details: { fields: { field: string }[] } } }>(
      'PUT',
      '/api/v1/mods/curseforge-key',
      { apiKey: 'two words' },
    );
    expect(spaced.status).toBe(400);
    expect(spaced.body.error.details.fields.map((f) => f.field)).toEqual(['apiKey']);
    expect((await side.api('PUT', '/api/v1/mods/curseforge-key', { apiKey: '' })).status).toBe(400);
    const put = await side.api('PUT', '/api/v1/mods/curseforge-key', { apiKey: CF_KEY });
    expect(put).toMatchObject({ status: 200, body: { apiKey: SECRET_MASK, configured: true } });
    expect((await side.api('GET', '/api/v1/mods/curseforge-key')).body).toMatchObject({
      apiKey: SECRET_MASK,
      configured: true,
    });
  });

  it('with the key, shows the names CurseForge gives and the ids it does not know', async () => {
    const view = await modsOf();
    expect(view.mods.map((m) => [m.name, m.installed, m.updateAvailable])).toEqual([
      ['Dino Depot', false, false],
      ['Awesome Spyglass!', false, false],
    ]);
    expect(view.passiveMods[0]).toMatchObject({ modId: UNKNOWN_MOD, unknown: true });
    expect(view.notice).toBeNull();
    expect(cf.requests.at(-1)).toMatchObject({ method: 'POST', path: '/v1/mods', apiKey: CF_KEY });
  });

  it('adds a Discord webhook (refusing other URLs), returns it masked, and "send test" reaches Discord', async () => {
    const bad = await side.api('POST', '/api/v1/notifications/targets', {
      name: 'x',
      webhookUrl: 'https://example.com/hook',
      events: ['server-crashed'],
    });
    expect(bad.status).toBe(400);
    const created = await side.api('POST', '/api/v1/notifications/targets', {
      name: 'Ops',
      webhookUrl: WEBHOOK,
      events: ['server-crashed', 'server-started'],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const target = NotificationTarget.parse(created.body);
    expect(target).toMatchObject({
      webhookUrl: `https://discord.com/api/webhooks/${SECRET_MASK}`,
      instanceIds: null,
      enabled: true,
    });
    targetId = target.id;
    const test = await side.api('POST', `/api/v1/notifications/targets/${targetId}/test`);
    expect(test).toMatchObject({ status: 200, body: { delivered: true, status: 204 } });
    const post = await discord.waitFor(titled('Test notification'));
    expect(post.path).toBe('/api/webhooks/123456789012345678/e2e-webhook-token_NEVER_SHOWN');
  });

  it('tells Discord the server started, crashed, and started again after the automatic restart', async () => {
    await completed((await accept('POST', `/api/v1/instances/${island.id}/start`)).id);
    await discord.waitFor(titled('Server started · Island'));
    // Discord rate-limits the first try of the crash message: it comes through on the retry.
    discord.reply({ status: 429, retryAfterSec: 0.2 });
    await sim.server(island.installPath!, { crashNow: true });
    const crash = await discord.waitFor(titled('Server crashed · Island'), 30_000);
    expect(discord.posts.filter(titled('Server crashed · Island')).map((p) => p.status)).toEqual([429, 204]);
    expect(crash.body.embeds?.[0]?.description).toMatch(/exited unexpectedly/);
    await discord.waitFor(() => discord.titles().filter((t) => t === 'Server started · Island').length === 2, 30_000);
    expect(discord.titles()).toEqual([
      'Test notification',
      'Server started · Island',
      'Server crashed · Island',
      'Server started · Island',
    ]);
  });

  it('sees the files the server installed, marks a new CurseForge file as an update and announces it once', async () => {
    const before = await modsOf(true);
    expect(before.mods.every((m) => m.installed && m.installedFileId)).toBe(true);
    // CurseForge's current files are the ones the server has: nothing to update.
    for (const m of before.mods) cf.newFile(Number(m.modId), Number(m.installedFileId), `${m.modId}-current.zip`);
    expect((await modsOf(true)).updatesAvailable).toBe(0);
    const patched = await side.api('PATCH', `/api/v1/notifications/targets/${targetId}`, {
      webhookUrl: `https://discord.com/api/webhooks/${SECRET_MASK}`,
      events: ['server-crashed', 'server-started', 'mod-update-available'],
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);

    const installedId = Number(before.mods[0]!.installedFileId);
    cf.newFile(Number(DEPOT), installedId + 1, 'DinoDepot-1.5.zip');
    const check = ModUpdateCheck.parse((await side.api('POST', '/api/v1/mods/check')).body);
    expect(check.updates).toEqual([
      expect.objectContaining({ instanceId: island.id, modId: DEPOT, name: 'Dino Depot', newlyNoticed: true }),
    ]);
    const post = await discord.waitFor(titled('Mod update available · Island'));
    expect(post.body.embeds?.[0]?.description).toMatch(/Dino Depot.*restart it with a countdown/);
    expect(ModUpdateCheck.parse((await side.api('POST', '/api/v1/mods/check')).body).updates[0]?.newlyNoticed).toBe(
      false,
    );

    const view = await modsOf();
    expect(view.mods[0]).toMatchObject({
      updateAvailable: true,
      latestFileId: String(installedId + 1),
      latestFileName: 'DinoDepot-1.5.zip',
    });
    expect(view).toMatchObject({ updatesAvailable: 1, restartSuggested: true, instanceStatus: 'RUNNING' });
    const logs = await h.api<{ items: { source: string; message: string }[] }>(
      'GET',
      `/api/v1/instances/${island.id}/logs?limit=500`,
    );
    expect(logs.body.items.some((l) => l.source === 'manager' && /Dino Depot.*has an update/.test(l.message))).toBe(
      true,
    );
    for (let i = 0; i < 200 && !discord.titles().some((t) => t.startsWith('Mod update')); i += 1)
      await new Promise((r) => setTimeout(r, 50));
    expect(discord.titles().filter((t) => t.startsWith('Mod update'))).toHaveLength(1);
  });

  it('never lets the API key or the webhook token out', async () => {
    const list = await side.api('GET', '/api/v1/notifications/targets');
    expect(JSON.stringify(list.body)).toContain(SECRET_MASK);
    const logs = await h.api('GET', `/api/v1/instances/${island.id}/logs?limit=500`);
    const everything = JSON.stringify([responses, ws.events, logs.body, discord.posts.map((p) => p.body), managerLog]);
    for (const secret of [CF_KEY, 'e2e-webhook-token_NEVER_SHOWN']) expect(everything).not.toContain(secret);
  });
});

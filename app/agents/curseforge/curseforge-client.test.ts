import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../test/helpers/fake-clock.ts';
import { FakeCurseForge } from '../../../test/helpers/fake-curseforge.ts';
import { CurseForgeClient, CurseForgeError } from './curseforge-client.ts';

const KEY = '$2a$10$fakeCurseForgeKeyForTests';
let cf: FakeCurseForge;
let clock: FakeClock;
let apiKey: string | null;
let client: CurseForgeClient;

beforeAll(async () => {
  cf = await FakeCurseForge.start(KEY);
});
afterAll(() => cf.close());
beforeEach(() => {
  cf.requests.length = 0;
  clock = new FakeClock('2025-03-01T12:00:00.000Z');
  apiKey = KEY;
  client = new CurseForgeClient({ clock, baseUrl: cf.url, apiKey: () => apiKey });
});

async function failure(p: Promise<unknown>): Promise<CurseForgeError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CurseForgeError);
  return err as CurseForgeError;
}

describe('CurseForge client', () => {
  it('asks for mods by id with the key and reports the ids it does not know', async () => {
    const { mods, unknown } = await client.getMods(['928597', '939228', '111']);
    expect(mods.map((m) => [m.id, m.name, m.mainFileId])).toEqual([
      [928597, 'Dino Depot', 6040989],
      [939228, 'Awesome Spyglass!', 6040001],
    ]);
    expect(unknown).toEqual(['111']);
    expect(cf.requests).toEqual([{ method: 'POST', path: '/v1/mods', apiKey: KEY, modIds: [928597, 939228, 111] }]);
  });

  it('takes a mod of another game for unknown', async () => {
    cf.setMod({ id: 555, name: 'Minecraft thing', fileId: 1, gameId: 432 });
    expect(await client.getMods(['555'])).toEqual({ mods: [], unknown: ['555'] });
  });

  it('asks in batches of 50', async () => {
    const ids = Array.from({ length: 120 }, (_, i) => String(1000 + i));
    const { unknown } = await client.getMods(ids);
    expect(unknown).toHaveLength(120);
    expect(cf.requests.map((r) => r.modIds?.length)).toEqual([50, 50, 20]);
  });

  it('says clearly when the key is missing or refused, without the key', async () => {
    apiKey = null;
    expect((await failure(client.getMods(['1']))).code).toBe('no-api-key');
    expect(cf.requests).toEqual([]);
    apiKey = 'wrong-key';
    const refused = await failure(client.getMods(['928597']));
    expect(refused).toMatchObject({ code: 'api-key-refused', status: 403 });
    expect(refused.message).toMatch(/CurseForge refused the API key/);
    expect(refused.message).not.toContain('wrong-key');
  });

  it('reports CurseForge failures and unreachability as unavailable', async () => {
    cf.failNext(500);
    expect(await failure(client.getMods(['1']))).toMatchObject({ code: 'curseforge-unavailable', status: 500 });
    cf.failNext(429);
    expect(await failure(client.getMods(['1']))).toMatchObject({ code: 'curseforge-unavailable', status: 429 });
    const offline = new CurseForgeClient({ clock, baseUrl: 'http://127.0.0.1:9', apiKey: () => KEY });
    expect((await failure(offline.getMods(['1']))).message).toMatch(/could not be reached/);
  });

  it('takes a 404 for "none of these exist"', async () => {
    cf.failNext(404);
    expect(await client.getMods(['1', '2'])).toEqual({ mods: [], unknown: ['1', '2'] });
  });

  it('stays under its request rate, waiting on the clock', async () => {
    const slow = new CurseForgeClient({ clock, baseUrl: cf.url, apiKey: () => KEY, requestsPerMinute: 20 });
    for (let i = 0; i < 2; i++) await slow.getMods(['928597']);
    let done = false;
    const third = slow.getMods(['928597']).then(() => (done = true));
    while (!clock.pending().length) await new Promise((resolve) => setTimeout(resolve, 2));
    expect(clock.pending().map((p) => p.ms)).toEqual([3000]);
    expect(done).toBe(false);
    await clock.advance(3000);
    await third;
    expect(cf.requests).toHaveLength(3);
  });
});

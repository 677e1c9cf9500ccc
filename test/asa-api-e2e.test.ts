import fs from 'node:fs';
import path from 'node:path';
import { AsaApiState, Instance, type Job, type LogEntry } from '@ark-asa/contracts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { placeSimExecutable } from '../sim/shared/sim-executable.ts';
import { Harness, tempDir } from './helpers/harness.ts';
import { SimEnv } from './helpers/sim-env.ts';
import type { TestWsClient } from './helpers/ws-client.ts';

/**
 * Issue 14 item 5 end to end: a server started through AsaApi's loader (the stand-in in
 * sim/asa-api-loader, which starts the server simulator as its child like the real loader), its
 * AsaApi log joining the server log, plugin configs and enable/disable over REST, and a clear
 * refusal, not a crash loop, when AsaApi is enabled but the loader is missing.
 */
let h: Harness;
let ws: TestWsClient;
let sim: SimEnv;
let inst: Instance;
const dataDir = tempDir();

type Outcome = { ok: true } | { ok: false; code: string; message: string };
const outcome = async (res: { status: number; body: unknown }): Promise<Outcome> => {
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  const { job } = res.body as { job: Job };
  return Promise.race([
    ws.waitFor('job:completed', (d) => d.jobId === job.id, 60_000).then(() => ({ ok: true }) as const),
    ws.waitFor('job:failed', (d) => d.jobId === job.id, 60_000).then((d) => ({ ok: false, ...d.error }) as const),
  ]);
};
const base = () => `/api/v1/instances/${inst.id}`;
const win64 = () => path.join(inst.installPath!, 'ShooterGame', 'Binaries', 'Win64');
const logs = async () => (await h.api<{ items: LogEntry[] }>('GET', `${base()}/logs?limit=500`)).body.items;
const instance = async () => Instance.parse((await h.api('GET', base())).body);

describe('AsaApi: start through the loader, plugins, log', () => {
  beforeAll(async () => {
    sim = await SimEnv.create();
    h = await Harness.start({ dataDir });
    ws = await h.ws();
    await h.api('PATCH', '/api/v1/settings', { steamcmdPath: sim.steamcmdPath });
    expect(await outcome(await h.api('POST', '/api/v1/builds/install', {}))).toEqual({ ok: true });
    const res = await h.api('POST', '/api/v1/instances', {
      name: 'With AsaApi',
      settings: { map: 'TheIsland_WP', sessionName: 'With AsaApi', gamePort: 8211, rconPort: 28211 },
    });
    inst = Instance.parse(res.body);
    await sim.server(inst.installPath!, {});
    const plugin = path.join(win64(), 'ArkApi', 'Plugins', 'ArkShop');
    fs.mkdirSync(plugin, { recursive: true });
    fs.writeFileSync(path.join(plugin, 'ArkShop.dll'), 'stand-in');
    fs.writeFileSync(path.join(plugin, 'config.json'), '{"General":{"Discord":false}}');
  }, 180_000);

  afterAll(async () => {
    if (inst) await h.api('POST', `${base()}/stop`, {});
    await h?.stop();
  });

  it('refuses to start with AsaApi enabled and no loader, with the fix named, and no crash loop', async () => {
    const patch = await h.api('PATCH', base(), { settings: { asaApi: { enabled: true } } });
    expect(patch.status, JSON.stringify(patch.body)).toBe(200);
    const result = await outcome(await h.api('POST', `${base()}/start`));
    expect(result).toMatchObject({ ok: false, code: 'start-failed' });
    expect((result as { message: string }).message).toMatch(/AsaApiLoader\.exe is not in .*install AsaApi/);
    expect((await instance()).status).toBe('STOPPED');
  });

  it('rejects a bad asaApi setting naming the field', async () => {
    const res = await h.api<{ error: { details: { field: string }[] } }>('PATCH', base(), {
      settings: { asaApi: { enabled: 'yes' } },
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('asaApi');
  });

  it('lists the plugins and reports the loader state', async () => {
    let state = AsaApiState.parse((await h.api('GET', `${base()}/asaapi`)).body);
    expect(state).toMatchObject({ enabled: true, installed: false });
    await placeSimExecutable(path.join(win64(), 'AsaApiLoader.exe'));
    state = AsaApiState.parse((await h.api('GET', `${base()}/asaapi`)).body);
    expect(state.installed).toBe(true);
    expect(state.plugins).toEqual([{ name: 'ArkShop', enabled: true, hasConfig: true, hasDll: true }]);
  }, 120_000);

  it('round-trips a plugin config, refuses bad JSON naming config, and refuses unsafe names', async () => {
    const url = `${base()}/asaapi/plugins/ArkShop/config`;
    expect((await h.api('GET', url)).body).toEqual({ config: '{"General":{"Discord":false}}' });
    const text = '{\n  "General": { "Discord": true }\n}\n';
    expect((await h.api('PUT', url, { config: text })).status).toBe(200);
    expect((await h.api('GET', url)).body).toEqual({ config: text });
    const bad = await h.api('PUT', url, { config: '{"General":' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('"config"');
    expect((await h.api('GET', `${base()}/asaapi/plugins/..%2F..%2Fx/config`)).status).toBe(400);
    expect((await h.api('GET', `${base()}/asaapi/plugins/Nope/config`)).status).toBe(404);
  });

  it('disables and enables a plugin by moving its folder', async () => {
    const url = `${base()}/asaapi/plugins/ArkShop/enabled`;
    const off = AsaApiState.parse((await h.api('PUT', url, { enabled: false })).body);
    expect(off.plugins[0]).toMatchObject({ name: 'ArkShop', enabled: false });
    expect(fs.existsSync(path.join(win64(), 'ArkApi', 'Plugins.disabled', 'ArkShop', 'config.json'))).toBe(true);
    const on = AsaApiState.parse((await h.api('PUT', url, { enabled: true })).body);
    expect(on.plugins[0]).toMatchObject({ name: 'ArkShop', enabled: true });
  });

  it('starts through the loader, supervises the real server, and joins the AsaApi log', async () => {
    expect(await outcome(await h.api('POST', `${base()}/start`))).toEqual({ ok: true });
    const running = await instance();
    expect(running.status).toBe('RUNNING');
    const entries = await logs();
    expect(entries.some((e) => e.source === 'manager' && e.message.startsWith('Command line: AsaApiLoader.exe'))).toBe(
      true,
    );
    // The process supervised is the server the loader started, not the loader.
    const started = sim.journal(inst.installPath!).find((e) => e.event === 'started');
    expect(started?.pid).toBe(running.runtime?.pid);
    await vi.waitFor(
      async () => {
        const api = (await logs()).filter((e) => e.source === 'asaapi');
        expect(api.map((e) => e.message)).toContain('[API] [info] Loaded plugin ArkShop V1.0 (No description)');
      },
      { timeout: 15_000, interval: 200 },
    );
    const busy = await h.api('PUT', `${base()}/asaapi/plugins/ArkShop/config`, { config: '{}' });
    expect(busy.status).toBe(409);
  }, 120_000);

  it('stops the server cleanly', async () => {
    expect(await outcome(await h.api('POST', `${base()}/stop`, {}))).toEqual({ ok: true });
    expect((await instance()).status).toBe('STOPPED');
  }, 60_000);
});

import { FirewallState, Instance, VisibilityReport, type Job } from '@ark-asa/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeFirewall } from '../app/agents/firewall/fake-firewall.ts';
import { fastClock } from '../app/domain/clock.ts';
import {
  listedServer,
  startServerListStandIn,
  type ServerListStandIn,
} from '../sim/server-list/server-list-standin.ts';
import { Harness, tempDir } from './helpers/harness.ts';
import { SimEnv } from './helpers/sim-env.ts';
import type { TestWsClient } from './helpers/ws-client.ts';

/**
 * Firewall rules and the visibility check over REST, against simulated servers, a fake firewall
 * (Windows' cannot run here; windows-firewall.win.test.ts runs it in the Windows CI job) and a
 * local stand-in of the public server list. Ports 8191–8199 / 28191–28199 belong to this file.
 */
let h: Harness;
let sim: SimEnv;
let ws: TestWsClient;
let list: ServerListStandIn;
const firewall = new FakeFirewall({ elevated: true });
let home: Instance;
let quiet: Instance;
let listVersion = 0;

type ErrorBody = { error: { code: string; details?: { fields: { field: string }[] } } };

const runJob = async (route: string) => {
  const res = await h.api<{ job: Job }>('POST', route, {});
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  const id = res.body.job.id;
  return Promise.race([
    ws.waitFor('job:completed', (d) => d.jobId === id, 60_000),
    ws.waitFor('job:failed', (d) => d.jobId === id, 60_000).then((d) => Promise.reject(new Error(d.error.message))),
  ]);
};
const create = async (name: string, gamePort: number, rconPort: number) => {
  const res = await h.api('POST', '/api/v1/instances', { name, settings: { sessionName: name, gamePort, rconPort } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return Instance.parse(res.body);
};
/** A new list address each time: the manager reuses a downloaded list for a minute. */
const serveList = async (servers: ReturnType<typeof listedServer>[]) => {
  list.set(servers);
  listVersion += 1;
  const res = await h.api('PATCH', '/api/v1/settings', { serverListUrl: `${list.url}?v=${listVersion}` });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
};
const check = async (id: string) => {
  const res = await h.api('POST', `/api/v1/instances/${id}/visibility-check`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const report = VisibilityReport.parse(res.body);
  return { report, by: Object.fromEntries(report.checks.map((c) => [c.id, c])) };
};
const until = async (what: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
};

beforeAll(async () => {
  list = await startServerListStandIn();
  sim = await SimEnv.create({ buildId: '100' });
  h = await Harness.start({ dataDir: tempDir(), clock: fastClock(600), firewall });
  ws = await h.ws();
  await h.api('PATCH', '/api/v1/settings', { steamcmdPath: sim.steamcmdPath });
  await runJob('/api/v1/builds/install');
  home = await create('Visibility Home', 8191, 28191);
  quiet = await create('Visibility Quiet', 8192, 28192);
  await sim.server(home.installPath!, { startupSeconds: 0.5, listenGamePort: true });
  await sim.server(quiet.installPath!, { startupSeconds: 0.5, listenGamePort: false });
}, 120_000);
afterAll(async () => {
  await h.stop({ stopServers: true });
  await list.close();
});

describe('firewall rules over REST', () => {
  it('shows the game port closed, then opens only the game port (UDP) when asked', async () => {
    const before = FirewallState.parse((await h.api('GET', `/api/v1/instances/${home.id}/firewall`)).body);
    expect(before).toMatchObject({ backend: 'fake', status: 'closed' });
    expect(before.rules).toEqual([
      expect.objectContaining({ purpose: 'game', protocol: 'UDP', port: 8191, present: false }),
    ]);
    const res = await h.api('POST', `/api/v1/instances/${home.id}/firewall`, {});
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const after = FirewallState.parse(res.body);
    expect(after.status).toBe('open');
    expect(after.rules.map((r) => [r.purpose, r.port, r.enabled])).toEqual([['game', 8191, true]]);
    expect(firewall.calls.at(-1)).toMatchObject({ op: 'apply', rules: [{ protocol: 'UDP', port: 8191 }] });
  });

  it('opens RCON (TCP) only when explicitly requested', async () => {
    const res = await h.api('POST', `/api/v1/instances/${home.id}/firewall`, { openRcon: true });
    expect(FirewallState.parse(res.body).rules.map((r) => [r.purpose, r.protocol, r.port])).toEqual([
      ['game', 'UDP', 8191],
      ['rcon', 'TCP', 28191],
    ]);
    await h.api('POST', `/api/v1/instances/${home.id}/firewall`, { openRcon: false });
    expect([...firewall.rules.values()].map((r) => r.port)).toEqual([8191]);
  });

  it('without administrator rights: needs-admin with the command, then an elevated run with consent', async () => {
    firewall.elevated = false;
    try {
      const denied = FirewallState.parse((await h.api('POST', `/api/v1/instances/${quiet.id}/firewall`, {})).body);
      expect(denied).toMatchObject({ status: 'needs-admin', command: 'fake-firewall allow UDP 8192' });
      const agreed = FirewallState.parse(
        (await h.api('POST', `/api/v1/instances/${quiet.id}/firewall`, { elevate: true })).body,
      );
      expect(agreed.rules[0]).toMatchObject({ present: true, enabled: true });
      expect(firewall.calls.at(-1)).toMatchObject({ op: 'apply', instanceId: quiet.id, elevate: true });
    } finally {
      firewall.elevated = true;
    }
  });

  it('refuses a bad body with 400 naming the field, and an unknown instance with 404', async () => {
    const bad = await h.api<ErrorBody>('POST', `/api/v1/instances/${home.id}/firewall`, { openRcon: 'yes' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details?.fields.map((f) => f.field)).toContain('openRcon');
    const extra = await h.api<ErrorBody>('POST', `/api/v1/instances/${home.id}/firewall`, { openGame: true });
    expect(extra.status).toBe(400);
    const badUrl = await h.api<ErrorBody>('PATCH', '/api/v1/settings', { serverListUrl: 'ftp://x' });
    expect(badUrl.status).toBe(400);
    expect(badUrl.body.error.details?.fields.map((f) => f.field)).toContain('serverListUrl');
    const missing = await h.api('POST', '/api/v1/instances/00000000-0000-4000-8000-000000000000/visibility-check');
    expect(missing.status).toBe(404);
  });

  it('moves the rules when the game port changes', async () => {
    const res = await h.api('PATCH', `/api/v1/instances/${quiet.id}`, { settings: { gamePort: 8193 } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    await until(() => [...firewall.rules.values()].some((r) => r.port === 8193));
    expect([...firewall.rules.values()].some((r) => r.port === 8192)).toBe(false);
  });
});

describe('is my server visible?', () => {
  it('a stopped server: the process check fails with "start it"', async () => {
    await serveList([]);
    const { report, by } = await check(home.id);
    expect(report.visible).toBe(false);
    expect(by['process']).toMatchObject({ status: 'fail', fix: 'Start it, then check again.' });
    expect(report.listUrl).toContain(list.url);
  });

  it('running and listening but not in the list: router port forwarding', async () => {
    await runJob(`/api/v1/instances/${home.id}/start`);
    const { report, by } = await check(home.id);
    expect(by['process']?.status).toBe('pass');
    expect(by['listening']).toMatchObject({ status: 'pass', message: /UDP 8191/ });
    expect(by['firewall']?.status).toBe('pass');
    expect(by['server-list']).toMatchObject({ status: 'fail', fix: /Forward UDP 8191 on your router/ });
    expect(report.visible).toBe(false);
  });

  it('listed by name and port: visible, with what the list says', async () => {
    await serveList([listedServer('Someone Else', 8191), listedServer('Visibility Home', 8191, { NumPlayers: 2 })]);
    const { report, by } = await check(home.id);
    expect(by['server-list']).toMatchObject({ status: 'pass', message: /203\.0\.113\.10:8191/ });
    expect(report.listEntry).toMatchObject({ name: 'Visibility Home', port: 8191, players: 2, ip: '203.0.113.10' });
    expect(report.visible).toBe(true);
  });

  it('listed under another port: says so', async () => {
    await serveList([listedServer('Visibility Home', 7777)]);
    const { report, by } = await check(home.id);
    expect(by['server-list']).toMatchObject({ status: 'fail', message: /port 7777, not on the game port 8191/ });
    expect(report.sameNameEntries.map((e) => e.port)).toEqual([7777]);
  });

  it('a firewall rule removed: the firewall check fails', async () => {
    await h.api('DELETE', `/api/v1/instances/${home.id}/firewall`);
    const { by } = await check(home.id);
    expect(by['firewall']).toMatchObject({ status: 'fail', fix: /Open the game port/ });
  });

  it('a running server that does not listen on its game port', async () => {
    await runJob(`/api/v1/instances/${quiet.id}/start`);
    const { by } = await check(quiet.id);
    expect(by['process']?.status).toBe('pass');
    expect(by['listening']).toMatchObject({ status: 'fail', message: /does not listen on UDP 8193/ });
  });

  it('an unreadable list is a warning, not a verdict', async () => {
    list.fail(503);
    try {
      await serveList([]);
      const { by } = await check(home.id);
      expect(by['server-list']).toMatchObject({ status: 'warn', message: /HTTP 503/ });
    } finally {
      list.fail(null);
    }
  });

  it('deleting an instance removes its rules', async () => {
    await runJob(`/api/v1/instances/${quiet.id}/stop`);
    expect((await h.api('DELETE', `/api/v1/instances/${quiet.id}`)).status).toBe(204);
    await until(() => firewall.calls.some((c) => c.op === 'remove' && c.instanceId === quiet.id));
    expect([...firewall.rules.values()].some((r) => r.name.includes(quiet.id))).toBe(false);
  });
});

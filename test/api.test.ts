import { Instance, Job, ManagerSettings, type ErrorEnvelope } from '@ark-asa/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness } from './helpers/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await Harness.start({ heartbeatIntervalSec: 1 });
});
afterAll(async () => h.stop());

const fields = (body: unknown) =>
  (body as ErrorEnvelope).error.details as { fields: { field: string; message: string }[] };

describe('REST API v1', () => {
  it('answers health with version and protocol version', async () => {
    const res = await h.api('GET', '/api/v1/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', protocolVersion: 'V1', version: expect.any(String) });
    expect(res.body).toMatchObject({ disk: { dataRootFreeBytes: expect.any(Number), low: expect.any(Boolean) } });
  });

  it('serves an OpenAPI 3.1 document generated from the contracts, and a docs page that needs no internet', async () => {
    const doc = await h.api<{
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: object };
    }>('GET', '/api/v1/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/health',
        '/api/v1/instances/{id}',
        '/api/v1/jobs/{id}/cancel',
        '/api/v1/settings',
      ]),
    );
    expect(doc.body.components.schemas).toHaveProperty('Instance');
    expect(doc.body.components.schemas).toHaveProperty('ErrorEnvelope');
    // A body that may be left out (read as {}) is not marked required; one with required fields is.
    const requestBody = (p: string, m: string) =>
      (doc.body.paths[p]![m] as { requestBody: { required: boolean } }).requestBody.required;
    expect(requestBody('/api/v1/builds/check', 'post')).toBe(false);
    expect(requestBody('/api/v1/instances', 'post')).toBe(true);
    const page = await h.api<string>('GET', '/api/v1/docs/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('swagger-ui');
    expect(page.body).not.toMatch(/https?:\/\/(cdn|unpkg|cdnjs)/);
  });

  it('lists the local agent with metrics after its first heartbeat', async () => {
    const ws = await h.ws();
    await ws.waitFor('agent:heartbeat');
    const res = await h.api<{ items: { id: string; status: string; metrics: unknown }[] }>('GET', '/api/v1/agents');
    expect(res.body.items).toHaveLength(1);
    const [agent] = res.body.items;
    expect(agent).toMatchObject({
      status: 'ONLINE',
      metrics: { cpuCount: expect.any(Number), diskFreeBytes: expect.any(Number) },
    });
    expect((await h.api('GET', `/api/v1/agents/${agent!.id}`)).status).toBe(200);
    expect((await h.api('GET', `/api/v1/agents/${crypto.randomUUID()}`)).status).toBe(404);
  });

  it('reads and changes settings, masks the token and names bad fields', async () => {
    const before = ManagerSettings.parse((await h.api('GET', '/api/v1/settings')).body);
    expect(before.dataRoot).toBe(h.dataDir);
    const patched = await h.api('PATCH', '/api/v1/settings', {
      steamcmdPath: '/opt/steamcmd/steamcmd.sh',
      accessToken: 'a-long-enough-secret-token',
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ steamcmdPath: '/opt/steamcmd/steamcmd.sh', accessToken: '********' });
    const bad = await h.api('PATCH', '/api/v1/settings', { port: 70000, dataRoot: 'relative/dir', bogus: 1 });
    expect(bad.status).toBe(400);
    expect(
      fields(bad.body)
        .fields.map((f) => f.field)
        .sort(),
    ).toEqual(['bogus', 'dataRoot', 'port']);
    const exposedWithoutToken = await h.api('PATCH', '/api/v1/settings', { bindHost: '0.0.0.0', accessToken: null });
    expect(exposedWithoutToken.status).toBe(400);
    expect(fields(exposedWithoutToken.body).fields[0]?.field).toBe('accessToken');
  });

  it('creates, reads, lists, changes and deletes instances, with an event for each change', async () => {
    const ws = await h.ws();
    const created = await h.api('POST', '/api/v1/instances', {
      name: 'Island',
      settings: { map: 'TheIsland_WP', sessionName: 'My Island' },
    });
    expect(created.status).toBe(201);
    const inst = Instance.parse(created.body);
    expect(inst.status).toBe('NOT_INSTALLED');
    expect(inst.settings.adminPassword).toBe('********'); // generated, never shown
    expect(
      (await ws.waitFor('instance:created', (d) => d.instanceId === inst.id)).instance.settings.adminPassword,
    ).toBe('********');

    const renamed = await h.api('PATCH', `/api/v1/instances/${inst.id}`, {
      name: 'The Island',
      settings: { maxPlayers: 20, adminPassword: '********' },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({
      name: 'The Island',
      settings: { maxPlayers: 20, sessionName: 'My Island', adminPassword: '********' },
    });
    await ws.waitFor('instance:updated', (d) => d.instanceId === inst.id);

    const list = await h.api<{ items: Instance[] }>('GET', '/api/v1/instances');
    expect(list.body.items.map((i) => i.id)).toContain(inst.id);
    expect((await h.api('DELETE', `/api/v1/instances/${inst.id}`)).status).toBe(204);
    await ws.waitFor('instance:deleted', (d) => d.instanceId === inst.id);
    expect((await h.api('GET', `/api/v1/instances/${inst.id}`)).status).toBe(404);
  });

  it('masks password-like extra options in answers and events, and keeps the stored value when the mask comes back', async () => {
    const ws = await h.ws();
    const settings = {
      gamePort: 7901,
      rconPort: 27901,
      extraQueryArgs: ['SpectatorPassword=hunter2hunter2', 'AllowFlyerCarryPvE=True'],
      extraDashArgs: ['-MyModApiKey=abc123'],
    };
    const created = await h.api<Instance>('POST', '/api/v1/instances', { name: 'Masked', settings });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(created.body.settings.extraQueryArgs).toEqual(['SpectatorPassword=********', 'AllowFlyerCarryPvE=True']);
    expect(created.body.settings.extraDashArgs).toEqual(['-MyModApiKey=********']);
    expect(JSON.stringify((await ws.waitFor('instance:created', (d) => d.instanceId === id)).instance)).not.toContain(
      'hunter2',
    );
    expect(JSON.stringify((await h.api('GET', `/api/v1/instances/${id}`)).body)).not.toContain('hunter2');
    // The form sends back what it got, plus one new option.
    const extra = [...created.body.settings.extraQueryArgs, 'PreventSpawnAnimations=True'];
    const patched = await h.api<Instance>('PATCH', `/api/v1/instances/${id}`, { settings: { extraQueryArgs: extra } });
    expect(patched.status).toBe(200);
    expect(JSON.stringify((await ws.waitFor('instance:updated', (d) => d.instanceId === id)).instance)).not.toContain(
      'hunter2',
    );
    expect(h.plane.services.instances.record(id).settings.extraQueryArgs).toEqual([
      'SpectatorPassword=hunter2hunter2',
      'AllowFlyerCarryPvE=True',
      'PreventSpawnAnimations=True',
    ]);
    const orphan = await h.api('PATCH', `/api/v1/instances/${id}`, {
      settings: { extraQueryArgs: ['AdminLogPassword=********'] },
    });
    expect(orphan.status).toBe(400);
    expect((await h.api('DELETE', `/api/v1/instances/${id}`)).status).toBe(204);
  });

  it('deletes an instance once when ten DELETEs race: one 204 and one event, the others 404', async () => {
    const ws = await h.ws();
    const created = await h.api<Instance>('POST', '/api/v1/instances', {
      name: 'Racy',
      settings: { gamePort: 7911, rconPort: 27911 },
    });
    const id = created.body.id;
    const statuses = await Promise.all(
      Array.from({ length: 10 }, () => h.api('DELETE', `/api/v1/instances/${id}`).then((r) => r.status)),
    );
    expect(statuses.filter((s) => s === 204)).toHaveLength(1);
    expect(statuses.filter((s) => s === 404)).toHaveLength(9);
    await ws.waitFor('instance:deleted', (d) => d.instanceId === id);
    // A marker event published after the deletions: everything before it has arrived.
    await h
      .api('POST', '/api/v1/jobs', { type: 'DIAGNOSTICS' })
      .then((r) => ws.waitFor('job:created', (d) => d.jobId === (r.body as { job: Job }).job.id));
    expect(ws.of('instance:deleted').filter((d) => d.instanceId === id)).toHaveLength(1);
  });

  it('refuses ports already taken by another instance, naming the field', async () => {
    const first = await h.api<Instance>('POST', '/api/v1/instances', {
      name: 'A',
      settings: { gamePort: 7801, rconPort: 27801 },
    });
    expect(first.status).toBe(201);
    const clash = await h.api('POST', '/api/v1/instances', {
      name: 'B',
      settings: { gamePort: 27801, rconPort: 27802 },
    });
    expect(clash.status).toBe(400);
    expect(fields(clash.body).fields).toEqual([
      { field: 'settings.gamePort', message: 'Port 27801 is already used by the server "A"' },
    ]);
    const second = await h.api<Instance>('POST', '/api/v1/instances', {
      name: 'B',
      settings: { gamePort: 7802, rconPort: 27802 },
    });
    const moved = await h.api('PATCH', `/api/v1/instances/${second.body.id}`, { settings: { rconPort: 7801 } });
    expect(moved.status).toBe(400);
    expect(fields(moved.body).fields[0]?.field).toBe('settings.rconPort');
  });

  it('names every bad field of a create in one 400 and stores nothing', async () => {
    const before = (await h.api<{ items: unknown[] }>('GET', '/api/v1/instances')).body.items.length;
    const res = await h.api('POST', '/api/v1/instances', {
      name: '',
      settings: {
        map: 'The Island',
        sessionName: 'x?ServerAdminPassword=y',
        gamePort: 80,
        adminPassword: 'has space',
        extraDashArgs: ['-mods=1'],
        wat: true,
      },
    });
    expect(res.status).toBe(400);
    expect((res.body as ErrorEnvelope).error.code).toBe('validation-failed');
    expect(
      fields(res.body)
        .fields.map((f) => f.field)
        .sort(),
    ).toEqual(
      [
        'name',
        'settings.adminPassword',
        'settings.extraDashArgs.0',
        'settings.gamePort',
        'settings.map',
        'settings.sessionName',
        'settings.wat',
      ].sort(),
    );
    expect((await h.api<{ items: unknown[] }>('GET', '/api/v1/instances')).body.items.length).toBe(before);
  });

  it('answers bad JSON with 400, an oversized body with 413, unknown ids and routes with 404 — all as the error envelope', async () => {
    const badJson = await fetch(`${h.url}/api/v1/instances`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name":',
    });
    expect(badJson.status).toBe(400);
    expect(((await badJson.json()) as ErrorEnvelope).error.code).toBe('validation-failed');
    const huge = await h.api('POST', '/api/v1/instances', {
      name: 'x',
      settings: { sessionName: 'y'.repeat(400_000) },
    });
    expect(huge.status).toBe(413);
    expect((huge.body as ErrorEnvelope).error.code).toBe('payload-too-large');
    const badId = await h.api('GET', '/api/v1/instances/not-a-uuid');
    expect(badId.status).toBe(400);
    expect(fields(badId.body).fields[0]?.field).toBe('id');
    expect((await h.api('GET', `/api/v1/jobs/${crypto.randomUUID()}`)).status).toBe(404);
    const route = await h.api('GET', '/api/v1/nope');
    expect(route.status).toBe(404);
    expect((route.body as ErrorEnvelope).error.code).toBe('route-not-found');
    for (const r of [badJson, huge, route]) expect(JSON.stringify(r)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('runs DIAGNOSTICS as a job: 202, progress and the completed result on /ws, then the run over REST', async () => {
    const ws = await h.ws();
    const res = await h.api<{ job: Job }>('POST', '/api/v1/jobs', { type: 'DIAGNOSTICS' });
    expect(res.status).toBe(202);
    const { job } = res.body;
    await ws.waitFor('job:created', (d) => d.jobId === job.id);
    const done = await ws.waitFor('job:completed', (d) => d.jobId === job.id);
    const result = done.result as { checks: { name: string; ok: boolean }[] };
    expect(result.checks.map((c) => c.name)).toEqual(
      expect.arrayContaining(['disk-space', 'data-root-writable', 'steamcmd']),
    );
    expect(ws.of('job:progress').filter((p) => p.jobId === job.id).length).toBeGreaterThanOrEqual(1);
    const full = Job.parse((await h.api('GET', `/api/v1/jobs/${job.id}`)).body);
    expect(full.status).toBe('COMPLETED');
    expect(full.runs?.[0]).toMatchObject({ status: 'COMPLETED', percent: 100, result });
    const listed = await h.api<{ items: Job[] }>('GET', '/api/v1/jobs?type=DIAGNOSTICS&status=COMPLETED&limit=1');
    expect(listed.body.items[0]?.id).toBe(job.id);
    const cancelDone = await h.api('POST', `/api/v1/jobs/${job.id}/cancel`);
    expect(cancelDone.status).toBe(409);
  });

  it('pages the job list with a cursor', async () => {
    for (let i = 0; i < 3; i += 1) await h.api('POST', '/api/v1/jobs', { type: 'DIAGNOSTICS' });
    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const page: { body: { items: Job[]; nextCursor: string | null } } = await h.api(
        'GET',
        `/api/v1/jobs?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      for (const j of page.body.items) seen.add(j.id);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.size).toBeGreaterThanOrEqual(4);
  });

  it('publishes system:error when a heartbeat fails', async () => {
    const ws = await h.ws();
    // A data root below a file can never be created or measured, even by root.
    await h.api('PATCH', '/api/v1/settings', { dataRoot: `${h.dataDir}/manager.db/data-root` });
    const err = await ws.waitFor('system:error', (d) => d.code === 'heartbeat-failed');
    expect(err.message).toMatch(/host metrics/);
    await h.api('PATCH', '/api/v1/settings', { dataRoot: h.dataDir });
  });
});

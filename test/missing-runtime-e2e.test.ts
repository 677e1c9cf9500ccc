import { Instance, type Job } from '@ark-asa/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, tempDir } from './helpers/harness.ts';
import { SimEnv } from './helpers/sim-env.ts';
import type { TestWsClient } from './helpers/ws-client.ts';

/**
 * A server that Windows' loader refuses (no VC++ runtime) exits at once with 0xC0000135. Only
 * Windows keeps all 32 bits of an exit code (POSIX keeps 8), so this runs where the code is real:
 * the Windows CI job. Elsewhere app/agents/supervisor/missing-runtime.test.ts covers the same path
 * with a scripted process.
 */
describe.runIf(process.platform === 'win32')('a server that exits with 0xC0000135 (Windows)', () => {
  let h: Harness;
  let sim: SimEnv;
  let ws: TestWsClient;

  beforeAll(async () => {
    sim = await SimEnv.create();
    h = await Harness.start({ dataDir: tempDir() });
    ws = await h.ws();
    await h.api('PATCH', '/api/v1/settings', { steamcmdPath: sim.steamcmdPath, crashRestartMaxAttempts: 3 });
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
  });

  const accept = async (method: string, route: string, body?: unknown): Promise<Job> => {
    const res = await h.api<{ job: Job }>(method, route, body);
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    return res.body.job;
  };

  it('is explained, names the runtime and is not restarted', async () => {
    const install = await accept('POST', '/api/v1/builds/install', {});
    await ws.waitFor('job:completed', (d) => d.jobId === install.id, 120_000);
    const created = await h.api('POST', '/api/v1/instances', {
      name: 'No runtime',
      settings: { gamePort: 8201, rconPort: 28201, autoRestartOnCrash: true },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const inst = Instance.parse(created.body);
    await sim.server(inst.installPath!, { exitAtStartCode: 0xc0000135 });

    const start = await accept('POST', `/api/v1/instances/${inst.id}/start`);
    const failed = await ws.waitFor('job:failed', (d) => d.jobId === start.id, 60_000);
    expect(failed.error.message).toMatch(/Visual C\+\+ 2015–2022 x64 runtime/);
    const error = await ws.waitFor('system:error', (d) => d.subjectId === inst.id, 30_000);
    expect(error).toMatchObject({ code: 'start-failed' });
    expect(error.message).toMatch(/0xC0000135, STATUS_DLL_NOT_FOUND.*Settings → Host prerequisites/);

    const jobs = await h.api<{ items: Job[] }>('GET', `/api/v1/jobs?instanceId=${inst.id}&type=START_INSTANCE`);
    expect(jobs.body.items.map((j) => j.id)).toEqual([start.id]);
    expect(ws.of('system:error').filter((e) => e.code === 'crash-loop')).toEqual([]);
    const after = Instance.parse((await h.api('GET', `/api/v1/instances/${inst.id}`)).body);
    expect(after.status).toBe('CRASHED');
    const crashed = ws.of('instance:status_changed').find((e) => e.instanceId === inst.id && e.status === 'CRASHED');
    expect(crashed?.reason).toMatch(/runtime is missing/);
  }, 240_000);
});

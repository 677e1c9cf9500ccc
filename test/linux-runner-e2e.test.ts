import fs from 'node:fs';
import path from 'node:path';
import { Instance, type Job } from '@ark-asa/contracts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { minimalPeHeader } from '../app/agents/process/executable-kind.ts';
import { Harness, tempDir } from './helpers/harness.ts';
import { SimEnv } from './helpers/sim-env.ts';
import type { TestWsClient } from './helpers/ws-client.ts';

/**
 * Issue 14 item 6: on Linux, ArkAscendedServer.exe (a Windows program, told by its MZ/PE header)
 * runs through the Proton set in the settings, and the manager supervises the server Proton starts
 * as its child, not Proton. Proton is the stand-in in sim/proton-standin (a wrapper that starts the
 * server as a child and, like Proton, leaves it running on SIGTERM); the "Windows program" is a
 * small MZ/PE-headed file in the instance's exe place, and the stand-in runs the server simulator
 * beside it. Linux-only: the runner exists only there (Windows runs the exe directly).
 */
let h: Harness;
let ws: TestWsClient;
let sim: SimEnv;
let inst: Instance;
const dataDir = tempDir();
const protonDir = path.join(tempDir('ark-proton-'), 'GE-Proton-standin');
const pids: number[] = [];
const STANDIN = path.resolve(import.meta.dirname, '../sim/proton-standin');

type Outcome = { ok: true } | { ok: false; code: string; message: string };
const outcome = async (res: { status: number; body: unknown }): Promise<Outcome> => {
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  const { job } = res.body as { job: Job };
  return Promise.race([
    ws.waitFor('job:completed', (d) => d.jobId === job.id, 60_000).then(() => ({ ok: true }) as const),
    ws.waitFor('job:failed', (d) => d.jobId === job.id, 60_000).then((d) => ({ ok: false, ...d.error }) as const),
  ]);
};
const instance = async () => Instance.parse((await h.api('GET', `/api/v1/instances/${inst.id}`)).body);
const start = () => h.api('POST', `/api/v1/instances/${inst.id}/start`);
const argv0 = (pid: number) => fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0];
const ppid = (pid: number) => Number(fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]![0] !== 'Z';
  } catch {
    return false;
  }
};

/** Puts a Windows-headed file in the exe's place and the simulator beside it, as the stand-in expects. */
function makeExeWindowsLike(): void {
  const exe = path.join(inst.installPath!, 'ShooterGame/Binaries/Win64/ArkAscendedServer.exe');
  fs.linkSync(exe, exe.slice(0, -'.exe'.length)); // the simulator, as `ArkAscendedServer`
  fs.rmSync(exe); // unlinks the instance's hard link only: the build's file is untouched
  fs.writeFileSync(exe, minimalPeHeader());
}

describe.runIf(process.platform === 'linux')('ArkAscendedServer.exe on Linux through Proton', () => {
  beforeAll(async () => {
    fs.mkdirSync(protonDir);
    for (const f of ['proton', 'version']) fs.copyFileSync(path.join(STANDIN, f), path.join(protonDir, f));
    fs.chmodSync(path.join(protonDir, 'proton'), 0o755);
    sim = await SimEnv.create();
    h = await Harness.start({ dataDir });
    ws = await h.ws();
    await h.api('PATCH', '/api/v1/settings', { steamcmdPath: sim.steamcmdPath });
    expect(await outcome(await h.api('POST', '/api/v1/builds/install', {}))).toEqual({ ok: true });
    const res = await h.api('POST', '/api/v1/instances', {
      name: 'Through Proton',
      settings: { map: 'TheIsland_WP', sessionName: 'Through Proton', gamePort: 8171, rconPort: 28171 },
    });
    inst = Instance.parse(res.body);
    await sim.server(inst.installPath!, {});
    makeExeWindowsLike();
  }, 120_000);

  afterAll(async () => {
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await h.stop();
  });

  it('without a runner, a start fails plainly (no exec of a Windows program) and the instance stays STOPPED', async () => {
    const result = await outcome(await start());
    expect(result).toMatchObject({ ok: false, code: 'linux-runner-required' });
    expect(result.ok || result.message).toContain('Linux needs Proton or Wine to run ArkAscendedServer.exe');
    expect((await instance()).status).toBe('STOPPED');
    const checks = await diagnostics();
    expect(checks.find((c) => c.name === 'linux-runner')).toMatchObject({ ok: false });
  });

  it('validates the runner setting field by field and reports the runner in the diagnostics', async () => {
    for (const [bad, field] of [
      [{ kind: 'proton', path: 'relative/proton' }, 'linuxRunner.path'],
      [{ kind: 'steam', path: protonDir }, 'linuxRunner.kind'],
    ] as const) {
      const res = await h.api<{ error: { details: { fields: { field: string }[] } } }>('PATCH', '/api/v1/settings', {
        linuxRunner: bad,
      });
      expect(res.status).toBe(400);
      expect(res.body.error.details.fields.map((f) => f.field)).toContain(field);
    }
    const ok = await h.api('PATCH', '/api/v1/settings', { linuxRunner: { kind: 'proton', path: protonDir } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ linuxRunner: { kind: 'proton', path: protonDir } });
    const runner = (await diagnostics()).find((c) => c.name === 'linux-runner');
    // python3 may be missing on a bare CI host: the check says so; the version is read either way.
    expect(runner?.detail).toContain('proton-standin-9.0');
  });

  it('starts through Proton, supervises the real server (not Proton), adopts it after a manager restart and stops it', async () => {
    expect(await outcome(await start())).toEqual({ ok: true });
    const { runtime, status } = await instance();
    expect(status).toBe('RUNNING');
    const pid = runtime!.pid!;
    const wrapper = ppid(pid);
    pids.push(pid, wrapper);
    const exe = path.join(inst.installPath!, 'ShooterGame/Binaries/Win64/ArkAscendedServer.exe');
    expect(argv0(pid)).toBe(`Z:${exe.replaceAll('/', '\\')}`);
    expect(fs.readFileSync(`/proc/${wrapper}/cmdline`, 'utf8')).toContain(path.join(protonDir, 'proton'));
    const prefix = path.join(dataDir, 'prefixes', inst.id);
    expect(fs.existsSync(path.join(prefix, 'pfx'))).toBe(true);
    expect(fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0')).toContain(`STEAM_COMPAT_DATA_PATH=${prefix}`);

    await h.stop(); // leaves the server (and Proton) running
    h = await Harness.start({ dataDir });
    ws = await h.ws();
    expect(await instance()).toMatchObject({ status: 'RUNNING', attention: null, runtime: { pid } });
    const rcon = await h.api('POST', `/api/v1/instances/${inst.id}/rcon`, { command: 'ListPlayers' });
    expect(rcon.status).toBe(200);

    expect(await outcome(await h.api('POST', `/api/v1/instances/${inst.id}/stop`, {}))).toEqual({ ok: true });
    expect((await instance()).status).toBe('STOPPED');
    expect(sim.journal(inst.installPath!).some((e) => e.command === 'DoExit' && e.pid === pid)).toBe(true);
    await vi.waitFor(() => expect([alive(pid), alive(wrapper)]).toEqual([false, false]), {
      timeout: 10_000,
      interval: 100,
    });
  });

  it('sees the real server die (not Proton) as a crash and restarts it through Proton', async () => {
    expect(await outcome(await start())).toEqual({ ok: true });
    const first = (await instance()).runtime!.pid!;
    pids.push(first, ppid(first));
    process.kill(first, 'SIGKILL'); // Proton notices only because its child is gone
    await vi.waitFor(
      async () => {
        const now = await instance();
        expect(now.status).toBe('RUNNING');
        expect(now.runtime?.pid).not.toBe(first);
      },
      { timeout: 60_000, interval: 250 },
    );
    const second = (await instance()).runtime!.pid!;
    pids.push(second, ppid(second));
    expect(argv0(second)).toMatch(/^Z:\\.*ArkAscendedServer\.exe$/);
    expect(fs.readFileSync(`/proc/${ppid(second)}/cmdline`, 'utf8')).toContain('proton');
    expect(await outcome(await h.api('POST', `/api/v1/instances/${inst.id}/stop`, {}))).toEqual({ ok: true });
  });
});

async function diagnostics(): Promise<{ name: string; ok: boolean; detail: string }[]> {
  const res = await h.api<{ job: Job }>('POST', '/api/v1/jobs', { type: 'DIAGNOSTICS' });
  const done = await ws.waitFor('job:completed', (d) => d.jobId === res.body.job.id, 30_000);
  return (done.result as { checks: { name: string; ok: boolean; detail: string }[] }).checks;
}

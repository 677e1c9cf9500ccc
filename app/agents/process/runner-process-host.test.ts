// The runner host with real processes: the Proton stand-in (sim/proton-standin/proton, which also
// plays `wine` under that name) runs a copy of /bin/sleep named like the server, beside a small
// file with an MZ/PE header in the place of ArkAscendedServer.exe. Linux-only parts run on Linux
// only; the decisions that need no /proc (which files need a runner, the missing-runner error)
// run everywhere.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ErrorCode, type LinuxRunner } from '@ark-asa/contracts';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { FakeProcessHost } from '../supervisor/fake-process-host.ts';
import { minimalPeHeader } from './executable-kind.ts';
import { LinuxProcessHost } from './linux-process-host.ts';
import { pidExists } from './process-watch.ts';
import { RunnerProcessHost } from './runner-process-host.ts';
import { runnerLaunch } from './runner-launch.ts';

const STANDIN = path.resolve(import.meta.dirname, '../../../sim/proton-standin');
const dir = mkdtempSync(path.join(tmpdir(), 'runner host '));
const win64 = path.join(dir, 'ShooterGame', 'Binaries', 'Win64');
const exe = path.join(win64, 'ArkAscendedServer.exe');
mkdirSync(win64, { recursive: true });
writeFileSync(exe, minimalPeHeader());
const started: number[] = [];

afterEach(() => {
  for (const pid of started.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const procArgv0 = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0];
const procPpid = (pid: number) => Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);

describe('RunnerProcessHost decisions', () => {
  it('on Linux refuses a Windows program plainly when no runner is set', async () => {
    const inner = new FakeProcessHost();
    const host = new RunnerProcessHost(inner, { platform: 'linux', runner: () => null });
    await expect(host.spawn(exe, [], { cwd: win64, compatPrefix: path.join(dir, 'pfx') })).rejects.toMatchObject({
      code: ErrorCode.LINUX_RUNNER_REQUIRED,
      message: expect.stringContaining('Linux needs Proton or Wine to run ArkAscendedServer.exe'),
    });
    expect(inner.processes).toHaveLength(0);
  });

  it('starts native programs and every program on Windows directly, runner or not', async () => {
    const runner: LinuxRunner = { kind: 'proton', path: '/opt/proton' };
    const native = path.join(win64, 'native-server');
    writeFileSync(native, '#!/bin/sh\n');
    for (const [platform, file] of [
      ['linux', native],
      ['win32', exe],
    ] as const) {
      const inner = new FakeProcessHost();
      const host = new RunnerProcessHost(inner, { platform, runner: () => runner });
      const p = await host.spawn(file, ['-log'], { cwd: win64, compatPrefix: path.join(dir, 'pfx') });
      expect(inner.processes.map((s) => [s.exePath, s.args])).toEqual([[file, ['-log']]]);
      expect(p.pid).toBe(inner.last().pid);
    }
  });

  it('builds the Proton and Wine command lines with one prefix per server', () => {
    const places = { prefixDir: '/data/prefixes/abc', steamClientDir: '/data/steamcmd' };
    expect(
      runnerLaunch({ kind: 'proton', path: '/p' }, '/p/proton', '/s/A.exe', ['TheIsland_WP?listen', '-log'], places),
    ).toEqual({
      file: '/p/proton',
      args: ['run', '/s/A.exe', 'TheIsland_WP?listen', '-log'],
      env: { STEAM_COMPAT_DATA_PATH: '/data/prefixes/abc', STEAM_COMPAT_CLIENT_INSTALL_PATH: '/data/steamcmd' },
    });
    expect(
      runnerLaunch({ kind: 'wine', path: '/usr/bin/wine' }, '/usr/bin/wine', '/s/A.exe', ['-log'], places),
    ).toEqual({
      file: '/usr/bin/wine',
      args: ['/s/A.exe', '-log'],
      env: { WINEPREFIX: '/data/prefixes/abc' },
    });
  });
});

describe.runIf(process.platform === 'linux')('RunnerProcessHost with the Proton stand-in', () => {
  const wineDir = path.join(dir, 'wine-bin');
  beforeAll(() => {
    // The "server": /bin/sleep under the name the stand-in runs for ArkAscendedServer.exe.
    copyFileSync('/bin/sleep', path.join(win64, 'ArkAscendedServer'));
    mkdirSync(wineDir);
    symlinkSync(path.join(STANDIN, 'proton'), path.join(wineDir, 'wine'));
  });
  const makeHost = (runner: LinuxRunner) =>
    new RunnerProcessHost(new LinuxProcessHost({ adoptPollMs: 50, killWaitMs: 5000 }), {
      platform: 'linux',
      runner: () => runner,
      findPollMs: 50,
      exitPollMs: 50,
      findTimeoutMs: 20_000,
    });
  const proton = makeHost({ kind: 'proton', path: STANDIN });

  it('tracks the server the runner starts as its child, not the runner, and creates the prefix', async () => {
    const prefix = path.join(dir, 'prefixes', 'one');
    const p = await proton.spawn(exe, ['60'], { cwd: win64, compatPrefix: prefix });
    started.push(p.pid);
    const wrapper = procPpid(p.pid);
    started.push(wrapper);
    expect(procArgv0(p.pid)).toBe(`Z:${exe.replaceAll('/', '\\')}`);
    expect(p.exePath).toBe(procArgv0(p.pid));
    expect(readFileSync(`/proc/${wrapper}/cmdline`, 'utf8')).toContain(path.join(STANDIN, 'proton'));
    expect(existsSync(path.join(prefix, 'pfx'))).toBe(true);
    expect(readFileSync(`/proc/${p.pid}/environ`, 'utf8').split('\0')).toContain(`STEAM_COMPAT_DATA_PATH=${prefix}`);

    // Adopted by a new host (a manager restart), then killed: the server and the runner both go.
    const adopted = await makeHost({ kind: 'proton', path: STANDIN }).adopt(p);
    expect(adopted?.pid).toBe(p.pid);
    await proton.killTree(p.pid);
    await vi.waitFor(() => expect(pidExists(wrapper)).toBe(false), { timeout: 5000, interval: 50 });
    expect(pidExists(p.pid)).toBe(false);
    await expect(p.exited).resolves.toBeDefined();
  });

  it('like Proton, SIGTERM to the runner leaves the server running; the server exit ends the run', async () => {
    const p = await proton.spawn(exe, ['60'], { cwd: win64, compatPrefix: path.join(dir, 'prefixes', 'two') });
    started.push(p.pid);
    const wrapper = procPpid(p.pid);
    process.kill(wrapper, 'SIGTERM');
    await vi.waitFor(() => expect(pidExists(wrapper)).toBe(false), { timeout: 5000, interval: 50 });
    expect(pidExists(p.pid)).toBe(true);
    process.kill(p.pid, 'SIGTERM');
    await expect(p.exited).resolves.toMatchObject({ signal: null });
  });

  it('keeps a server stopped right after its runner from taking the runner SIGTERM as its own end', async () => {
    // /proc answers late, as on a loaded machine: the server is gone by the time a look would end.
    const inner = new LinuxProcessHost({ adoptPollMs: 50, killWaitMs: 5000 });
    const look = inner.inspect.bind(inner);
    inner.inspect = async (pid) => (await new Promise((r) => setTimeout(r, 300)), look(pid));
    const host = new RunnerProcessHost(inner, { platform: 'linux', runner: () => ({ kind: 'proton', path: STANDIN }) });
    const p = await host.spawn(exe, ['60'], { cwd: win64, compatPrefix: path.join(dir, 'prefixes', 'three') });
    started.push(p.pid);
    const wrapper = procPpid(p.pid);
    process.kill(wrapper, 'SIGTERM');
    await vi.waitFor(() => expect(pidExists(wrapper)).toBe(false), { timeout: 5000, interval: 10 });
    process.kill(p.pid, 'SIGTERM');
    await expect(p.exited).resolves.toMatchObject({ signal: null });
  });

  it('reports a runner that exits before the server starts', async () => {
    writeFileSync(path.join(dir, 'Broken.exe'), minimalPeHeader()); // no native build beside it
    await expect(
      proton.spawn(path.join(dir, 'Broken.exe'), [], { cwd: dir, compatPrefix: path.join(dir, 'prefixes', 'b') }),
    ).rejects.toMatchObject({
      code: ErrorCode.START_FAILED,
      message: expect.stringMatching(/exited with code 1 before/),
    });
  });

  it('under Wine the server replaces the runner: the same pid, argv[0] the Windows path, WINEPREFIX set', async () => {
    const wine = makeHost({ kind: 'wine', path: path.join(wineDir, 'wine') });
    const prefix = path.join(dir, 'prefixes', 'wine');
    const p = await wine.spawn(exe, ['60'], { cwd: win64, compatPrefix: prefix });
    started.push(p.pid);
    expect(procArgv0(p.pid)).toBe(`Z:${exe.replaceAll('/', '\\')}`);
    expect(readFileSync(`/proc/${p.pid}/environ`, 'utf8').split('\0')).toContain(`WINEPREFIX=${prefix}`);
    await wine.killTree(p.pid);
    expect(pidExists(p.pid)).toBe(false);
  });
});

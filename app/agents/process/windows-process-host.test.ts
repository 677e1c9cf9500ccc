// The Windows host against a scripted Windows: PowerShell and taskkill answer from a fake process
// table. Spawning uses the real node spawn (Windows-only options are ignored elsewhere).
import { describe, expect, it, vi } from 'vitest';
import type { CommandResult, RunCommand } from './command-runner.ts';
import { nodeSpawn, type SpawnFn } from './spawn-detached.ts';
import { WindowsProcessHost, type WindowsProcessHostOptions } from './windows-process-host.ts';

const ROOT = 'C:\\Windows';
const POWERSHELL = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';
const TASKKILL = 'C:\\Windows\\System32\\taskkill.exe';
const EXE = 'C:\\ARK\\ShooterGame\\Binaries\\Win64\\ArkAscendedServer.exe';
const CREATED = '2025-01-02T03:04:05.1234567Z';
const CREATED_MS = Date.parse(CREATED);

interface FakeProcess {
  exe: string | null;
  created: string;
  cpu: number;
  workingSet: number;
}

const ok = (stdout: string): CommandResult => ({ stdout, stderr: '', code: 0 });

/** A process table answering the host's two PowerShell scripts and taskkill. */
class FakeWindows {
  readonly procs = new Map<number, FakeProcess>();
  readonly calls: { file: string; args: readonly string[] }[] = [];
  /** What taskkill does to the table (default: the process is gone). */
  onTaskkill = (pid: number) => this.procs.delete(pid);

  readonly run: RunCommand = (file, args) => {
    this.calls.push({ file, args });
    if (file === TASKKILL) {
      const pid = Number(args[1]);
      return Promise.resolve(
        this.onTaskkill(pid) ? ok('SUCCESS') : { stdout: '', stderr: 'ERROR: not found', code: 128 },
      );
    }
    const script = args[3] ?? '';
    const cim = /ProcessId=(\d+)/.exec(script);
    if (cim) return Promise.resolve(ok(this.cimJson(Number(cim[1]))));
    const ids = /Get-Process -Id ([\d,]+)/.exec(script)?.[1]?.split(',').map(Number) ?? [];
    const rows = ids.flatMap((id) => {
      const p = this.procs.get(id);
      return p ? [{ Id: id, CPU: p.cpu, WorkingSet64: p.workingSet }] : [];
    });
    return Promise.resolve(ok(rows.length === 0 ? '' : JSON.stringify(rows.length === 1 ? rows[0] : rows)));
  };

  private cimJson(pid: number): string {
    const p = this.procs.get(pid);
    return p ? `${JSON.stringify({ ProcessId: pid, ExecutablePath: p.exe, CreationDate: p.created })}\r\n` : '';
  }

  taskkills(): (readonly string[])[] {
    return this.calls.filter((c) => c.file === TASKKILL).map((c) => c.args);
  }
}

function setup(extra: WindowsProcessHostOptions = {}) {
  const win = new FakeWindows();
  win.procs.set(4321, { exe: EXE, created: CREATED, cpu: 10, workingSet: 3_000_000_000 });
  const host = new WindowsProcessHost({
    run: win.run,
    systemRoot: ROOT,
    quickAlive: (pid) => win.procs.has(pid),
    adoptPollMs: 5,
    identityCheckEvery: 3,
    killWaitMs: 300,
    ...extra,
  });
  return { win, host };
}

describe('WindowsProcessHost.inspect', () => {
  it('runs powershell.exe from System32 without profile and reads the identity', async () => {
    const { win, host } = setup();
    expect(await host.inspect(4321)).toEqual({ pid: 4321, exePath: EXE, startTimeMs: CREATED_MS });
    expect(win.calls[0]?.file).toBe(POWERSHELL);
    expect(win.calls[0]?.args.slice(0, 3)).toEqual(['-NoProfile', '-NonInteractive', '-Command']);
  });

  it('answers null for a missing process (empty output)', async () => {
    const { host } = setup();
    expect(await host.inspect(999)).toBeNull();
  });

  it('treats a failing PowerShell as an error, never as "no such process"', async () => {
    const failing = setup({ run: () => Promise.resolve({ stdout: '', stderr: 'WMI broken', code: 1 }) }).host;
    await expect(failing.inspect(4321)).rejects.toMatchObject({ code: 'internal-error', message: /WMI broken/ });
    const missing = setup({ run: () => Promise.reject(new Error('ENOENT')) }).host;
    await expect(missing.inspect(4321)).rejects.toMatchObject({ code: 'internal-error', message: /did not run/ });
  });

  it('validates the pid before building any command', async () => {
    const { win, host } = setup();
    await expect(host.inspect(Number.NaN)).rejects.toMatchObject({ code: 'internal-error' });
    await expect(host.inspect(-1)).rejects.toMatchObject({ code: 'internal-error' });
    expect(win.calls).toEqual([]);
  });
});

describe('WindowsProcessHost.adopt', () => {
  const recorded = { pid: 4321, exePath: EXE, startTimeMs: CREATED_MS };

  it('adopts the same program started at the same time, whatever the path case and slashes', async () => {
    const { win, host } = setup();
    const adopted = await host.adopt({
      ...recorded,
      exePath: 'c:/ark/shootergame/binaries/win64/arkascendedserver.EXE',
    });
    expect(adopted?.pid).toBe(4321);
    win.procs.delete(4321);
    expect(await adopted?.exited).toEqual({ code: null, signal: null });
  });

  it('notices through the periodic identity check when the pid was reused in between', async () => {
    const { win, host } = setup();
    const adopted = await host.adopt(recorded);
    // Alive as far as the cheap probe can tell, but now another program.
    win.procs.set(4321, { exe: 'C:\\Windows\\notepad.exe', created: '2025-02-01T00:00:00Z', cpu: 0, workingSet: 1 });
    expect(await adopted?.exited).toEqual({ code: null, signal: null });
  });

  it('refuses a recycled pid (other program or other start time) and kills nothing', async () => {
    const { win, host } = setup();
    win.procs.set(4321, { exe: 'C:\\Windows\\notepad.exe', created: CREATED, cpu: 0, workingSet: 1 });
    expect(await host.adopt(recorded)).toBeNull();
    win.procs.set(4321, { exe: EXE, created: '2025-01-02T03:09:05Z', cpu: 0, workingSet: 1 });
    expect(await host.adopt(recorded)).toBeNull();
    win.procs.delete(4321);
    expect(await host.adopt(recorded)).toBeNull();
    expect(win.taskkills()).toEqual([]);
  });
});

describe('WindowsProcessHost.killTree', () => {
  it('runs taskkill /PID <pid> /T /F and waits until the process is gone', async () => {
    const { win, host } = setup();
    await host.killTree(4321);
    expect(win.taskkills()).toEqual([['/PID', '4321', '/T', '/F']]);
    expect(win.procs.has(4321)).toBe(false);
  });

  it('does not run taskkill for a pid nobody has', async () => {
    const { win, host } = setup();
    await host.killTree(777);
    expect(win.taskkills()).toEqual([]);
  });

  it('fails with stop-failed when the process outlives the wait', async () => {
    const { win, host } = setup();
    win.onTaskkill = () => true;
    await expect(host.killTree(4321)).rejects.toMatchObject({ code: 'stop-failed' });
  });
});

describe('WindowsProcessHost.spawn', () => {
  it('refuses batch files (BatBadBut, CVE-2024-27980) and relative paths before spawning', async () => {
    const spawnFn = vi.fn<SpawnFn>();
    const { host } = setup({ spawnFn });
    for (const exe of ['C:\\ARK\\start.bat', 'C:\\ARK\\START.CMD', 'C:\\ARK\\start.bat. ', 'ArkAscendedServer.exe']) {
      await expect(host.spawn(exe, [], { cwd: 'C:\\ARK' })).rejects.toMatchObject({ code: 'start-failed' });
    }
    expect(spawnFn).not.toHaveBeenCalled();
  });

  it('spawns detached, hidden, without a shell, and records what Windows says about the process', async () => {
    const seen: Parameters<SpawnFn>[] = [];
    const { win, host } = setup({
      spawnFn: (file, args, options) => {
        seen.push([file, args, options]);
        const child = nodeSpawn(process.execPath, ['-e', 'setTimeout(() => process.exit(3), 100)'], options);
        if (child.pid) win.procs.set(child.pid, { exe: EXE.toUpperCase(), created: CREATED, cpu: 0, workingSet: 1 });
        return child;
      },
    });
    const p = await host.spawn(EXE, ['TheIsland_WP?listen', '-NoBattlEye'], { cwd: process.cwd() });
    expect(seen[0]?.[0]).toBe(EXE);
    expect(seen[0]?.[1]).toEqual(['TheIsland_WP?listen', '-NoBattlEye']);
    expect(seen[0]?.[2]).toMatchObject({
      cwd: process.cwd(),
      detached: true,
      windowsHide: true,
      stdio: 'ignore',
      shell: false,
    });
    expect(p).toMatchObject({ exePath: EXE.toUpperCase(), startTimeMs: CREATED_MS });
    expect(await p.exited).toEqual({ code: 3, signal: null });
  });

  it('falls back to the requested path and time when the process is already gone', async () => {
    const { host } = setup({ spawnFn: (_f, _a, options) => nodeSpawn(process.execPath, ['-e', ''], options) });
    const p = await host.spawn(EXE, [], { cwd: process.cwd() });
    expect(p.exePath).toBe(EXE);
    expect(Math.abs(p.startTimeMs - Date.now())).toBeLessThan(5000);
    expect(await p.exited).toEqual({ code: 0, signal: null });
  });
});

describe('WindowsProcessHost.usage', () => {
  it('computes CPU % from two samples and reports the working set; missing pids are left out', async () => {
    let now = 10_000;
    const { win, host } = setup({ now: () => now });
    win.procs.set(55, { exe: EXE, created: CREATED, cpu: 1, workingSet: 42 });
    const first = await host.usage([4321, 55, 999]);
    expect(first).toEqual(
      new Map([
        [4321, { cpuPercent: 0, memoryBytes: 3_000_000_000 }],
        [55, { cpuPercent: 0, memoryBytes: 42 }],
      ]),
    );
    win.procs.get(4321)!.cpu = 12.5;
    now += 2000;
    const second = await host.usage([4321, 999]);
    expect(second).toEqual(new Map([[4321, { cpuPercent: 125, memoryBytes: 3_000_000_000 }]]));
    expect(win.calls.filter((c) => c.file === POWERSHELL)).toHaveLength(2);
  });

  it('asks nothing for no pids', async () => {
    const { win, host } = setup();
    expect(await host.usage([])).toEqual(new Map());
    expect(win.calls).toEqual([]);
  });
});

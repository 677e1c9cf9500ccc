import { describe, expect, it } from 'vitest';
import { CpuRateTracker } from './cpu-rate.ts';
import {
  identityScript,
  isBatchFile,
  parseIdentities,
  parseUsage,
  powershellArgs,
  sameWindowsProcess,
  usageScript,
} from './windows-powershell.ts';

const EXE = 'C:\\ARK\\ShooterGame\\Binaries\\Win64\\ArkAscendedServer.exe';
const row = (pid: number, exe: string | null, created: string) => ({
  ProcessId: pid,
  ExecutablePath: exe,
  CreationDate: created,
});

describe('PowerShell scripts', () => {
  it('asks CIM for one validated pid, quoting with single quotes only', () => {
    const script = identityScript(4321);
    expect(script).toContain("Get-CimInstance -ClassName Win32_Process -Filter 'ProcessId=4321'");
    expect(script).toContain("ToUniversalTime().ToString('o')");
    expect(script).toContain('ConvertTo-Json');
    expect(script).not.toContain('"');
    expect(powershellArgs(script)).toEqual(['-NoProfile', '-NonInteractive', '-Command', script]);
  });

  it('never builds a script from something that is not a pid', () => {
    for (const bad of [0, -4, 1.5, Number.NaN, 2 ** 60]) expect(() => identityScript(bad)).toThrow(/Not a process id/);
    expect(() => usageScript([12, -1])).toThrow(/Not a process id/);
  });

  it('samples several pids in one Get-Process call that tolerates missing ones', () => {
    const script = usageScript([12, 34]);
    expect(script).toContain('Get-Process -Id 12,34 -ErrorAction SilentlyContinue');
    expect(script).toContain('Select-Object Id, CPU, WorkingSet64');
    expect(script.endsWith('exit 0')).toBe(true);
  });
});

describe('parsing ConvertTo-Json output', () => {
  it('accepts one object, an array, and nothing at all', () => {
    const one = JSON.stringify(row(4321, EXE, '2025-01-02T03:04:05.1234567Z'));
    expect(parseIdentities(one)).toEqual([
      { pid: 4321, exePath: EXE, startTimeMs: Date.UTC(2025, 0, 2, 3, 4, 5, 123) },
    ]);
    const two = JSON.stringify([row(1, EXE, '2025-01-02T03:04:05Z'), row(2, 'C:\\x.exe', '2025-01-02T03:04:06Z')]);
    expect(parseIdentities(two).map((p) => p.pid)).toEqual([1, 2]);
    expect(parseIdentities('')).toEqual([]);
    expect(parseIdentities('\r\n')).toEqual([]);
  });

  it('tolerates a byte order mark and CRLF around the JSON', () => {
    expect(parseIdentities(`\uFEFF${JSON.stringify(row(7, EXE, '2025-01-02T03:04:05Z'))}\r\n`)).toHaveLength(1);
  });

  it('turns an unreadable ExecutablePath into an empty path that matches nothing', () => {
    const [p] = parseIdentities(JSON.stringify(row(7, null, '2025-01-02T03:04:05Z')));
    expect(p?.exePath).toBe('');
    expect(sameWindowsProcess(p!, { ...p!, exePath: '' })).toBe(false);
  });

  it('rejects output it does not understand instead of guessing', () => {
    expect(() => parseIdentities('Get-CimInstance : Access denied')).toThrow(/Unexpected Win32_Process output/);
    expect(() => parseIdentities(JSON.stringify(row(7, EXE, 'yesterday')))).toThrow(/Unexpected/);
    expect(() => parseUsage(JSON.stringify({ Id: 'x' }))).toThrow(/Unexpected Get-Process output/);
  });

  it('reads Get-Process rows, with CPU null when Windows does not tell', () => {
    const out = JSON.stringify([
      { Id: 5, CPU: 12.5, WorkingSet64: 1024 },
      { Id: 6, CPU: null, WorkingSet64: 2048 },
    ]);
    expect(parseUsage(out)).toEqual([
      { pid: 5, cpuSeconds: 12.5, memoryBytes: 1024 },
      { pid: 6, cpuSeconds: null, memoryBytes: 2048 },
    ]);
  });
});

describe('Windows paths and batch files', () => {
  const id = { pid: 9, exePath: EXE, startTimeMs: 1_000_000 };

  it('compares executable paths case-insensitively and across slash styles (path.win32)', () => {
    expect(sameWindowsProcess({ ...id, exePath: 'c:/ark/shootergame/binaries/win64/ARKASCENDEDSERVER.EXE' }, id)).toBe(
      true,
    );
    expect(
      sameWindowsProcess(
        { ...id, exePath: 'C:\\ARK\\ShooterGame\\Binaries\\Win64\\..\\Win64\\ArkAscendedServer.exe' },
        id,
      ),
    ).toBe(true);
    expect(
      sameWindowsProcess({ ...id, exePath: 'D:\\ARK\\ShooterGame\\Binaries\\Win64\\ArkAscendedServer.exe' }, id),
    ).toBe(false);
    expect(sameWindowsProcess({ ...id, startTimeMs: id.startTimeMs + 5000 }, id)).toBe(false);
    expect(sameWindowsProcess({ ...id, pid: 10 }, id)).toBe(false);
  });

  it('recognises batch files, however Windows would spell them', () => {
    for (const f of ['C:\\s\\start.bat', 'C:\\s\\START.CMD', 'C:\\s\\start.bat.', 'C:\\s\\start.cmd . ', 'C:/s/x.Bat'])
      expect(isBatchFile(f)).toBe(true);
    for (const f of [EXE, 'C:\\s\\bat', 'C:\\s\\x.bat.exe', 'C:\\s.bat\\server.exe'])
      expect(isBatchFile(f)).toBe(false);
  });
});

describe('CPU % from two samples of CPU time', () => {
  it('divides the CPU seconds used by the wall time between the samples (100 = one core)', () => {
    const cpu = new CpuRateTracker();
    expect(cpu.update([5], [{ pid: 5, cpuSeconds: 10, memoryBytes: 100 }], 1000).get(5)).toEqual({
      cpuPercent: 0,
      memoryBytes: 100,
    });
    expect(cpu.update([5], [{ pid: 5, cpuSeconds: 10.5, memoryBytes: 200 }], 2000).get(5)).toEqual({
      cpuPercent: 50,
      memoryBytes: 200,
    });
    expect(cpu.update([5], [{ pid: 5, cpuSeconds: 14.5, memoryBytes: 200 }], 4000).get(5)?.cpuPercent).toBe(200);
  });

  it('starts over for a pid that vanished, was reused, or has no CPU figure', () => {
    const cpu = new CpuRateTracker();
    cpu.update(
      [5, 6],
      [
        { pid: 5, cpuSeconds: 10, memoryBytes: 1 },
        { pid: 6, cpuSeconds: 1, memoryBytes: 1 },
      ],
      0,
    );
    cpu.update([5], [], 1000);
    expect(cpu.update([5], [{ pid: 5, cpuSeconds: 20, memoryBytes: 1 }], 2000).get(5)?.cpuPercent).toBe(0);
    // pid 6 was not asked about in between, so its baseline stayed.
    expect(cpu.update([6], [{ pid: 6, cpuSeconds: 2, memoryBytes: 1 }], 2000).get(6)?.cpuPercent).toBe(50);
    expect(cpu.update([6], [{ pid: 6, cpuSeconds: 0.1, memoryBytes: 1 }], 3000).get(6)?.cpuPercent).toBe(0);
    expect(cpu.update([6], [{ pid: 6, cpuSeconds: null, memoryBytes: 1 }], 4000).get(6)?.cpuPercent).toBe(0);
  });
});

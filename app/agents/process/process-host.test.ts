import { describe, expect, it } from 'vitest';
import { sameProcess, sameStart } from './process-host.ts';

const recorded = {
  pid: 4242,
  exePath: '/data/runtime/instances/i1/ShooterGame/Binaries/Win64/ArkAscendedServer.exe',
  startTimeMs: 1_700_000_000_000,
};

describe('sameProcess', () => {
  it('accepts the recorded argv[0] at the recorded start time', () => {
    expect(sameProcess({ ...recorded, startTimeMs: recorded.startTimeMs + 900 }, recorded, false)).toBe(true);
  });

  it('accepts a launcher that renamed argv[0] when the executed file or the working directory is the server’s', () => {
    const renamed = { ...recorded, exePath: '/usr/bin/wine64-preloader' };
    expect(sameProcess(renamed, recorded, false)).toBe(false);
    expect(sameProcess({ ...renamed, exeLink: recorded.exePath }, recorded, false)).toBe(true);
    expect(
      sameProcess({ ...renamed, cwd: '/data/runtime/instances/i1/ShooterGame/Binaries/Win64/' }, recorded, false),
    ).toBe(true);
    expect(
      sameProcess({ ...renamed, cwd: '/data/runtime/instances/i2/ShooterGame/Binaries/Win64' }, recorded, false),
    ).toBe(false);
  });

  it('never accepts another start time or pid, whatever the paths say (a recycled pid)', () => {
    expect(sameProcess({ ...recorded, startTimeMs: recorded.startTimeMs + 60_000 }, recorded, false)).toBe(false);
    expect(sameProcess({ ...recorded, pid: 4243 }, recorded, false)).toBe(false);
    expect(sameStart({ ...recorded, exePath: '/bin/sh' }, recorded)).toBe(true);
  });

  it('compares Windows paths without case, with either separator in the folder', () => {
    const win = { pid: 10, exePath: 'C:\\Ark\\ShooterGame\\Binaries\\Win64\\ArkAscendedServer.exe', startTimeMs: 5 };
    expect(
      sameProcess({ ...win, exePath: 'c:\\ark\\shootergame\\binaries\\win64\\arkascendedserver.exe' }, win, true),
    ).toBe(true);
    expect(
      sameProcess({ ...win, exePath: 'C:\\launcher.exe', cwd: 'C:\\ARK\\ShooterGame\\Binaries\\Win64\\' }, win, true),
    ).toBe(true);
  });
});

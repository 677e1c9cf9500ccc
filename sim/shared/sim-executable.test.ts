import { closeSync, linkSync, openSync, readFileSync, readlinkSync, readSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ADVERTISING, serverArgs, serverFixture } from '../test-support/server-fixture.ts';
import type { ServerFixture } from '../test-support/server-fixture.ts';
import { run, tempDir, waitFor } from '../test-support/process.ts';
import { ensureSimBinary, ensureSpareCopy } from './sim-build.ts';
import { executableName, placeSimExecutable, programOf } from './sim-executable.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function scratch(): Promise<string> {
  const { dir, cleanup } = await tempDir('sim-exe');
  cleanups.push(cleanup);
  return dir;
}

function magic(file: string): string {
  const fd = openSync(file, 'r');
  const head = Buffer.alloc(4);
  readSync(fd, head, 0, 4, 0);
  closeSync(fd);
  return head.toString('latin1');
}

/** What the platform's loader runs: ELF on Linux, PE on Windows, Mach-O (64-bit, either order) on macOS. */
const EXPECTED_MAGIC: Partial<Record<NodeJS.Platform, string[]>> = {
  linux: ['\x7fELF'],
  win32: ['MZ'],
  darwin: ['\xcf\xfa\xed\xfe', '\xfe\xed\xfa\xcf'],
};

const sameFile = (a: string, b: string) => statSync(a, { bigint: true }).ino === statSync(b, { bigint: true }).ino;

describe('simulator executable names', () => {
  it('picks the program from the file name, ignoring .exe and case', () => {
    expect(programOf('/x/steamcmd')).toBe('steamcmd');
    expect(programOf('/SteamCMD/steamcmd.exe')).toBe('steamcmd');
    expect(programOf('/i/ShooterGame/Binaries/Win64/ArkAscendedServer.exe')).toBe('ark-server');
    expect(programOf('arkascendedserver.EXE')).toBe('ark-server');
    expect(programOf('/x/steamcmd.sh')).toBeNull();
    expect(programOf('/x/ark-asa-sim')).toBeNull();
  });

  it('adds .exe on Windows only', () => {
    expect(executableName('steamcmd', 'win32')).toBe('steamcmd.exe');
    expect(executableName('steamcmd', 'linux')).toBe('steamcmd');
  });
});

describe('placeSimExecutable', () => {
  it('hard-links the one cached native executable, replacing what was there', async () => {
    const dir = await scratch();
    const cached = await ensureSimBinary();
    expect(EXPECTED_MAGIC[process.platform] ?? []).toContain(magic(cached));
    const exe = path.join(dir, 'Win64', 'ArkAscendedServer.exe');
    await placeSimExecutable(exe);
    writeFileSync(path.join(dir, executableName('steamcmd')), 'an older file');
    await placeSimExecutable(path.join(dir, executableName('steamcmd')));
    expect(sameFile(exe, cached)).toBe(true);
    expect(sameFile(path.join(dir, executableName('steamcmd')), cached)).toBe(true);
  });

  it('refuses a name that selects no program', async () => {
    const dir = await scratch();
    await expect(placeSimExecutable(path.join(dir, 'steamcmd.sh'))).rejects.toThrow(/not a simulator program name/);
  });

  it('exits 2 when started under another name', async () => {
    const dir = await scratch();
    const other = path.join(dir, executableName('other'));
    linkSync(await ensureSimBinary(), other);
    const result = await run(other, []);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('must be named steamcmd or ArkAscendedServer');
  });

  it('keeps one spare copy per directory for volumes the cache cannot link to', async () => {
    const dir = await scratch();
    const cached = await ensureSimBinary();
    const spare = await ensureSpareCopy(cached, dir);
    expect(await ensureSpareCopy(cached, dir)).toBe(spare);
    expect(statSync(spare).size).toBe(statSync(cached).size);
    expect(sameFile(spare, cached)).toBe(false);
  });
});

describe.runIf(process.platform === 'linux')('process identity (Linux)', () => {
  let fx: ServerFixture | null = null;
  afterEach(async () => {
    await fx?.cleanup();
    fx = null;
  });

  it('runs as the instance file itself: /proc/<pid>/exe and argv[0] are ArkAscendedServer.exe', async () => {
    fx = await serverFixture();
    const proc = fx.start(serverArgs());
    await fx.waitLog(ADVERTISING);
    const pid = await waitFor(() => proc.child.pid, 'a pid');
    expect(readlinkSync(`/proc/${pid}/exe`)).toBe(fx.exe);
    expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0]).toBe(fx.exe);
  });
});

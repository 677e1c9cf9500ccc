import { existsSync, linkSync, readFileSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { installArgs, outputLines, steamcmdFixture } from '../test-support/steamcmd-fixture.ts';
import type { SteamcmdFixture } from '../test-support/steamcmd-fixture.ts';
import { writeSteamcmdControl } from './install.ts';

let fx: SteamcmdFixture | null = null;
afterEach(async () => {
  await fx?.cleanup();
  fx = null;
});

const header = (home: string): string[] => [
  `Redirecting stderr to '${path.join(home, 'logs', 'stderr.txt')}'`,
  '[  0%] Checking for available updates...',
  '[----] Verifying installation...',
  'Steam Console Client (c) Valve Corporation - version 1698262904',
  "-- type 'quit' to exit --",
  'Loading Steam API...OK',
  '',
  'Connecting anonymously to Steam Public...OK',
  'Waiting for client config...OK',
  'Waiting for user info...OK',
];

// Exact transcript for the default 1 MiB payload: 1048576 pak bytes + 7221 bytes of small files.
const T = 1055797;
const downloadLines = [0, 105580, 211159, 316739, 422319, 527899, 633478, 739058, 844638, 950217, 1055797].map(
  (done, i) => ` Update state (0x61) downloading, progress: ${(i * 10).toFixed(2)} (${done} / ${T})`,
);
const installLines = [
  ' Update state (0x3) reconfiguring, progress: 0.00 (0 / 0)',
  ` Update state (0x11) preallocating, progress: 0.00 (0 / ${T})`,
  ...downloadLines,
  ` Update state (0x81) verifying update, progress: 50.00 (527899 / ${T})`,
  ` Update state (0x81) verifying update, progress: 100.00 (${T} / ${T})`,
  ` Update state (0x101) committing, progress: 0.00 (0 / ${T})`,
  ` Update state (0x101) committing, progress: 100.00 (${T} / ${T})`,
  "Success! App '2430930' fully installed.",
  '',
  'Unloading Steam API...OK',
];

describe('steamcmd simulator: install and update', () => {
  it('prints the exact transcript of a fresh install and writes manifest and tree', async () => {
    fx = await steamcmdFixture();
    const result = await fx.run(installArgs(fx.installDir));
    expect(result.code).toBe(0);
    expect(outputLines(result.stdout)).toEqual([...header(fx.home), ...installLines]);

    const acf = readFileSync(path.join(fx.installDir, 'steamapps', 'appmanifest_2430930.acf'), 'utf8');
    expect(acf.startsWith('"AppState"\n{\n\t"appid"\t\t"2430930"\n')).toBe(true);
    for (const [k, v] of [
      ['name', 'ARK: Survival Ascended Dedicated Server'],
      ['StateFlags', '4'],
      ['buildid', '12345678'],
      ['BytesToDownload', String(T)],
      ['BytesDownloaded', String(T)],
      ['BytesToStage', String(T)],
      ['BytesStaged', String(T)],
    ]) {
      expect(acf).toContain(`\t"${k}"\t\t"${v}"\n`);
    }
    expect(acf).toMatch(
      /"InstalledDepots"\n\t\{\n\t\t"2430931"\n\t\t\{\n\t\t\t"manifest"\t\t"\d{19}"\n\t\t\t"size"\t\t"1055797"/,
    );

    const win64 = path.join(fx.installDir, 'ShooterGame', 'Binaries', 'Win64');
    const exe = path.join(win64, 'ArkAscendedServer.exe');
    // The server exe is the simulator executable steamcmd itself runs from: a hard link, not a copy.
    expect(statSync(exe, { bigint: true }).ino).toBe(statSync(fx.exe, { bigint: true }).ino);
    if (process.platform !== 'win32') expect(statSync(exe).mode & 0o777).toBe(0o755);
    const pak = path.join(fx.installDir, 'ShooterGame', 'Content', 'Paks', 'ShooterGame-WindowsServer.pak');
    expect(statSync(pak).size).toBe(1024 * 1024);
    expect(statSync(pak).blocks * 512).toBeGreaterThanOrEqual(1024 * 1024); // real bytes, not sparse
    expect(readFileSync(path.join(win64, 'version.txt'), 'utf8').trim()).toBe('25.54');
    expect(existsSync(path.join(fx.installDir, 'ShooterGame', 'Saved'))).toBe(false);
    expect(existsSync(path.join(fx.installDir, 'steamapps', 'downloading', '2430930'))).toBe(false);
    expect(existsSync(path.join(fx.installDir, 'steamapps', 'temp'))).toBe(false);
  });

  it('says already up to date when the manifest has the target build', async () => {
    fx = await steamcmdFixture();
    expect((await fx.run(installArgs(fx.installDir))).code).toBe(0);
    const again = await fx.run(installArgs(fx.installDir));
    expect(again.code).toBe(0);
    const lines = outputLines(again.stdout);
    expect(lines.slice(-3)).toEqual(["Success! App '2430930' already up to date.", '', 'Unloading Steam API...OK']);
    expect(again.stdout).not.toContain('Update state');
  });

  it('validates an existing install with a 0x5 pass first', async () => {
    fx = await steamcmdFixture();
    await fx.run(installArgs(fx.installDir));
    const result = await fx.run(installArgs(fx.installDir, ['validate']));
    expect(result.code).toBe(0);
    const states = outputLines(result.stdout).filter((l) => l.startsWith(' Update state'));
    expect(states.length).toBeGreaterThan(0);
    expect(states.every((l) => l.startsWith(' Update state (0x5) verifying install, progress: '))).toBe(true);
    expect(states.at(-1)).toMatch(/progress: 100\.00 \((\d+) \/ \1\)$/);
    expect(result.stdout).toContain("Success! App '2430930' fully installed.");
  });

  it('re-downloads missing files on validate', async () => {
    fx = await steamcmdFixture();
    await fx.run(installArgs(fx.installDir));
    const pak = path.join(fx.installDir, 'ShooterGame', 'Content', 'Paks', 'ShooterGame-WindowsServer.pak');
    await writeFile(pak, 'truncated');
    const result = await fx.run(installArgs(fx.installDir, ['validate']));
    const codes = outputLines(result.stdout)
      .map((l) => /^ Update state \((0x[0-9a-f]+)\)/.exec(l)?.[1])
      .filter((c) => c !== undefined);
    expect([...new Set(codes)]).toEqual(['0x5', '0x3', '0x11', '0x61', '0x81', '0x101']);
    expect(statSync(pak).size).toBe(1024 * 1024);
  });

  it('updates to a new build in place, leaving hard links to the old build intact', async () => {
    fx = await steamcmdFixture();
    await fx.run(installArgs(fx.installDir));
    const pak = path.join(fx.installDir, 'ShooterGame', 'Content', 'Paks', 'ShooterGame-WindowsServer.pak');
    const linked = path.join(path.dirname(fx.installDir), 'instance.pak');
    linkSync(pak, linked);
    const before = readFileSync(linked);
    await writeSteamcmdControl(fx.home, { buildId: '22222222' });
    const result = await fx.run(installArgs(fx.installDir));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Success! App '2430930' fully installed.");
    const acf = readFileSync(path.join(fx.installDir, 'steamapps', 'appmanifest_2430930.acf'), 'utf8');
    expect(acf).toContain('"buildid"\t\t"22222222"');
    expect(readFileSync(linked).equals(before)).toBe(true);
    expect(readFileSync(pak).equals(before)).toBe(false);
  });

  it('refuses force_install_dir after login (Missing configuration, exit 8)', async () => {
    fx = await steamcmdFixture();
    const result = await fx.run([
      '+login',
      'anonymous',
      '+force_install_dir',
      fx.installDir,
      '+app_update',
      '2430930',
      '+quit',
    ]);
    expect(result.code).toBe(8);
    const lines = outputLines(result.stdout);
    const at = lines.indexOf('Please use force_install_dir before logon!');
    expect(at).toBeGreaterThan(lines.indexOf('Waiting for user info...OK'));
    expect(lines[at + 1]).toBe("ERROR! Failed to install app '2430930' (Missing configuration)");
    expect(existsSync(fx.installDir)).toBe(false);
  });

  it('runs a runscript with settings, comments and a quoted path with spaces', async () => {
    fx = await steamcmdFixture();
    const script = path.join(path.dirname(fx.home), 'update.txt');
    const lines = [
      '@ShutdownOnFailedCommand 1',
      '@NoPromptForPassword 1',
      '// comment line',
      '',
      `force_install_dir "${fx.installDir}"`,
      'login anonymous',
      'app_update 2430930 -beta public_test_realm validate',
      'quit',
    ];
    await writeFile(script, lines.join('\r\n'));
    const result = await fx.run(['+@sSteamCmdForcePlatformType', 'windows', '+runscript', script]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('"@ShutdownOnFailedCommand" = "1"');
    expect(result.stdout).toContain("Success! App '2430930' fully installed.");
    const acf = readFileSync(path.join(fx.installDir, 'steamapps', 'appmanifest_2430930.acf'), 'utf8');
    expect(acf).toContain('"BetaKey"\t\t"public_test_realm"');
  });

  it('installs under steamapps/common without force_install_dir', async () => {
    fx = await steamcmdFixture();
    const result = await fx.run(['+login', 'anonymous', '+app_update', '2430930', '+quit']);
    expect(result.code).toBe(0);
    const dir = path.join(fx.home, 'steamapps', 'common', 'ARK Survival Ascended Dedicated Server');
    expect(existsSync(path.join(dir, 'ShooterGame', 'Binaries', 'Win64', 'ArkAscendedServer.exe'))).toBe(true);
  });
});

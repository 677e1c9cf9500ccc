import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, waitFor } from '../test-support/process.ts';
import { RconTestClient } from '../test-support/rcon-test-client.ts';
import { ADVERTISING, logLines, messages, serverArgs, serverFixture } from '../test-support/server-fixture.ts';
import type { ServerFixture } from '../test-support/server-fixture.ts';

let fx: ServerFixture | null = null;
afterEach(async () => {
  await fx?.cleanup();
  fx = null;
});

const PREFIX = /^\[(\d{4})\.(\d\d)\.(\d\d)-(\d\d)\.(\d\d)\.(\d\d):\d{3}\]\[[ \d]{2}\d\]/;

describe('ASA server simulator: startup, logs, exit paths', () => {
  it('writes the UE log format and the startup sequence, then advertises', async () => {
    fx = await serverFixture();
    const args = serverArgs({ session: 'My Sim', extra: ['-log'] });
    fx.start(args, { ...process.env, TZ: 'Asia/Kolkata' });
    const log = await fx.waitLog(ADVERTISING);
    expect(log.startsWith('\uFEFF[')).toBe(true);
    const lines = logLines(log);
    for (const line of lines) expect(line).toMatch(PREFIX);
    // Prefix in UTC, `Log file open` in local time (+05:30 here).
    const first =
      /^\[(\d{4})\.(\d\d)\.(\d\d)-(\d\d)\.(\d\d)\.(\d\d):\d{3}\]\[ {2}0\]Log file open, (\d\d)\/(\d\d)\/(\d\d) (\d\d):(\d\d):(\d\d)$/.exec(
        lines[0] ?? '',
      );
    expect(first).not.toBeNull();
    const [, y, mo, d, h, mi, s, lmo, ld, ly, lh, lmi, ls] = (first ?? []).map(Number);
    const utc = Date.UTC(y ?? 0, (mo ?? 1) - 1, d, h, mi, s);
    const local = Date.UTC(2000 + (ly ?? 0), (lmo ?? 1) - 1, ld, lh, lmi, ls);
    expect(local - utc).toBe(5.5 * 3600 * 1000);

    const msgs = messages(log);
    const order = [
      'LogMemory: Platform Memory Stats for WindowsServer',
      'ARK Version: 25.54',
      'Server Initializing with BattlEye Anti-Cheat Protection. If you do not wish to use BattlEye, please launch with -NoBattlEye',
      'BattlEye successfully started.',
      'Server: "My Sim" has successfully started!',
      `Commandline:  ${args.join(' ')}`,
      ADVERTISING,
    ].map((m) => msgs.indexOf(m));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(msgs.some((m) => /^Primal Game Data Took \d+\.\d\d seconds$/.test(m))).toBe(true);
    const full = msgs.findIndex((m) => /^Full Startup: \d+\.\d\d seconds$/.test(m));
    expect(full).toBe(msgs.indexOf(`Commandline:  ${args.join(' ')}`) + 1);
    expect(msgs[full + 1]).toMatch(/^Number of cores \d+$/);
    expect(fx.journal().map((j) => j.event)).toEqual(['started', 'ready']);
  });

  it('omits BattlEye with -NoBattlEye and logs mods', async () => {
    fx = await serverFixture();
    fx.start(serverArgs({ extra: ['-NoBattlEye', '-mods=928597,939228'] }));
    const msgs = messages(await fx.waitLog(ADVERTISING));
    expect(msgs.filter((m) => !m.startsWith('Commandline:')).some((m) => m.includes('BattlEye'))).toBe(false);
    expect(msgs).toContain('LogCFCore: Detected OS Windows:');
    const mods = msgs.filter((m) => m.startsWith('UShooterEngine::LoadGameMods Loading Mod ShooterGame/Mods/83374/'));
    expect(mods.map((m) => m.split(' : ')[1])).toEqual(['928597', '939228']);
    expect(existsSync(path.join(fx.win64, 'ShooterGame', 'ModsUserData', '83374', 'library.json'))).toBe(true);
  });

  it('falls back to GameUserSettings.ini for RCON and the session name', async () => {
    fx = await serverFixture();
    const port = await freePort();
    const configDir = path.join(fx.saved, 'Config', 'WindowsServer');
    await mkdir(configDir, { recursive: true });
    const ini = `[ServerSettings]\r\nRCONEnabled=True\r\nRCONPort=${port}\r\nServerAdminPassword=inipw\r\n\r\n[SessionSettings]\r\nSessionName=From Ini\r\n`;
    await writeFile(path.join(configDir, 'GameUserSettings.ini'), ini);
    fx.start(['TheIsland_WP?listen', '-NoBattlEye']);
    const msgs = messages(await fx.waitLog(ADVERTISING));
    expect(msgs).toContain('Server: "From Ini" has successfully started!');
    const client = await RconTestClient.connect(port);
    expect((await client.auth('inipw', 5)).id).toBe(5);
    client.close();
  });

  it('rotates the previous log to ShooterGame-backup-<timestamp>.log', async () => {
    fx = await serverFixture();
    const first = fx.start(serverArgs({ session: 'First Run' }));
    await fx.waitLog(ADVERTISING);
    first.child.kill('SIGTERM');
    await first.done;
    fx.start(serverArgs({ session: 'Second Run' }));
    await fx.waitLog('"Second Run" has successfully started!');
    const logsDir = path.dirname(fx.logFile);
    const backups = readdirSync(logsDir).filter((f) =>
      /^ShooterGame-backup-\d{4}\.\d\d\.\d\d-\d\d\.\d\d\.\d\d\.log$/.test(f),
    );
    expect(backups).toHaveLength(1);
    expect(readFileSync(path.join(logsDir, backups[0] ?? ''), 'utf8')).toContain('"First Run"');
    expect(fx.log()).not.toContain('"First Run"');
  });

  it('crashNow: exits non-zero with a crash folder and a .crashstack', async () => {
    fx = await serverFixture();
    const proc = fx.start(serverArgs());
    await fx.waitLog(ADVERTISING);
    await fx.control({ crashNow: true });
    const result = await proc.done;
    expect(result.code).toBe(3);
    const crashes = readdirSync(path.join(fx.saved, 'Crashes'));
    expect(crashes).toHaveLength(1);
    expect(crashes[0]).toMatch(/^UECC-Windows-[0-9A-F]{32}_0000$/);
    const xml = readFileSync(path.join(fx.saved, 'Crashes', crashes[0] ?? '', 'CrashContext.runtime-xml'), 'utf8');
    expect(xml).toContain(`<CrashGUID>${crashes[0]}</CrashGUID>`);
    expect(xml).toContain('<ExecutableName>ArkAscendedServer</ExecutableName>');
    expect(xml).toContain('<PlatformName>WindowsServer</PlatformName>');
    expect(xml).toContain('<CommandLine> TheIsland_WP?listen?');
    const stack = readdirSync(path.dirname(fx.logFile)).find((f) => f.endsWith('.crashstack'));
    expect(stack).toBeDefined();
    const stackText = readFileSync(path.join(path.dirname(fx.logFile), stack ?? ''));
    expect(stackText.subarray(2).toString('utf16le').startsWith('Fatal error!')).toBe(true);
    expect(fx.journal().at(-1)?.event).toBe('crash');
    const control = JSON.parse(readFileSync(path.join(fx.saved, 'sim-control.json'), 'utf8')) as { crashNow: boolean };
    expect(control.crashNow).toBe(false);
  });

  it('hard crash: exit code without crash files', async () => {
    fx = await serverFixture({ crashAfterSeconds: 0, crashWithoutFiles: true, crashExitCode: 139 });
    const result = await fx.start(serverArgs()).done;
    expect(result.code).toBe(139);
    expect(existsSync(path.join(fx.saved, 'Crashes'))).toBe(false);
  });

  it('hangOnStart: never reaches Full Startup, RCON never listens', async () => {
    const port = await freePort();
    fx = await serverFixture({ hangOnStart: true, startupSeconds: 0.2 });
    const proc = fx.start(serverArgs({ rconPort: port, password: 'pw' }));
    await fx.waitLog('has successfully started!');
    await new Promise((r) => setTimeout(r, 1000));
    expect(fx.log()).not.toContain('Full Startup:');
    await expect(RconTestClient.connect(port)).rejects.toThrow();
    expect(proc.child.exitCode).toBeNull();
  });

  it('dies at once on SIGTERM without saving', async () => {
    fx = await serverFixture();
    const proc = fx.start(serverArgs());
    await fx.waitLog(ADVERTISING);
    proc.child.kill('SIGTERM');
    const result = await proc.done;
    expect(result.signal).toBe('SIGTERM');
    expect(fx.log()).not.toContain('World Save Complete');
    // Windows has no SIGTERM: kill() is TerminateProcess, so no handler runs and nothing is journaled.
    if (process.platform !== 'win32') expect(fx.journal().at(-1)).toMatchObject({ event: 'exit', signal: 'SIGTERM' });
  });

  it('shows scheduled players joining and leaving in the log', async () => {
    const id = '0002214a4a6742d9a347bd449b2dc143';
    fx = await serverFixture({ players: [{ name: 'Rex Rider', id, joinAfterSec: 0, leaveAfterSec: 0.3 }] });
    fx.start(serverArgs());
    const log = await fx.waitLog('left this ARK!');
    const msgs = messages(log);
    const joined = msgs.find((m) => m.endsWith('joined this ARK!'));
    expect(joined).toMatch(
      /^\d{4}\.\d\d\.\d\d_\d\d\.\d\d\.\d\d: Rex Rider \[UniqueNetId:0002214a4a6742d9a347bd449b2dc143 Platform:None\] joined this ARK!$/,
    );
    expect(msgs.some((m) => m.endsWith(`Rex Rider [UniqueNetId:${id} Platform:None] left this ARK!`))).toBe(true);
    await waitFor(() => fx?.journal().some((j) => j.event === 'player-left'), 'journal player-left');
  });

  it('floods the log at the configured rate, live', async () => {
    fx = await serverFixture();
    fx.start(serverArgs());
    await fx.waitLog(ADVERTISING);
    await fx.control({ floodLinesPerSec: 2000 });
    await waitFor(
      () => messages(fx?.log() ?? '').filter((m) => m.startsWith('LogSimFlood: ')).length >= 200,
      'flood lines',
    );
    await fx.control({ floodLinesPerSec: 0 });
  });
});

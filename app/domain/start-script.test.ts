import { describe, expect, it } from 'vitest';
import { parseStartScript, splitWindowsArgs } from './start-script.ts';

describe('splitWindowsArgs', () => {
  it('groups quoted text and removes the quotes, also inside an argument', () => {
    expect(splitWindowsArgs('a "b c" d?SessionName="My Server"?Port=7777')).toEqual([
      'a',
      'b c',
      'd?SessionName=My Server?Port=7777',
    ]);
  });

  it('reads "" inside quotes as a quote and keeps an empty quoted argument', () => {
    expect(splitWindowsArgs('start "" "say ""hi"""')).toEqual(['start', '', 'say "hi"']);
  });
});

describe('parseStartScript', () => {
  it('reads a typical start.bat with start "" /affinity and a quoted path with spaces', () => {
    const bat = [
      '@echo off',
      'rem Island server',
      'start "" /affinity F /high "C:\\ARK Servers\\Island\\ShooterGame\\Binaries\\Win64\\ArkAscendedServer.exe" TheIsland_WP?listen?SessionName="My Island"?Port=7790?RCONPort=27030?ServerAdminPassword=secret -WinLiveMaxPlayers=20 -NoBattlEye -mods=928597,900062',
      'exit',
    ].join('\r\n');
    const cmd = parseStartScript(bat)!;
    expect(cmd.exe).toBe('C:\\ARK Servers\\Island\\ShooterGame\\Binaries\\Win64\\ArkAscendedServer.exe');
    expect(cmd.args).toEqual([
      'TheIsland_WP?listen?SessionName=My Island?Port=7790?RCONPort=27030?ServerAdminPassword=secret',
      '-WinLiveMaxPlayers=20',
      '-NoBattlEye',
      '-mods=928597,900062',
    ]);
    expect(cmd.warnings).toEqual([]);
  });

  it('substitutes set variables, joins ^ continuations and skips comments', () => {
    const bat = [
      ':: made by hand',
      'set MAP=ScorchedEarth_WP',
      'set "NAME=Desert Fun"',
      'cd /d "%~dp0"',
      'ShooterGame\\Binaries\\Win64\\ArkAscendedServer.exe %MAP%?listen?SessionName="%NAME%" ^',
      '  -clusterid=abc -servergamelog',
    ].join('\n');
    const cmd = parseStartScript(bat)!;
    expect(cmd.args).toEqual(['ScorchedEarth_WP?listen?SessionName=Desert Fun', '-clusterid=abc', '-servergamelog']);
  });

  it('reads AsaApiLoader.exe lines and names an unset variable in a warning', () => {
    const cmd = parseStartScript('start AsaApiLoader.exe TheCenter_WP?listen?Port=%PORT% -log')!;
    expect(cmd.exe).toBe('AsaApiLoader.exe');
    expect(cmd.args).toEqual(['TheCenter_WP?listen?Port=%PORT%', '-log']);
    expect(cmd.warnings[0]).toContain('%PORT%');
  });

  it('answers null for a script that does not start the server (an update script)', () => {
    expect(
      parseStartScript('steamcmd.exe +force_install_dir C:\\asa +login anonymous +app_update 2430930 +quit'),
    ).toBeNull();
    expect(parseStartScript('rem start ArkAscendedServer.exe TheIsland_WP')).toBeNull();
  });
});

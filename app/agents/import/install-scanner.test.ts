import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../domain/app-error.ts';
import { scanInstall } from './install-scanner.ts';

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  dirs = [];
});

function write(root: string, rel: string, text: string | Buffer): void {
  const file = path.join(root, ...rel.split('/'));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

function fakeInstall(): string {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'asa-scan-'));
  dirs.push(parent);
  const root = path.join(parent, 'Island Server');
  write(root, 'ShooterGame/Binaries/Win64/ArkAscendedServer.exe', 'MZ');
  write(root, 'ShooterGame/Binaries/Win64/PlayersJoinNoCheckList.txt', '0002a\r\n0002b\r\n');
  write(root, 'ShooterGame/Saved/AllowedCheaterAccountIDs.txt', '0001\r\n');
  write(root, 'ShooterGame/Saved/SavedArks/TheIsland_WP/TheIsland_WP.ark', 'world');
  write(root, 'ShooterGame/Saved/SavedArks/TheIsland_WP/TheIsland_WP_01.12.2026_10.00.00.ark', 'old copy');
  write(root, 'ShooterGame/Saved/SavedArks/TheIsland_WP/0002a.arkprofile', 'p');
  write(root, 'ShooterGame/Saved/SavedArks/TheIsland_WP/1234.arktribe', 't');
  write(
    root,
    'ShooterGame/Saved/Config/WindowsServer/GameUserSettings.ini',
    '[SessionSettings]\r\nSessionName=From INI\r\nPort=7777\r\n[ServerSettings]\r\nRCONPort=27020\r\nServerAdminPassword=iniSecret\r\n',
  );
  write(root, 'ShooterGame/Saved/Config/WindowsServer/Game.ini', '[/script/shootergame.shootergamemode]\r\n');
  write(root, 'ShooterGame/Saved/clusters/abc/0002a', 'upload');
  return root;
}

describe('scanInstall', () => {
  it('finds the world, INI and list files, and takes the start script over the INI', async () => {
    const root = fakeInstall();
    write(
      path.dirname(root),
      'start-island.bat',
      '@echo off\r\nstart "" /affinity 3 ArkAscendedServer.exe TheIsland_WP?listen?SessionName="Bat Island"?Port=7791 -WinLiveMaxPlayers=12\r\n',
    );
    const scan = await scanInstall(root);
    expect(scan.hasServerExe).toBe(true);
    expect(scan.map).toBe('TheIsland_WP');
    expect(scan.worlds).toMatchObject([
      { saveDir: 'SavedArks', folder: 'TheIsland_WP', world: 'TheIsland_WP.ark', profiles: 2 },
    ]);
    expect(scan.worlds[0]!.files).toHaveLength(3);
    expect(scan.configFiles.map((f) => f.name)).toEqual(['GameUserSettings.ini', 'Game.ini']);
    expect(scan.playerLists).toEqual([
      expect.objectContaining({ list: 'admins', ids: 1 }),
      expect.objectContaining({ list: 'join-no-check', ids: 2 }),
    ]);
    expect(scan.clusterDir).toBe(path.join(fs.realpathSync(root), 'ShooterGame', 'Saved', 'clusters'));
    expect(scan.settings).toMatchObject({
      sessionName: 'Bat Island',
      gamePort: 7791,
      rconPort: 27020,
      adminPassword: 'iniSecret',
      maxPlayers: 12,
    });
    expect(scan.scripts).toEqual([expect.objectContaining({ kind: 'batch', used: true })]);
  });

  it('reads a JSON profile of another manager when there is no start script', async () => {
    const root = fakeInstall();
    write(
      root,
      'server-profile.json',
      JSON.stringify({ sessionName: 'Profile Island', port: 7795, rconPort: 27035, mapFolder: 'x', installDir: root }),
    );
    const scan = await scanInstall(root);
    expect(scan.settings).toMatchObject({ sessionName: 'Profile Island', gamePort: 7795, rconPort: 27035 });
    expect(scan.scripts).toEqual([expect.objectContaining({ kind: 'profile', used: true })]);
  });

  it('refuses a missing folder and a folder that is not an ASA server, naming sourcePath', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'asa-scan-empty-'));
    dirs.push(empty);
    for (const p of [path.join(empty, 'nope'), empty, 'relative/path']) {
      const err = await scanInstall(p).catch((e: unknown) => e);
      expect(isAppError(err) && err.code).toBe('validation-failed');
      expect(JSON.stringify((err as { details?: unknown }).details)).toContain('sourcePath');
    }
  });
});

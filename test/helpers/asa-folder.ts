import fs from 'node:fs';
import path from 'node:path';

/** Hard links of a build's files (the simulator binary is about 100 MB): the server files of a fake install. */
export function linkTree(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const e of fs.readdirSync(from, { withFileTypes: true })) {
    const [src, dst] = [path.join(from, e.name), path.join(to, e.name)];
    if (e.isDirectory()) linkTree(src, dst);
    else if (e.isFile()) fs.linkSync(src, dst);
  }
}

export function writeIn(root: string, rel: string, data: string | Buffer): void {
  const file = path.join(root, ...rel.split('/'));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, data);
}

/** The start.bat a person writes for a server in `dir` (quoted path, `start ""` with an affinity). */
export function startBat(dir: string, opts: { game: number; rcon: number; session: string }): string {
  const exe = path.join(dir, 'ShooterGame', 'Binaries', 'Win64', 'ArkAscendedServer.exe');
  return `@echo off\r\nstart "" /affinity 3 "${exe}" TheIsland_WP?listen?SessionName="${opts.session}"?Port=${opts.game}?RCONPort=${opts.rcon} -WinLiveMaxPlayers=16 -servergamelog\r\n`;
}

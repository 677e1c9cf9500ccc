// Installs a steamcmd simulator in a temp dir for a test and runs it as a real process.
import path from 'node:path';
import { installSteamcmdSim } from '../steamcmd/install.ts';
import type { SteamcmdSimControl } from '../steamcmd/install.ts';
import { STEAMCMD_JOURNAL } from '../steamcmd/main.ts';
import { readText, run, tempDir } from './process.ts';
import type { RunResult } from './process.ts';

export interface SteamcmdFixture {
  home: string;
  /** The steamcmd executable (`steamcmd.exe` on Windows). */
  exe: string;
  /** A fresh force_install_dir target inside the temp dir. */
  installDir: string;
  run(args: readonly string[]): Promise<RunResult>;
  cleanup(): Promise<void>;
}

export async function steamcmdFixture(control: Partial<SteamcmdSimControl> = {}): Promise<SteamcmdFixture> {
  const { dir, cleanup } = await tempDir('steamcmd-sim');
  const home = path.join(dir, 'steamcmd');
  const exe = await installSteamcmdSim(home, { durationMs: 150, ...control });
  return { home, exe, installDir: path.join(dir, 'server build'), run: (args) => run(exe, args), cleanup };
}

/** The canonical install command line (docs/ark-facts.md#install-and-update-command). */
export function installArgs(installDir: string, extra: readonly string[] = []): string[] {
  return ['+force_install_dir', installDir, '+login', 'anonymous', '+app_update', '2430930', ...extra, '+quit'];
}

export function outputLines(stdout: string): string[] {
  const lines = stdout.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** Pids of every steamcmd run in `home` so far, oldest first (from the simulator's journal). */
export function steamcmdPids(home: string): number[] {
  return readText(path.join(home, STEAMCMD_JOURNAL))
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => (JSON.parse(l) as { pid: number }).pid);
}

// An install root with the ArkAscendedServer.exe simulator executable, for tests that run the server simulator.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { writeServerControl, writeServerLauncher } from '../ark-server/install.ts';
import type { ServerSimControl } from '../ark-server/install.ts';
import { readText, start, tempDir, waitFor } from './process.ts';
import type { Running } from './process.ts';

export interface JournalLine {
  event: string;
  [key: string]: unknown;
}

export interface ServerFixture {
  root: string;
  exe: string;
  win64: string;
  saved: string;
  logFile: string;
  running: Running[];
  /** Starts the exe with cwd = Win64, like the real managers. */
  start(args: readonly string[], env?: NodeJS.ProcessEnv): Running;
  control(partial: Partial<ServerSimControl>): Promise<void>;
  log(): string;
  journal(): JournalLine[];
  waitLog(text: string): Promise<string>;
  cleanup(): Promise<void>;
}

export const ADVERTISING = 'Server has completed startup and is now advertising for join.';

export async function serverFixture(control: Partial<ServerSimControl> = {}): Promise<ServerFixture> {
  const { dir, cleanup } = await tempDir('ark-sim');
  const root = path.join(dir, 'instance 1');
  const win64 = path.join(root, 'ShooterGame', 'Binaries', 'Win64');
  const exe = path.join(win64, 'ArkAscendedServer.exe');
  await mkdir(win64, { recursive: true });
  await writeServerLauncher(exe);
  await writeServerControl(root, { startupSeconds: 0.3, saveSeconds: 0.05, exitDelayMs: 100, ...control });
  const saved = path.join(root, 'ShooterGame', 'Saved');
  const logFile = path.join(saved, 'Logs', 'ShooterGame.log');
  const fx: ServerFixture = {
    root,
    exe,
    win64,
    saved,
    logFile,
    running: [],
    start(args, env) {
      const proc = start(exe, args, { cwd: win64, env: env ?? process.env });
      fx.running.push(proc);
      return proc;
    },
    control: (partial) => writeServerControl(root, partial),
    log: () => readText(logFile),
    journal: () =>
      readText(path.join(saved, 'sim-journal.jsonl'))
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as JournalLine),
    waitLog: (text) => waitFor(() => fx.log().includes(text) && fx.log(), `log line "${text}"`),
    async cleanup() {
      for (const r of fx.running) {
        if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill('SIGKILL');
        await r.done.catch(() => undefined);
      }
      await cleanup();
    },
  };
  return fx;
}

export function serverArgs(
  opts: { rconPort?: number; password?: string; session?: string; extra?: string[]; query?: string[] } = {},
): string[] {
  const url = [
    'TheIsland_WP',
    'listen',
    `SessionName="${opts.session ?? 'Sim Server'}"`,
    'Port=7777',
    ...(opts.query ?? []),
  ];
  if (opts.rconPort !== undefined) url.push('RCONEnabled=True', `RCONPort=${opts.rconPort}`);
  if (opts.password !== undefined) url.push(`ServerAdminPassword=${opts.password}`);
  return [url.join('?'), '-WinLiveMaxPlayers=10', ...(opts.extra ?? ['-NoBattlEye'])];
}

/** Log lines without the BOM and CRLF. */
export function logLines(log: string): string[] {
  return log
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter((l) => l !== '');
}

/** The text after the `[timestamp][frame]` prefix. */
export function messages(log: string): string[] {
  return logLines(log).map((l) => l.replace(/^\[[^\]]+\]\[[ \d]{3}\]/, ''));
}

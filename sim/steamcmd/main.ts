// The steamcmd simulator's program, run by the simulator executable when it is named steamcmd(.exe)
// (see sim/shared/sim-entry.ts and install.ts).
import { appendFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgv, parseScript } from './commands.ts';
import { CLIENT_VERSION } from './constants.ts';
import { ConsoleOut } from './console-out.ts';
import { readSteamcmdControl } from './control.ts';
import type { SteamcmdSimControl } from './control.ts';
import { Session } from './session.ts';

/** One JSON line per run: `{ pid, args }`. */
export const STEAMCMD_JOURNAL = 'steamcmd-sim-journal.jsonl';

/** Marks a home whose steamcmd already updated itself once (docs/ark-facts.md#first-run-self-update). */
const BOOTSTRAP_FLAG = path.join('package', 'steamcmd-sim.installed');

/** The self-update transcript of a fresh steamcmd, which then exits 7 without running commands (§1.3(a), §1.6). */
async function selfUpdate(out: ConsoleOut): Promise<void> {
  const lines = [
    '[  0%] Checking for available update...',
    '[  0%] Downloading update (0 of 11,372 KB)...',
    '[ 97%] Downloading update (11,372 of 11,372 KB)...',
    '[100%] Download Complete.',
    '[----] Applying update...',
    '[----] Extracting package...',
    '[----] Installing update...',
    '[----] Cleaning up...',
    '[----] Update complete, launching...',
  ];
  for (const line of lines) {
    out.line(line);
    await sleep(30);
  }
}

function header(out: ConsoleOut): void {
  out.line('[  0%] Checking for available updates...');
  out.line('[----] Verifying installation...');
  out.line(`Steam Console Client (c) Valve Corporation - version ${CLIENT_VERSION}`);
  out.line("-- type 'quit' to exit --");
  out.line('Loading Steam API...OK');
  out.line('');
}

/** Without `+quit` the real console waits at a `Steam>` prompt; EOF on stdin ends it like `quit`. */
async function interactive(session: Session, out: ConsoleOut): Promise<void> {
  out.write('Steam>');
  out.flush();
  const rl = createInterface({ input: process.stdin });
  for await (const line of rl) {
    await session.runAll(parseScript(line));
    if (session.finished) break;
    out.write('\nSteam>');
    out.flush();
  }
  rl.close();
  out.line('');
}

function exit(out: ConsoleOut, control: SteamcmdSimControl, code: number): never {
  out.flush();
  process.exit(control.exitCodeOverride ?? code);
}

/** Runs steamcmd in `home` (the folder holding the executable, like Steam's own state beside steamcmd.exe). */
export async function runSteamcmdSim(home: string): Promise<void> {
  // Simulator-only, not something Steam writes: tests find the runs' pids here on every platform.
  appendFileSync(
    path.join(home, STEAMCMD_JOURNAL),
    `${JSON.stringify({ pid: process.pid, args: process.argv.slice(2) })}\n`,
  );
  const control = readSteamcmdControl(home);
  const logs = path.join(home, 'logs');
  mkdirSync(logs, { recursive: true });
  writeFileSync(path.join(logs, 'stderr.txt'), '');
  const out = new ConsoleOut({
    buffered: control.bufferedChunks,
    chunkBytes: control.chunkBytes,
    eol: control.crlf ? '\r\n' : '\n',
    consoleLog: path.join(logs, 'console_log.txt'),
  });
  out.line(`Redirecting stderr to '${path.join(logs, 'stderr.txt')}'`);
  const flag = path.join(home, BOOTSTRAP_FLAG);
  const firstRun = !existsSync(flag);
  // Every run marks the home as bootstrapped, so the self-update only ever happens on the very first run.
  mkdirSync(path.dirname(flag), { recursive: true });
  writeFileSync(flag, `${new Date().toISOString()}\n`);
  if (control.mode === 'self-update-first-run' && firstRun) {
    await selfUpdate(out);
    exit(out, control, 7);
  }
  header(out);
  const session = new Session({ home, control, out });
  await session.runAll(parseArgv(process.argv.slice(2)));
  if (!session.finished) await interactive(session, out);
  if (!out.lastLineBlank) out.line('');
  out.line('Unloading Steam API...OK');
  exit(out, control, session.exitCode);
}

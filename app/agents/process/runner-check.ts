// The "Linux runner" diagnostic: is Proton or Wine set, present and answering, when a server needs it.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { LinuxRunner } from '@ark-asa/contracts';
import { isExecutable } from '../host-probes.ts';
import { createCommandRunner, type RunCommand } from './command-runner.ts';
import { executableKind } from './executable-kind.ts';
import { RUNNER_REQUIRED_MESSAGE, runnerFile } from './runner-launch.ts';

export interface RunnerCheck {
  ok: boolean;
  detail: string;
}

export interface RunnerCheckInput {
  runner: LinuxRunner | null;
  /** The server executables of the installed instances: whether any is a Windows program decides if a runner is needed now. */
  serverExes: readonly string[];
  /** Directories searched for python3 (Proton's script runs on it); default $PATH. */
  pathDirs?: readonly string[];
  run?: RunCommand;
}

async function anyWindowsProgram(exes: readonly string[]): Promise<boolean> {
  for (const exe of exes) if ((await executableKind(exe)) === 'windows-pe') return true;
  return false;
}

async function onPath(program: string, dirs: readonly string[]): Promise<boolean> {
  for (const dir of dirs) if (dir && (await isExecutable(path.join(dir, program)))) return true;
  return false;
}

/**
 * Proton cannot be asked for its version without building a prefix, but every Proton folder
 * (Valve's and GE-Proton) carries a `version` file: "<timestamp> <name>".
 */
async function checkProton(file: string, pathDirs: readonly string[]): Promise<RunnerCheck> {
  const version = await readFile(path.join(path.dirname(file), 'version'), 'utf8').catch(() => null);
  const name = version?.trim().split(/\s+/).slice(1).join(' ') || 'version unknown';
  if (!(await onPath('python3', pathDirs))) {
    return { ok: false, detail: `Proton at ${file} (${name}) needs python3, which is not on PATH: install python3` };
  }
  return { ok: true, detail: `Proton at ${file} (${name})` };
}

async function checkWine(file: string, run: RunCommand): Promise<RunnerCheck> {
  try {
    const res = await run(file, ['--version']);
    const line = res.stdout.trim().split('\n')[0] ?? '';
    if (res.code === 0 && line) return { ok: true, detail: `Wine at ${file} (${line})` };
    return { ok: false, detail: `${file} --version failed (exit ${res.code}): ${res.stderr.trim().slice(0, 200)}` };
  } catch (err) {
    return { ok: false, detail: `${file} did not answer --version: ${(err as Error).message}` };
  }
}

/** Linux only (the caller asks only there). */
export async function checkLinuxRunner(input: RunnerCheckInput): Promise<RunnerCheck> {
  const { runner } = input;
  if (!runner) {
    if (await anyWindowsProgram(input.serverExes)) return { ok: false, detail: RUNNER_REQUIRED_MESSAGE };
    return {
      ok: true,
      detail:
        'No Linux runner set. None of the installed servers needs one now; the ArkAscendedServer.exe SteamCMD installs does (Settings → Linux runner, docs/linux-hosts.md)',
    };
  }
  const file = await runnerFile(runner);
  if (!(await isExecutable(file))) {
    return { ok: false, detail: `${file} does not exist or is not executable: check Settings → Linux runner` };
  }
  const pathDirs = input.pathDirs ?? (process.env.PATH ?? '').split(path.delimiter);
  return runner.kind === 'proton'
    ? checkProton(file, pathDirs)
    : checkWine(file, input.run ?? createCommandRunner({ timeoutMs: 20_000 }));
}

// ProcessHost decorator for Linux hosts: a Windows server program is started through Proton or
// Wine, and the process supervised (pid, start time, adoption, kill) is the server the runner
// starts below itself, not the runner.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { ErrorCode, type LinuxRunner } from '@ark-asa/contracts';
import { AppError } from '../../domain/app-error.ts';
import { executableKind } from './executable-kind.ts';
import { readProcStat } from './linux-proc.ts';
import { familyOf, findProgramIn, readProcTree } from './proc-tree.ts';
import {
  sameProcess,
  type HostedProcess,
  type ProcessExit,
  type ProcessHost,
  type ProcessIdentity,
  type ProcessUsage,
  type SpawnOptions,
} from './process-host.ts';
import { pidExists, waitUntilGone, type Liveness } from './process-watch.ts';
import { RUNNER_REQUIRED_MESSAGE, runnerFile, runnerLaunch } from './runner-launch.ts';

export interface RunnerHostOptions {
  platform?: NodeJS.Platform;
  /** The runner setting, read at each start. */
  runner: () => LinuxRunner | null;
  /** STEAM_COMPAT_CLIENT_INSTALL_PATH when the environment has none (default: the prefix's parent). */
  steamClientDir?: () => string | null;
  procRoot?: string;
  /** The program the runner is expected to start (argv[0] under Wine names it). */
  serverProgram?: string;
  /** How long a runner may take to start the server: a first Proton run builds its prefix (default 5 min). */
  findTimeoutMs?: number;
  /** How often the process tree is searched, and a found server checked for its exit (default 250 / 1000 ms). */
  findPollMs?: number;
  exitPollMs?: number;
}

/** How long the runner is given to exit with the server's exit code once the server is gone. */
const WRAPPER_EXIT_GRACE_MS = 2000;

export class RunnerProcessHost implements ProcessHost {
  private readonly platform: NodeJS.Platform;
  private readonly procRoot: string;
  private readonly liveness: Liveness;

  constructor(
    private readonly inner: ProcessHost,
    private readonly opts: RunnerHostOptions,
  ) {
    this.platform = opts.platform ?? process.platform;
    this.procRoot = opts.procRoot ?? '/proc';
    this.liveness = { inspect: (pid) => inner.inspect(pid), same: (live, rec) => sameProcess(live, rec, false) };
    if (inner.terminate) this.terminate = (pid) => inner.terminate!(pid);
  }

  terminate?: (pid: number) => void;

  /** Whether this executable needs a runner here: a Windows PE image on Linux. Native programs never do. */
  async needsRunner(exePath: string): Promise<boolean> {
    return this.platform === 'linux' && (await executableKind(exePath)) === 'windows-pe';
  }

  async spawn(exePath: string, args: string[], opts: SpawnOptions): Promise<HostedProcess> {
    if (!(await this.needsRunner(exePath))) return this.inner.spawn(exePath, args, opts);
    const runner = this.opts.runner();
    if (!runner) throw new AppError(ErrorCode.LINUX_RUNNER_REQUIRED, RUNNER_REQUIRED_MESSAGE);
    if (!opts.compatPrefix) throw new AppError(ErrorCode.START_FAILED, 'No prefix folder was given for the runner');
    await mkdir(opts.compatPrefix, { recursive: true });
    const steamClientDir =
      process.env.STEAM_COMPAT_CLIENT_INSTALL_PATH ?? this.opts.steamClientDir?.() ?? path.dirname(opts.compatPrefix);
    const launch = runnerLaunch(runner, await runnerFile(runner), exePath, args, {
      prefixDir: opts.compatPrefix,
      steamClientDir,
    });
    const wrapper = await this.inner.spawn(launch.file, launch.args, {
      cwd: opts.cwd,
      env: { ...process.env, ...opts.env, ...launch.env },
    });
    const server = await this.findServer(wrapper, runner);
    return this.watch(server, wrapper);
  }

  /** Polls the runner's family until the server appears; fails when the runner exits first or at the timeout. */
  private async findServer(wrapper: HostedProcess, runner: LinuxRunner): Promise<ProcessIdentity> {
    const program = this.opts.serverProgram ?? 'ArkAscendedServer.exe';
    const timeoutMs = this.opts.findTimeoutMs ?? 300_000;
    let wrapperExit: ProcessExit | null = null;
    void wrapper.exited.then((e) => (wrapperExit = e));
    for (let waited = 0; ; waited += this.opts.findPollMs ?? 250) {
      const found = await findProgramIn(
        this.procRoot,
        familyOf(await readProcTree(this.procRoot), wrapper.pid),
        program,
      );
      const live = found ? await this.inner.inspect(found.pid).catch(() => null) : null;
      if (live) return { pid: live.pid, exePath: live.exePath, startTimeMs: live.startTimeMs };
      const exit = wrapperExit as ProcessExit | null;
      if (exit) {
        throw new AppError(
          ErrorCode.START_FAILED,
          `${runner.kind === 'proton' ? 'Proton' : 'Wine'} (${runner.path}) exited with ${exit.signal ?? `code ${String(exit.code)}`} before ${program} started; run the diagnostics and see docs/linux-hosts.md`,
        );
      }
      if (waited >= timeoutMs) {
        await this.inner.killTree(wrapper.pid).catch(() => undefined);
        throw new AppError(
          ErrorCode.START_FAILED,
          `${runner.kind} started but no ${program} process appeared within ${Math.round(timeoutMs / 1000)} s; it was stopped`,
        );
      }
      await delay(this.opts.findPollMs ?? 250);
    }
  }

  /**
   * The server as a hosted process: not our child, so its exit is seen by polling. Its exit code is
   * the runner's, since Proton and Wine exit with the server's code right after it; a runner that
   * died while the server ran on (SIGTERM to Proton) says nothing about the server.
   */
  private watch(server: ProcessIdentity, wrapper: HostedProcess): HostedProcess {
    // Decided the moment the runner's exit is seen, without awaiting a look at /proc: had the server
    // ended meanwhile (stopped right after Proton was), that runner's SIGTERM would read as its end.
    const verdict = wrapper.exited.then((exit) => (pidExists(server.pid) ? null : exit));
    const intervalMs = this.opts.exitPollMs ?? 1000;
    const exited = waitUntilGone(server, this.liveness, { intervalMs, keepAlive: false }).then(
      async () =>
        (await Promise.race([verdict, delay(WRAPPER_EXIT_GRACE_MS, null, { ref: false })])) ?? {
          code: null,
          signal: null,
        },
    );
    return { ...server, exited };
  }

  inspect(pid: number): Promise<ProcessIdentity | null> {
    return this.inner.inspect(pid);
  }

  adopt(recorded: ProcessIdentity): Promise<HostedProcess | null> {
    return this.inner.adopt(recorded);
  }

  /**
   * Kills the server's tree, then the runner above it. Proton does not pass signals on (its
   * `subprocess.call` leaves the child running on SIGTERM), so the runner is found as the leader of
   * the server's process group when that leader is one of the server's ancestors.
   */
  async killTree(pid: number): Promise<void> {
    const runner = this.platform === 'linux' ? await this.runnerAbove(pid) : null;
    await this.inner.killTree(pid);
    if (runner !== null) await this.inner.killTree(runner);
  }

  private async runnerAbove(pid: number): Promise<number | null> {
    const stat = await readProcStat(this.procRoot, pid).catch(() => null);
    if (!stat || stat.pgrp === pid || stat.pgrp <= 1) return null;
    const nodes = await readProcTree(this.procRoot).catch(() => []);
    const byPid = new Map(nodes.map((n) => [n.pid, n]));
    for (let at = byPid.get(pid)?.ppid; at !== undefined && at > 1; at = byPid.get(at)?.ppid) {
      if (at === stat.pgrp) return at;
    }
    return null;
  }

  usage(pids: number[]): Promise<Map<number, ProcessUsage>> {
    return this.inner.usage(pids);
  }
}

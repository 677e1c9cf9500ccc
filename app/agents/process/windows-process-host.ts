// ProcessHost for Windows: identity and usage from PowerShell (CIM / Get-Process), kills with
// taskkill. Every OS call goes through an injectable runner, so this is tested on any OS.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ErrorCode } from '@ark-asa/contracts';
import { AppError } from '../../domain/app-error.ts';
import { createCommandRunner, type CommandResult, type RunCommand } from './command-runner.ts';
import { CpuRateTracker } from './cpu-rate.ts';
import type { HostedProcess, ProcessHost, ProcessIdentity, ProcessUsage, SpawnOptions } from './process-host.ts';
import { adoptRecorded, assertNotSelf, assertPid, pidExists, waitUntilGone, type Liveness } from './process-watch.ts';
import { nodeSpawn, startDetached, type SpawnFn } from './spawn-detached.ts';
import {
  identityScript,
  isBatchFile,
  parseIdentities,
  parseUsage,
  powershellArgs,
  sameWindowsProcess,
  usageScript,
} from './windows-powershell.ts';

export interface WindowsProcessHostOptions {
  run?: RunCommand;
  spawnFn?: SpawnFn;
  /** %SystemRoot%; the tools are run from System32 by full path so PATH cannot redirect them. */
  systemRoot?: string;
  /** Monotonic milliseconds, for CPU % between samples. */
  now?: () => number;
  /** Cheap liveness probe between identity checks (default: signal 0 through libuv). */
  quickAlive?: (pid: number) => boolean;
  /** How often an adopted process is probed (default 1000 ms). */
  adoptPollMs?: number;
  /**
   * Every n-th probe of an adopted process is a full identity check (default 30). Each one starts
   * PowerShell (hundreds of ms of CPU), too costly every second next to a game server.
   */
  identityCheckEvery?: number;
  /** How long killTree waits for the process to disappear (default 15 s). */
  killWaitMs?: number;
}

const KILL_POLL_MS = 200;
/** taskkill's exit code when no process has the pid (it exited meanwhile). */
const TASKKILL_NOT_FOUND = 128;

export class WindowsProcessHost implements ProcessHost {
  private readonly run: RunCommand;
  private readonly spawnFn: SpawnFn;
  private readonly powershell: string;
  private readonly taskkill: string;
  private readonly now: () => number;
  private readonly adoptPollMs: number;
  private readonly killWaitMs: number;
  private readonly watch: Liveness;
  private readonly cpu = new CpuRateTracker();

  constructor(opts: WindowsProcessHostOptions = {}) {
    const root = opts.systemRoot ?? process.env.SystemRoot ?? 'C:\\Windows';
    this.run = opts.run ?? createCommandRunner();
    this.spawnFn = opts.spawnFn ?? nodeSpawn;
    this.powershell = path.win32.join(root, 'System32', 'WindowsPowerShell', 'v1.0', 'powershell.exe');
    this.taskkill = path.win32.join(root, 'System32', 'taskkill.exe');
    this.now = opts.now ?? (() => performance.now());
    this.adoptPollMs = opts.adoptPollMs ?? 1000;
    this.killWaitMs = opts.killWaitMs ?? 15_000;
    this.watch = {
      inspect: (pid) => this.inspect(pid),
      same: sameWindowsProcess,
      quickAlive: opts.quickAlive ?? pidExists,
      fullCheckEvery: opts.identityCheckEvery ?? 30,
    };
  }

  async spawn(exePath: string, args: string[], opts: SpawnOptions): Promise<HostedProcess> {
    if (!path.win32.isAbsolute(exePath)) {
      throw new AppError(ErrorCode.START_FAILED, `The server executable must be an absolute path, got ${exePath}`);
    }
    if (isBatchFile(exePath)) {
      // BatBadBut (CVE-2024-27980): Windows runs .bat/.cmd through cmd.exe even without a shell,
      // and cmd.exe re-parses the arguments, so a session name could inject commands.
      throw new AppError(
        ErrorCode.START_FAILED,
        `Refusing to start a batch file (${exePath}): start the server executable itself`,
      );
    }
    const requestedAt = Date.now();
    const { pid, exited } = await startDetached(this.spawnFn, exePath, args, {
      cwd: opts.cwd,
      env: opts.env,
      detached: true,
      windowsHide: true,
      stdio: 'ignore',
      shell: false,
    });
    // Prefer what Windows recorded (the form adopt will compare against later). When the query
    // fails or the server already exited, the requested path and time stand in: the start time
    // is within the tolerance, and adopt compares paths after path.win32 normalisation.
    const live = await this.inspect(pid).catch(() => null);
    const exe = live?.exePath ? live.exePath : exePath;
    return { pid, exePath: exe, startTimeMs: live?.startTimeMs ?? requestedAt, exited };
  }

  async inspect(pid: number): Promise<ProcessIdentity | null> {
    const out = await this.powershellCall(identityScript(pid), 'query process');
    return parseIdentities(out).find((p) => p.pid === pid) ?? null;
  }

  adopt(recorded: ProcessIdentity): Promise<HostedProcess | null> {
    return adoptRecorded(recorded, this.watch, this.adoptPollMs);
  }

  async killTree(pid: number): Promise<void> {
    assertPid(pid);
    assertNotSelf(pid);
    const target = await this.inspect(pid);
    if (target === null) return;
    // Windows has no SIGTERM to offer a console-less, detached process (the polite stop is RCON
    // DoExit, done by the supervisor before this). /F terminates at once; /T takes the children
    // along, found by their recorded parent pid.
    const res = await this.run(this.taskkill, ['/PID', String(pid), '/T', '/F']);
    // Its exit code is not the verdict: 128 means it exited meanwhile, and other codes can mean
    // only some child resisted. Whether the process is gone is.
    const gone = await waitUntilGone(
      target,
      { ...this.watch, fullCheckEvery: 10 },
      { intervalMs: KILL_POLL_MS, timeoutMs: this.killWaitMs, keepAlive: true },
    );
    if (!gone) {
      const said =
        res.code === TASKKILL_NOT_FOUND ? '' : ` (taskkill exit ${res.code}: ${(res.stderr || res.stdout).trim()})`;
      throw new AppError(
        ErrorCode.STOP_FAILED,
        `Process ${pid} was still running ${this.killWaitMs} ms after taskkill${said}`,
      );
    }
  }

  async usage(pids: number[]): Promise<Map<number, ProcessUsage>> {
    pids.forEach(assertPid);
    const asked = [...new Set(pids)];
    if (asked.length === 0) return new Map();
    const out = await this.powershellCall(usageScript(asked), 'sample processes');
    const samples = parseUsage(out).filter((s) => asked.includes(s.pid));
    return this.cpu.update(asked, samples, this.now());
  }

  /** stdout of a PowerShell script; a failing PowerShell is an error, never "no such process". */
  private async powershellCall(script: string, what: string): Promise<string> {
    let res: CommandResult;
    try {
      res = await this.run(this.powershell, powershellArgs(script));
    } catch (err) {
      throw new AppError(
        ErrorCode.INTERNAL,
        `Could not ${what}: PowerShell did not run (${(err as Error).message})`,
        undefined,
        { cause: err },
      );
    }
    if (res.code !== 0) {
      throw new AppError(
        ErrorCode.INTERNAL,
        `Could not ${what}: PowerShell exited with ${res.code}: ${res.stderr.trim().slice(0, 300)}`,
      );
    }
    return res.stdout;
  }
}

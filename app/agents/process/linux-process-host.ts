// ProcessHost for Linux: identity and usage from /proc, kills with tree-kill.
import path from 'node:path';
import { ErrorCode } from '@ark-asa/contracts';
import treeKill from 'tree-kill';
import { AppError } from '../../domain/app-error.ts';
import { CpuRateTracker, type CpuTimeSample } from './cpu-rate.ts';
import {
  CLK_TCK,
  parseArgv0,
  parseVmRssBytes,
  readBootTimeSec,
  readProcFile,
  readProcLink,
  readProcStat,
  startTimeMs,
} from './linux-proc.ts';
import {
  sameProcess,
  type HostedProcess,
  type ProcessHost,
  type ProcessIdentity,
  type ProcessUsage,
  type SpawnOptions,
} from './process-host.ts';
import { adoptRecorded, assertNotSelf, assertPid, waitUntilGone, type Liveness } from './process-watch.ts';
import { nodeSpawn, startDetached, type SpawnFn } from './spawn-detached.ts';

export interface LinuxProcessHostOptions {
  /** How often an adopted process is checked (default 1000 ms). */
  adoptPollMs?: number;
  /** How long killTree waits for the process to disappear (default 10 s). */
  killWaitMs?: number;
  /** Where procfs is mounted (default /proc). */
  procRoot?: string;
  spawnFn?: SpawnFn;
  /** A monotonic clock in ms, for CPU rates (default performance.now). */
  now?: () => number;
}

const KILL_POLL_MS = 50;
/** A pid recycled between two reads of /proc is already absurdly rare; three tries end it. */
const READ_ATTEMPTS = 3;

function killTreeAsync(pid: number): Promise<void> {
  return new Promise((resolve, reject) =>
    treeKill(pid, 'SIGKILL', (err) => {
      if (!err) resolve();
      else
        reject(
          new AppError(ErrorCode.STOP_FAILED, `Could not kill process ${pid}: ${err.message}`, undefined, {
            cause: err,
          }),
        );
    }),
  );
}

export class LinuxProcessHost implements ProcessHost {
  private readonly adoptPollMs: number;
  private readonly killWaitMs: number;
  private readonly procRoot: string;
  private readonly spawnFn: SpawnFn;
  private readonly liveness: Liveness;
  private readonly cpu = new CpuRateTracker();
  private readonly now: () => number;

  constructor(opts: LinuxProcessHostOptions = {}) {
    this.adoptPollMs = opts.adoptPollMs ?? 1000;
    this.killWaitMs = opts.killWaitMs ?? 10_000;
    this.procRoot = opts.procRoot ?? '/proc';
    this.spawnFn = opts.spawnFn ?? nodeSpawn;
    this.now = opts.now ?? (() => performance.now());
    this.liveness = {
      inspect: (pid) => this.inspect(pid),
      same: (live, recorded) => sameProcess(live, recorded, false),
    };
  }

  async spawn(exePath: string, args: string[], opts: SpawnOptions): Promise<HostedProcess> {
    if (!path.posix.isAbsolute(exePath)) {
      throw new AppError(ErrorCode.START_FAILED, `The server executable must be an absolute path, got ${exePath}`);
    }
    const requestedAt = Date.now();
    const { pid, exited } = await startDetached(this.spawnFn, exePath, args, {
      cwd: opts.cwd,
      env: opts.env,
      detached: true,
      stdio: 'ignore',
      shell: false,
    });
    // The start time survives exec, so it can be read now. argv[0] cannot: a launcher that does
    // `exec -a "$0" …` shows /usr/bin/env or bash until its exec, so the identity records the
    // path we started, which is what argv[0] reads once the launcher has exec'd.
    const stat = await readProcStat(this.procRoot, pid);
    // Already exited and reaped: the moment we asked is within the tolerance of the real start.
    const started = stat ? startTimeMs(await readBootTimeSec(this.procRoot), stat.startTicks) : requestedAt;
    return { pid, exePath, startTimeMs: started, exited };
  }

  async inspect(pid: number): Promise<ProcessIdentity | null> {
    assertPid(pid);
    for (let attempt = 1; attempt <= READ_ATTEMPTS; attempt += 1) {
      const before = await readProcStat(this.procRoot, pid);
      // A zombie has exited; only its exit status waits to be collected.
      if (before === null || before.state === 'Z') return null;
      const cmdline = await readProcFile(this.procRoot, pid, 'cmdline');
      const after = await readProcStat(this.procRoot, pid);
      if (cmdline === null || after === null || after.state === 'Z') return null;
      // The same start time on both sides proves the cmdline belongs to that process.
      if (after.startTicks === before.startTicks) {
        const bootSec = await readBootTimeSec(this.procRoot);
        const [exeLink, cwd] = await Promise.all([
          readProcLink(this.procRoot, pid, 'exe'),
          readProcLink(this.procRoot, pid, 'cwd'),
        ]);
        return { pid, exePath: parseArgv0(cmdline), startTimeMs: startTimeMs(bootSec, after.startTicks), exeLink, cwd };
      }
    }
    throw new AppError(ErrorCode.INTERNAL, `The identity of pid ${pid} kept changing while it was read`);
  }

  adopt(recorded: ProcessIdentity): Promise<HostedProcess | null> {
    return adoptRecorded(recorded, this.liveness, this.adoptPollMs);
  }

  terminate(pid: number): void {
    assertPid(pid);
    assertNotSelf(pid);
    try {
      process.kill(pid, 'SIGTERM');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err; // already gone is fine
    }
  }

  async killTree(pid: number): Promise<void> {
    assertPid(pid);
    assertNotSelf(pid);
    const target = await this.inspect(pid);
    if (target === null) return;
    const stat = await readProcStat(this.procRoot, pid);
    // tree-kill walks parent→child links first and then kills, so it reaches descendants that
    // left the group (setsid). It misses children forked during the walk; as the leader of its
    // own group (detached: true), killing the group afterwards catches those.
    await killTreeAsync(pid);
    if (stat?.pgrp === pid) killGroup(pid);
    const gone = await waitUntilGone(target, this.liveness, {
      intervalMs: KILL_POLL_MS,
      timeoutMs: this.killWaitMs,
      keepAlive: true,
    });
    if (!gone)
      throw new AppError(ErrorCode.STOP_FAILED, `Process ${pid} was still running ${this.killWaitMs} ms after SIGKILL`);
  }

  /**
   * Read from /proc at each call, two small files per pid: no descriptor is kept open between
   * samples, so a pid the kernel gives to a new process is never read through a stale one.
   */
  async usage(pids: number[]): Promise<Map<number, ProcessUsage>> {
    pids.forEach(assertPid);
    const asked = [...new Set(pids)];
    const samples = await Promise.all(asked.map((pid) => this.sample(pid)));
    return this.cpu.update(
      asked,
      samples.filter((s) => s !== null),
      this.now(),
    );
  }

  /** CPU time and resident memory of a live process; null when it is gone or a zombie. */
  private async sample(pid: number): Promise<CpuTimeSample | null> {
    const [stat, status] = await Promise.all([
      readProcStat(this.procRoot, pid).catch(() => null),
      readProcFile(this.procRoot, pid, 'status').catch(() => null),
    ]);
    const memoryBytes = status === null ? null : parseVmRssBytes(status);
    if (stat === null || stat.state === 'Z' || memoryBytes === null) return null;
    return { pid, cpuSeconds: stat.cpuTicks / CLK_TCK, memoryBytes };
  }
}

function killGroup(pgid: number): void {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
  }
}

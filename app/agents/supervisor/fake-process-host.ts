import type {
  HostedProcess,
  ProcessExit,
  ProcessHost,
  ProcessIdentity,
  ProcessUsage,
} from '../process/process-host.ts';

/** A scripted process host: processes live until a test (or killTree) makes them exit. */
export class FakeProcess implements HostedProcess {
  readonly exited: Promise<ProcessExit>;
  private resolveExit!: (exit: ProcessExit) => void;
  alive = true;

  constructor(
    readonly pid: number,
    readonly exePath: string,
    readonly startTimeMs: number,
    readonly args: string[],
  ) {
    this.exited = new Promise((resolve) => (this.resolveExit = resolve));
  }

  exit(code: number | null, signal: string | null = null): void {
    if (!this.alive) return;
    this.alive = false;
    this.resolveExit({ code, signal });
  }
}

export class FakeProcessHost implements ProcessHost {
  readonly processes: FakeProcess[] = [];
  readonly killed: number[] = [];
  private nextPid = 4000;
  failSpawn: Error | null = null;

  spawn(exePath: string, args: string[]): Promise<HostedProcess> {
    if (this.failSpawn) return Promise.reject(this.failSpawn);
    const proc = new FakeProcess((this.nextPid += 1), exePath, Date.now(), args);
    this.processes.push(proc);
    return Promise.resolve(proc);
  }

  inspect(pid: number): Promise<ProcessIdentity | null> {
    const p = this.processes.find((x) => x.pid === pid && x.alive);
    return Promise.resolve(p ? { pid: p.pid, exePath: p.exePath, startTimeMs: p.startTimeMs } : null);
  }

  adopt(recorded: ProcessIdentity): Promise<HostedProcess | null> {
    const p = this.processes.find((x) => x.pid === recorded.pid && x.alive);
    const same = p && p.exePath === recorded.exePath && p.startTimeMs === recorded.startTimeMs;
    return Promise.resolve(same ? p : null);
  }

  killTree(pid: number): Promise<void> {
    this.killed.push(pid);
    this.processes.find((x) => x.pid === pid)?.exit(null, 'SIGKILL');
    return Promise.resolve();
  }

  usage(pids: number[]): Promise<Map<number, ProcessUsage>> {
    return Promise.resolve(new Map(pids.map((pid) => [pid, { cpuPercent: 12.5, memoryBytes: 2e9 }])));
  }

  last(): FakeProcess {
    const p = this.processes.at(-1);
    if (!p) throw new Error('no process spawned');
    return p;
  }
}

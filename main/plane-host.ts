/**
 * Hosts the control plane in a child process (the entry of `npm run serve`, app/cli.ts) and keeps it
 * alive: when it dies unexpectedly it is started again on the same port, a bounded number of times,
 * and the shell is told so it can reload the window and tell the user.
 */
import type { ShellLogger } from './electron-facade.ts';
import {
  PlaneProcess,
  type PlaneLauncher,
  type ReadyMessage,
  type SessionSaved,
  type StartOutcome,
} from './plane-process.ts';

export interface PlaneOptions {
  dataDir: string;
  /** The built UI the control plane serves (the bundled entry cannot find it from its own location). */
  staticDir?: string;
  /** Overrides the port setting; 0 picks a free port. */
  port?: number;
  /**
   * With an explicit port: when it is in use or reserved, listen on a free one and say which in
   * `ready.portFallback` (the control plane does this by itself when no port is given).
   */
  portFallback?: boolean;
  host?: string;
  token?: string;
}

/** The command line of app/cli.ts for these options. */
export function planeArgs(o: PlaneOptions): string[] {
  const args = ['--data-dir', o.dataDir];
  if (o.staticDir !== undefined) args.push('--static-dir', o.staticDir);
  if (o.port !== undefined) args.push('--port', String(o.port));
  if (o.portFallback) args.push('--port-fallback');
  if (o.host !== undefined) args.push('--host', o.host);
  if (o.token !== undefined) args.push('--token', o.token);
  return args;
}

/** A start that failed because of its port: taken by another program, or reserved by Windows (EACCES, Hyper-V's excluded ranges). */
export function isPortProblem(code: string, message: string): boolean {
  if (code === 'port-in-use' || code === 'port-reserved') return true;
  return code === 'forbidden' && /listen on port/i.test(message);
}

export interface PlaneHostEvents {
  /** It died unexpectedly and is being started again. */
  restarting(info: { exitCode: number | null; attempt: number }): void;
  /** Started again; the URL changes when its port had meanwhile been taken. */
  restarted(ready: ReadyMessage, previous: ReadyMessage): void;
  /** Died too often (or could not start again): the shell has no control plane any more. */
  gaveUp(message: string): void;
}

export interface PlaneHostDeps {
  launch: PlaneLauncher;
  logger: ShellLogger;
  now?: () => number;
  startTimeoutMs?: number;
  /** Restarts allowed within `restartWindowMs` before giving up. */
  maxRestarts?: number;
  restartWindowMs?: number;
  restartDelayMs?: number;
  /** How long a `shutdown` may take: stopping servers saves worlds and can take minutes. */
  shutdownTimeoutMs?: (stopServers: boolean) => number;
}

const DEFAULTS = {
  startTimeoutMs: 120_000,
  maxRestarts: 3,
  restartWindowMs: 5 * 60_000,
  restartDelayMs: 1000,
  shutdownTimeoutMs: (stopServers: boolean) => (stopServers ? 15 * 60_000 : 30_000),
};

export class PlaneHost {
  private process: PlaneProcess | null = null;
  private current: ReadyMessage | null = null;
  private restarts: number[] = [];
  private stopping = false;
  private listeners: PlaneHostEvents | null = null;
  private readonly cfg: typeof DEFAULTS & { now: () => number };

  constructor(
    private readonly deps: PlaneHostDeps,
    private readonly options: PlaneOptions,
  ) {
    this.cfg = { ...DEFAULTS, now: Date.now, ...stripUndefined(deps) };
  }

  /** The control plane as it last said it was ready. */
  get ready(): ReadyMessage | null {
    return this.current;
  }

  get pid(): number | undefined {
    return this.process?.pid;
  }

  on(listeners: PlaneHostEvents): void {
    this.listeners = listeners;
  }

  /** First start. On success the host watches the process and restarts it when it dies. */
  async start(): Promise<StartOutcome> {
    const outcome = await this.launch(this.options);
    if (outcome.ok) this.current = outcome.ready;
    return outcome;
  }

  /** Stops it (and, if asked, its servers) and waits for the exit; a hung one is ended. */
  async shutdown(stopServers: boolean): Promise<void> {
    this.stopping = true;
    const stopped = await this.process?.shutdown(stopServers, this.cfg.shutdownTimeoutMs(stopServers));
    this.deps.logger.info(
      { stopServers, serversLeftRunning: stopped?.serversLeftRunning ?? null },
      'control plane stopped',
    );
  }

  /** Windows is ending the session: every running world saved, within the deadline. */
  async sessionEnd(deadlineMs: number): Promise<SessionSaved | null> {
    return (await this.process?.sessionEnd(deadlineMs)) ?? null;
  }

  private async launch(options: PlaneOptions): Promise<StartOutcome> {
    const proc = PlaneProcess.launch(this.deps.launch, planeArgs(options), this.deps.logger);
    this.process = proc;
    const outcome = await proc.started(this.cfg.startTimeoutMs);
    if (outcome.ok) {
      this.deps.logger.info({ pid: outcome.ready.pid, url: outcome.ready.url }, 'control plane ready');
      void proc.exited.then((code) => this.onExit(proc, code));
    }
    return outcome;
  }

  private onExit(proc: PlaneProcess, code: number | null): void {
    if (this.stopping || proc !== this.process) return;
    this.deps.logger.error({ exitCode: code, pid: proc.pid }, 'the control plane died');
    void this.restart(code);
  }

  private async restart(exitCode: number | null): Promise<void> {
    const previous = this.current!;
    for (;;) {
      const now = this.cfg.now();
      this.restarts = this.restarts.filter((t) => now - t < this.cfg.restartWindowMs);
      if (this.restarts.length >= this.cfg.maxRestarts) {
        this.listeners?.gaveUp(
          `The control plane stopped ${this.restarts.length + 1} times within ${Math.round(this.cfg.restartWindowMs / 60_000)} minutes; it is not started again.`,
        );
        return;
      }
      this.restarts.push(now);
      this.listeners?.restarting({ exitCode, attempt: this.restarts.length });
      await new Promise((resolve) => setTimeout(resolve, this.cfg.restartDelayMs));
      if (this.stopping) return;
      // The same port keeps the window's URL; if another program took it meanwhile, any free one.
      const outcome = await this.launch({ ...this.options, port: previous.port, portFallback: true });
      if (outcome.ok) {
        this.current = outcome.ready;
        this.listeners?.restarted(outcome.ready, previous);
        return;
      }
      this.deps.logger.error(
        { code: outcome.code, message: outcome.message },
        'the control plane could not start again',
      );
      exitCode = null;
    }
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

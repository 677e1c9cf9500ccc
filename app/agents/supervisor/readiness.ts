import { ErrorCode } from '@ark-asa/contracts';
import { isShutdown } from '../../domain/abort-reason.ts';
import { AppError } from '../../domain/app-error.ts';
import { isMissingRuntimeExit, MISSING_RUNTIME_MESSAGE } from '../../domain/missing-runtime.ts';
import type { ServerRun } from './server-run.ts';
import type { StatusSetter } from './status-setter.ts';
import type { SupervisorTimeouts } from './supervisor-deps.ts';

type Say = (instanceId: string, message: string) => void;

export interface ReadyWait {
  signal: AbortSignal;
  /** Called when the start is cancelled while the server is still loading. */
  onAbort(): Promise<void>;
}

/**
 * When a server counts as RUNNING: ShooterGame.log says it is advertising for join, or — the
 * second signal, needed after a manager restart when that line is already in the past — RCON
 * answers (ASA opens RCON only after "Full Startup").
 */
export class Readiness {
  constructor(
    private readonly status: StatusSetter,
    private readonly say: Say,
    private readonly timeouts: SupervisorTimeouts,
  ) {}

  becomeRunning(run: ServerRun, why: string): void {
    if (run.isReady || !run.alive) return;
    run.markReady();
    if (this.status.current(run.instanceId) === 'STARTING') {
      this.status.set(run.instanceId, 'RUNNING');
      this.say(run.instanceId, `Server is running: ${why}`);
    }
  }

  async probeRcon(run: ServerRun): Promise<void> {
    if (run.isReady || !run.alive) return;
    try {
      await run.rcon().send('ListPlayers', { timeoutMs: 3000 });
      this.becomeRunning(run, 'RCON answers');
    } catch {
      // Not up yet.
    }
  }

  /** Resolves once RUNNING; rejects when the server exits, takes too long, or the start is cancelled. */
  async awaitReady(run: ServerRun, wait: ReadyWait): Promise<void> {
    const probe = setInterval(() => void this.probeRcon(run), this.timeouts.rconProbeMs);
    const timeout = new Promise<'timeout'>((resolve) =>
      setTimeout(() => resolve('timeout'), this.timeouts.startupMs).unref(),
    );
    const exited = new Promise<'exited'>((resolve) => run.onExit(() => resolve('exited')));
    const aborted = new Promise<'aborted'>((resolve) =>
      wait.signal.addEventListener('abort', () => resolve('aborted'), { once: true }),
    );
    try {
      const outcome = await Promise.race([run.ready.then(() => 'ready' as const), timeout, exited, aborted]);
      if (outcome === 'ready') return;
      if (outcome === 'exited' && isMissingRuntimeExit(run.exit?.code))
        throw new AppError(ErrorCode.START_FAILED, MISSING_RUNTIME_MESSAGE);
      if (outcome === 'exited')
        throw new AppError(ErrorCode.START_FAILED, 'The server exited while starting; its log shows why');
      if (outcome === 'timeout') {
        throw new AppError(
          ErrorCode.START_FAILED,
          `The server did not finish starting within ${Math.round(this.timeouts.startupMs / 60_000)} minutes`,
        );
      }
      // Cancelled by a user: undo the start. Manager shutting down: leave the server to come up.
      if (!isShutdown(wait.signal)) await wait.onAbort();
      wait.signal.throwIfAborted();
    } finally {
      clearInterval(probe);
    }
  }

  /** A server found STARTING after a manager restart: only RCON can tell us when it is ready. */
  async watchAdopted(run: ServerRun, detached: () => boolean): Promise<void> {
    while (run.alive && !run.isReady && !detached()) {
      await this.probeRcon(run);
      await new Promise((r) => setTimeout(r, this.timeouts.rconProbeMs).unref());
    }
  }
}

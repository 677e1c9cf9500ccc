import fs from 'node:fs';
import path from 'node:path';
import { ErrorCode } from '@ark-asa/contracts';
import { isoNow } from '../../domain/clock.ts';
import { isMemoryRestart, memoryLimitBytes } from '../../domain/memory-restart.ts';
import { isMissingRuntimeExit, MISSING_RUNTIME_MESSAGE } from '../../domain/missing-runtime.ts';
import { CrashGuard } from './crash-guard.ts';
import type { ServerRun } from './server-run.ts';
import type { StatusSetter } from './status-setter.ts';
import type { SupervisorDeps } from './supervisor-deps.ts';

type Say = (instanceId: string, message: string, level?: 'INFO' | 'WARN' | 'ERROR') => void;

/**
 * What happens when a server exits without being asked to: CRASHED with the reason (and the crash
 * report ASA wrote, when there is one), then an automatic restart if the instance wants one and the
 * crash-loop guard allows it, otherwise a system:error saying why it stays down.
 */
export class CrashHandler {
  private readonly guard = new CrashGuard();

  constructor(
    private readonly deps: SupervisorDeps,
    private readonly status: StatusSetter,
    private readonly say: Say,
  ) {}

  /** A start the user asked for: they have seen the problem, so the guard starts over. */
  userStarted(instanceId: string): void {
    this.guard.reset(instanceId);
  }

  /** The server exited without being asked to: its own memory restart, or a crash. */
  exitedUnasked(run: ServerRun, lastMemoryBytes: number | null): void {
    if (
      this.status.current(run.instanceId) === 'RUNNING' &&
      isMemoryRestart(lastMemoryBytes, run.settings.extraDashArgs)
    ) {
      this.memoryRestart(run, lastMemoryBytes!);
    } else {
      this.crashed(run);
    }
  }

  /** Not a crash: the crash-loop guard does not count it, and the server comes back even with auto-restart off. */
  private memoryRestart(run: ServerRun, memoryBytes: number): void {
    const id = run.instanceId;
    const gb = (n: number) => (n / 1024 ** 3).toFixed(1);
    const reason = `The server restarted itself to free memory (${gb(memoryBytes)} GB used; limit ${gb(memoryLimitBytes(run.settings.extraDashArgs))} GB, -GBUsageToForceRestart)`;
    this.status.set(id, 'STOPPING', reason);
    this.status.set(id, 'STOPPED', reason);
    this.say(id, `${reason}; starting it again`, 'WARN');
    this.deps.requestRestart(id, 'Restart after the server’s own memory restart');
  }

  crashed(run: ServerRun): void {
    const id = run.instanceId;
    const code = run.exit?.code;
    if (isMissingRuntimeExit(code)) return this.missingRuntime(run);
    const reason = `The server exited unexpectedly (${code === null || code === undefined ? 'exit code unknown' : `exit code ${code}`})`;
    this.status.set(id, 'CRASHED', reason);
    this.say(id, `${reason}${this.crashReport(run)}`, 'ERROR');
    if (!run.stopIntent) this.restartIfAllowed(id);
  }

  /**
   * The loader found no VC++ runtime: every restart would fail the same way, so this is not counted
   * toward the crash loop and nothing restarts; the user is told what to install instead.
   */
  private missingRuntime(run: ServerRun): void {
    const id = run.instanceId;
    this.status.set(id, 'CRASHED', MISSING_RUNTIME_MESSAGE);
    this.say(id, MISSING_RUNTIME_MESSAGE, 'ERROR');
    this.deps.bus.publish('system:error', {
      code: ErrorCode.START_FAILED,
      message: `"${this.deps.store.instances.get(id)?.name ?? id}": ${MISSING_RUNTIME_MESSAGE}`,
      subjectId: id,
      timestamp: isoNow(this.deps.clock),
    });
  }

  /** The server died while the manager was not running. */
  vanished(instanceId: string): void {
    this.status.set(instanceId, 'CRASHED', 'The server stopped while the manager was not running');
    this.restartIfAllowed(instanceId);
  }

  private crashReport(run: ServerRun): string {
    const dir = path.join(this.deps.files.instanceDir(run.instanceId), 'ShooterGame', 'Saved', 'Crashes');
    try {
      const since = Date.parse(run.startedAt) - 1000;
      const fresh = fs.readdirSync(dir).filter((name) => fs.statSync(path.join(dir, name)).mtimeMs >= since);
      return fresh.length ? `; crash report: ${path.join(dir, fresh.at(-1)!)}` : '';
    } catch {
      return ''; // no Crashes folder: a hard crash or a kill from outside
    }
  }

  private restartIfAllowed(instanceId: string): void {
    const record = this.deps.store.instances.get(instanceId);
    if (!record) return;
    if (!record.settings.autoRestartOnCrash)
      return this.say(instanceId, 'Automatic restart after a crash is off for this server');
    const policy = this.deps.crashPolicy();
    const decision = this.guard.decide(instanceId, policy, this.deps.clock.now().getTime());
    if (decision.restart) {
      const minutes = Math.round(policy.windowMs / 60_000);
      this.say(
        instanceId,
        `Restarting automatically (attempt ${decision.attempt} of ${policy.maxRestarts} within ${minutes} minutes)`,
        'WARN',
      );
      this.deps.requestRestart(instanceId, `Automatic restart after a crash (attempt ${decision.attempt})`);
      return;
    }
    this.say(instanceId, decision.reason, 'ERROR');
    this.deps.bus.publish('system:error', {
      code: ErrorCode.CRASH_LOOP,
      message: `"${record.name}" keeps crashing. ${decision.reason}.`,
      subjectId: instanceId,
      timestamp: isoNow(this.deps.clock),
    });
  }
}

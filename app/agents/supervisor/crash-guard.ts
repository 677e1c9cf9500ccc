import { decideRestart, pruneRestarts, type CrashPolicy, type RestartDecision } from '../../domain/crash-policy.ts';

/** Remembers automatic restarts per instance and applies the crash-loop policy to the next one. */
export class CrashGuard {
  private readonly history = new Map<string, number[]>();

  decide(instanceId: string, policy: CrashPolicy, now: number): RestartDecision {
    const recent = pruneRestarts(policy, this.history.get(instanceId) ?? [], now);
    const decision = decideRestart(policy, recent, now);
    if (decision.restart) recent.push(now);
    this.history.set(instanceId, recent);
    return decision;
  }

  /** A start the user asked for resets the guard: they have looked at the problem. */
  reset(instanceId: string): void {
    this.history.delete(instanceId);
  }
}

import type {
  FirewallChange,
  FirewallInspection,
  FirewallPort,
  FirewallRuleSpec,
  PresentRule,
} from './firewall-port.ts';
import { rulePrefix } from './firewall-port.ts';

export type FakeFirewallCall =
  | { op: 'apply'; instanceId: string; rules: FirewallRuleSpec[]; elevate: boolean }
  | { op: 'remove'; instanceId: string; elevate: boolean };

/**
 * A firewall in memory that records every change, for tests on any OS. `elevated: false` makes it
 * answer as Windows does for a user without administrator rights (until a call asks to elevate).
 */
export class FakeFirewall implements FirewallPort {
  readonly backend = 'fake' as const;
  readonly calls: FakeFirewallCall[] = [];
  readonly rules = new Map<string, PresentRule>();
  elevated: boolean;
  /** What an elevation request does: the user accepts the prompt, or declines it. */
  consent: 'accept' | 'decline' = 'accept';

  constructor(opts: { elevated?: boolean } = {}) {
    this.elevated = opts.elevated ?? true;
  }

  inspect(instanceId: string): Promise<FirewallInspection> {
    const rules = [...this.rules.values()].filter((r) => r.name.startsWith(rulePrefix(instanceId)));
    return Promise.resolve({ available: true, canChange: this.elevated, message: null, rules });
  }

  apply(instanceId: string, rules: readonly FirewallRuleSpec[], opts: { elevate: boolean }): Promise<FirewallChange> {
    this.calls.push({ op: 'apply', instanceId, rules: [...rules], elevate: opts.elevate });
    const denied = this.denied(opts.elevate);
    if (denied) return Promise.resolve(denied);
    this.drop(instanceId);
    for (const r of rules) this.rules.set(r.name, { name: r.name, protocol: r.protocol, port: r.port, enabled: true });
    return Promise.resolve({ ok: true });
  }

  remove(instanceId: string, _known: readonly FirewallRuleSpec[], opts: { elevate: boolean }): Promise<FirewallChange> {
    this.calls.push({ op: 'remove', instanceId, elevate: opts.elevate });
    const denied = this.denied(opts.elevate);
    if (denied) return Promise.resolve(denied);
    this.drop(instanceId);
    return Promise.resolve({ ok: true });
  }

  manualCommand(_instanceId: string, rules: readonly FirewallRuleSpec[]): string {
    return rules.map((r) => `fake-firewall allow ${r.protocol} ${r.port}`).join('; ');
  }

  private denied(elevate: boolean): FirewallChange | null {
    if (this.elevated) return null;
    if (!elevate)
      return { ok: false, reason: 'needs-admin', message: 'Changing firewall rules needs administrator rights' };
    if (this.consent === 'decline')
      return { ok: false, reason: 'failed', message: 'The administrator prompt was declined' };
    return null;
  }

  private drop(instanceId: string): void {
    for (const name of [...this.rules.keys()]) if (name.startsWith(rulePrefix(instanceId))) this.rules.delete(name);
  }
}

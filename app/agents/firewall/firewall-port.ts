// The host firewall behind one interface: Windows Defender Firewall through PowerShell, ufw or
// firewalld on Linux, and a recording fake for tests (docs/visibility.md#firewall).
import type { FirewallBackend } from '@ark-asa/contracts';

export interface FirewallRuleSpec {
  /** Stable per instance and port, so a rule is found, replaced and removed by name. */
  name: string;
  purpose: 'game' | 'rcon';
  protocol: 'UDP' | 'TCP';
  port: number;
}

export interface PresentRule {
  name: string;
  protocol: 'UDP' | 'TCP';
  port: number;
  enabled: boolean;
}

export interface FirewallInspection {
  /** false: no firewall this manager can manage (or none active); `message` says which. */
  available: boolean;
  /** Whether this process may add and remove rules (administrator / root). */
  canChange: boolean;
  message: string | null;
  rules: PresentRule[];
}

export type FirewallChange =
  { ok: true } | { ok: false; reason: 'needs-admin' | 'unavailable' | 'failed'; message: string };

export interface FirewallPort {
  readonly backend: FirewallBackend;
  /** The rules of one instance that exist now (found by the instance's rule-name prefix or port). */
  inspect(instanceId: string, wanted: readonly FirewallRuleSpec[]): Promise<FirewallInspection>;
  /** Replaces the instance's rules by `rules` (idempotent). `elevate`: ask for admin rights if needed. */
  apply(instanceId: string, rules: readonly FirewallRuleSpec[], opts: { elevate: boolean }): Promise<FirewallChange>;
  /** Removes every rule of the instance; `known` are the rules the manager believes it added. */
  remove(instanceId: string, known: readonly FirewallRuleSpec[], opts: { elevate: boolean }): Promise<FirewallChange>;
  /** The command an administrator can run by hand to add `rules`, or null. */
  manualCommand(instanceId: string, rules: readonly FirewallRuleSpec[]): string | null;
}

/** Every rule name of an instance starts with this; ASCII only, so no code page can mangle it. */
export function rulePrefix(instanceId: string): string {
  return `ARK ASA Manager - ${instanceId} `;
}

export function ruleSpec(instanceId: string, purpose: 'game' | 'rcon', port: number): FirewallRuleSpec {
  const protocol = purpose === 'game' ? 'UDP' : 'TCP';
  return { name: `${rulePrefix(instanceId)}${purpose} (${protocol} ${port})`, purpose, protocol, port };
}

/** The game port always; RCON only when the user asked for it (it carries the admin password). */
export function wantedRules(
  instanceId: string,
  ports: { gamePort: number; rconPort: number },
  openRcon: boolean,
): FirewallRuleSpec[] {
  const rules = [ruleSpec(instanceId, 'game', ports.gamePort)];
  if (openRcon) rules.push(ruleSpec(instanceId, 'rcon', ports.rconPort));
  return rules;
}

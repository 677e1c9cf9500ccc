import { createCommandRunner, type RunCommand } from '../process/command-runner.ts';
import { powershellArgs } from '../process/windows-powershell.ts';
import type { FirewallChange, FirewallInspection, FirewallPort, FirewallRuleSpec } from './firewall-port.ts';
import { rulePrefix } from './firewall-port.ts';
import {
  applyScript,
  elevatedScript,
  inspectScript,
  isAdminScript,
  parseInspection,
  removeScript,
} from './windows-firewall-scripts.ts';

const NEEDS_ADMIN = 'Changing Windows Firewall rules needs administrator rights';

/**
 * Windows Defender Firewall through the NetSecurity cmdlets. Reading works for any user; adding
 * and removing needs an elevated process: without it the answer is `needs-admin` (with the exact
 * command), or, when the user agreed, one elevated PowerShell through a UAC prompt.
 */
export class WindowsFirewall implements FirewallPort {
  readonly backend = 'windows' as const;

  constructor(
    private readonly run: RunCommand = createCommandRunner({ timeoutMs: 30_000 }),
    /** A UAC prompt waits for a person: a longer limit than a plain query. */
    private readonly runElevated: RunCommand = createCommandRunner({ timeoutMs: 180_000 }),
  ) {}

  async inspect(instanceId: string): Promise<FirewallInspection> {
    const res = await this.run('powershell.exe', powershellArgs(inspectScript(rulePrefix(instanceId))));
    if (res.code !== 0) {
      return {
        available: false,
        canChange: false,
        message: firstLine(res.stderr) ?? 'Get-NetFirewallRule failed',
        rules: [],
      };
    }
    const { admin, rules } = parseInspection(res.stdout);
    return { available: true, canChange: admin, message: admin ? null : NEEDS_ADMIN, rules };
  }

  apply(instanceId: string, rules: readonly FirewallRuleSpec[], opts: { elevate: boolean }): Promise<FirewallChange> {
    return this.change(applyScript(rulePrefix(instanceId), rules), opts.elevate);
  }

  remove(instanceId: string, _known: readonly FirewallRuleSpec[], opts: { elevate: boolean }): Promise<FirewallChange> {
    return this.change(removeScript(rulePrefix(instanceId)), opts.elevate);
  }

  manualCommand(instanceId: string, rules: readonly FirewallRuleSpec[]): string {
    return applyScript(rulePrefix(instanceId), rules);
  }

  private async change(script: string, elevate: boolean): Promise<FirewallChange> {
    const who = await this.run('powershell.exe', powershellArgs(isAdminScript()));
    const admin = who.stdout.trim() === 'admin';
    if (!admin && !elevate) return { ok: false, reason: 'needs-admin', message: NEEDS_ADMIN };
    const res = admin
      ? await this.run('powershell.exe', powershellArgs(script))
      : await this.runElevated('powershell.exe', powershellArgs(elevatedScript(script)));
    if (res.code === 0) return { ok: true };
    const detail = firstLine(res.stderr) ?? `exit code ${res.code}`;
    if (/canceled by the user/i.test(res.stderr)) {
      return {
        ok: false,
        reason: 'needs-admin',
        message: 'The administrator prompt was declined; no rule was changed',
      };
    }
    return { ok: false, reason: 'failed', message: `The firewall refused the change: ${detail}` };
  }
}

function firstLine(text: string): string | null {
  const line = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l !== '');
  return line ?? null;
}

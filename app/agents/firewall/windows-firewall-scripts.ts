// The PowerShell of the Windows firewall backend and the parsing of its answers. Pure, so it is
// tested on any OS; windows-firewall.win.test.ts runs it against the real firewall on Windows.
import { z } from 'zod';
import { jsonRows } from '../process/windows-powershell.ts';
import type { FirewallRuleSpec, PresentRule } from './firewall-port.ts';

const UTF8_OUT = '[Console]::OutputEncoding = [System.Text.Encoding]::UTF8';
/** Rules land in one group, so a user sees them together in wf.msc. */
export const RULE_GROUP = 'ARK ASA Manager';
const IS_ADMIN =
  '([Security.Principal.WindowsPrincipal][Security.Principal.WindowsIdentity]::GetCurrent()).IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)';

/** A PowerShell single-quoted literal: the only escape is a doubled quote. */
export function psQuote(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

function assertPort(port: number): void {
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`Not a port: ${port}`);
}

/** `*` after the prefix: Get-NetFirewallRule's -DisplayName accepts wildcards. */
function byPrefix(prefix: string): string {
  return `Get-NetFirewallRule -DisplayName ${psQuote(`${prefix}*`)} -ErrorAction SilentlyContinue`;
}

/** One JSON object: whether we are elevated, and the instance's rules with their port filters. */
export function inspectScript(prefix: string): string {
  const row =
    '$f = $_ | Get-NetFirewallPortFilter; [pscustomobject]@{ DisplayName = $_.DisplayName; Enabled = [string]$_.Enabled; ' +
    "Direction = [string]$_.Direction; Action = [string]$_.Action; Protocol = [string]$f.Protocol; LocalPort = (@($f.LocalPort) -join ',') }";
  return `${UTF8_OUT}; $rules = @(${byPrefix(prefix)} | ForEach-Object { ${row} }); [pscustomobject]@{ Admin = [bool](${IS_ADMIN}); Rules = $rules } | ConvertTo-Json -Compress -Depth 4`;
}

export function isAdminScript(): string {
  return `if (${IS_ADMIN}) { 'admin' } else { 'user' }`;
}

/**
 * Port-scoped inbound allow rules (not program-scoped): the server's process may be the game, the
 * AsaApi loader or Proton's wine, and the port is what players reach. Old rules of the instance
 * go first, so a port change leaves nothing behind.
 */
export function applyScript(prefix: string, rules: readonly FirewallRuleSpec[]): string {
  const lines = [`$ErrorActionPreference = 'Stop'`, `${byPrefix(prefix)} | Remove-NetFirewallRule`];
  for (const r of rules) {
    assertPort(r.port);
    const description = `Added by ARK ASA Server Manager for ${r.purpose === 'game' ? 'players to join' : 'remote RCON'}`;
    lines.push(
      `New-NetFirewallRule -DisplayName ${psQuote(r.name)} -Group ${psQuote(RULE_GROUP)} -Description ${psQuote(description)} ` +
        `-Direction Inbound -Action Allow -Protocol ${r.protocol} -LocalPort ${r.port} -Profile Any | Out-Null`,
    );
  }
  return lines.join('; ');
}

export function removeScript(prefix: string): string {
  return `$ErrorActionPreference = 'Stop'; ${byPrefix(prefix)} | Remove-NetFirewallRule`;
}

/** PowerShell's -EncodedCommand: base64 of UTF-16LE, so no quoting survives a second command line. */
export function encodeCommand(script: string): string {
  return Buffer.from(script, 'utf16le').toString('base64');
}

/**
 * Runs `script` in an elevated PowerShell: Windows shows the UAC prompt on the desktop, and the
 * exit code of the elevated run comes back. A declined prompt makes Start-Process throw.
 */
export function elevatedScript(script: string): string {
  const args = [
    '-NoProfile',
    '-NonInteractive',
    '-ExecutionPolicy',
    'Bypass',
    '-EncodedCommand',
    encodeCommand(script),
  ];
  return (
    `$ErrorActionPreference = 'Stop'; $p = Start-Process -FilePath 'powershell.exe' -Verb RunAs -Wait -PassThru ` +
    `-WindowStyle Hidden -ArgumentList ${args.map(psQuote).join(',')}; exit $p.ExitCode`
  );
}

const RuleRow = z.object({
  DisplayName: z.string(),
  Enabled: z.string(),
  Direction: z.string(),
  Action: z.string(),
  Protocol: z.string(),
  LocalPort: z.string(),
});
// Windows PowerShell 5.1 may print a one-item array as the bare object, or an array wrapped in
// a PSObject as { value, Count }: all three shapes are read.
const Rules = z
  .union([
    z.array(RuleRow),
    RuleRow.transform((r) => [r]),
    z.object({ value: z.array(RuleRow) }).transform((w) => w.value),
  ])
  .nullable()
  .optional();
const InspectRow = z.object({ Admin: z.boolean(), Rules });

export interface WindowsInspection {
  admin: boolean;
  rules: PresentRule[];
}

/** Inbound allow rules only: a block rule of the same name would not let anyone in. */
export function parseInspection(stdout: string): WindowsInspection {
  const [row] = jsonRows(stdout, 'Get-NetFirewallRule');
  const parsed = InspectRow.safeParse(row);
  if (!parsed.success) throw new Error(`Unexpected Get-NetFirewallRule output: ${stdout.slice(0, 200)}`);
  const rules: PresentRule[] = [];
  for (const r of parsed.data.Rules ?? []) {
    const protocol = r.Protocol.toUpperCase();
    if (r.Direction !== 'Inbound' || r.Action !== 'Allow' || (protocol !== 'UDP' && protocol !== 'TCP')) continue;
    for (const port of r.LocalPort.split(',').map((p) => Number.parseInt(p, 10))) {
      if (Number.isInteger(port)) rules.push({ name: r.DisplayName, protocol, port, enabled: r.Enabled === 'True' });
    }
  }
  return { admin: parsed.data.Admin, rules };
}

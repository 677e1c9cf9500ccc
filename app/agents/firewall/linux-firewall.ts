import { accessSync, constants } from 'node:fs';
import { createCommandRunner, type RunCommand } from '../process/command-runner.ts';
import type {
  FirewallChange,
  FirewallInspection,
  FirewallPort,
  FirewallRuleSpec,
  PresentRule,
} from './firewall-port.ts';
import { rulePrefix } from './firewall-port.ts';

const SBIN = ['/usr/sbin', '/sbin', '/usr/bin', '/bin'];

/** The first of the usual places that holds an executable `name` (no PATH search: root's PATH differs). */
export function findTool(name: string, dirs: readonly string[] = SBIN): string | null {
  for (const dir of dirs) {
    try {
      accessSync(`${dir}/${name}`, constants.X_OK);
      return `${dir}/${name}`;
    } catch {
      // not here
    }
  }
  return null;
}

const portSpec = (r: { port: number; protocol: string }) => `${r.port}/${r.protocol.toLowerCase()}`;
const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** `ufw status` lines such as `7777/udp   ALLOW   Anywhere   # <comment>` (IPv4 and `(v6)` rows). */
export function parseUfwStatus(stdout: string): { active: boolean; rules: PresentRule[] } {
  const active = /^Status:\s*active/m.test(stdout);
  const rules: PresentRule[] = [];
  const seen = new Set<string>();
  for (const line of stdout.split('\n')) {
    const m = /^(\d+)\/(udp|tcp)(?: \(v6\))?\s+ALLOW(?: IN)?\s+.*?(?:#\s*(.+?))?\s*$/i.exec(line.trim());
    const [, port, proto = '', comment] = m ?? [];
    if (!m || !port) continue;
    const rule: PresentRule = {
      name: comment ?? `${port}/${proto}`,
      protocol: proto.toUpperCase() as 'UDP' | 'TCP',
      port: Number(port),
      enabled: true,
    };
    const key = `${rule.name}|${rule.port}|${rule.protocol}`;
    if (!seen.has(key)) rules.push(rule);
    seen.add(key);
  }
  return { active, rules };
}

/** `firewall-cmd --list-ports`: `7777/udp 27020/tcp`. firewalld keeps no comments: names are specs. */
export function parseFirewalldPorts(stdout: string): PresentRule[] {
  return stdout
    .trim()
    .split(/\s+/)
    .map((s) => /^(\d+)\/(udp|tcp)$/i.exec(s))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({
      name: m[0],
      protocol: (m[2] ?? '').toUpperCase() as 'UDP' | 'TCP',
      port: Number(m[1]),
      enabled: true,
    }));
}

export interface LinuxFirewallDeps {
  run?: RunCommand;
  tool: { kind: 'ufw' | 'firewalld'; path: string };
  isRoot?: () => boolean;
}

/**
 * ufw or firewalld, whichever is installed; never raw iptables, whose rules another tool may own.
 * Both need root to change rules, and the manager never asks for a password: without root the
 * answer is `needs-admin` with the exact `sudo` command to run.
 */
export class LinuxFirewall implements FirewallPort {
  readonly backend: 'ufw' | 'firewalld';
  private readonly run: RunCommand;
  private readonly isRoot: () => boolean;

  constructor(private readonly deps: LinuxFirewallDeps) {
    this.backend = deps.tool.kind;
    this.run = deps.run ?? createCommandRunner({ timeoutMs: 30_000 });
    this.isRoot = deps.isRoot ?? (() => process.getuid?.() === 0);
  }

  async inspect(instanceId: string): Promise<FirewallInspection> {
    const root = this.isRoot();
    if (this.backend === 'ufw') {
      if (!root)
        return { available: true, canChange: false, message: 'Reading and changing ufw rules needs root', rules: [] };
      const res = await this.run(this.deps.tool.path, ['status']);
      const { active, rules } = parseUfwStatus(res.stdout);
      if (!active)
        return {
          available: false,
          canChange: true,
          message: 'ufw is installed but inactive: it blocks nothing',
          rules: [],
        };
      return { available: true, canChange: true, message: null, rules: ours(instanceId, rules) };
    }
    const state = await this.run(this.deps.tool.path, ['--state']);
    if (state.code !== 0)
      return {
        available: false,
        canChange: root,
        message: 'firewalld is installed but not running: it blocks nothing',
        rules: [],
      };
    const res = await this.run(this.deps.tool.path, ['--list-ports']);
    const message = root ? null : 'Changing firewalld rules needs root';
    return { available: true, canChange: root, message, rules: res.code === 0 ? parseFirewalldPorts(res.stdout) : [] };
  }

  async apply(
    instanceId: string,
    rules: readonly FirewallRuleSpec[],
    _o: { elevate: boolean },
  ): Promise<FirewallChange> {
    if (!this.isRoot()) return needsAdmin(this.backend);
    const present = await this.inspect(instanceId);
    const stale = present.rules.filter(
      (p) => p.name.startsWith(rulePrefix(instanceId)) && !rules.some((r) => r.name === p.name),
    );
    for (const s of stale) await this.delete(s);
    return this.runAll(rules.map((r) => this.addArgs(r)));
  }

  async remove(
    instanceId: string,
    known: readonly FirewallRuleSpec[],
    _o: { elevate: boolean },
  ): Promise<FirewallChange> {
    if (!this.isRoot()) return needsAdmin(this.backend);
    const present = this.backend === 'ufw' ? (await this.inspect(instanceId)).rules : [...known];
    for (const r of present) await this.delete(r);
    return { ok: true };
  }

  manualCommand(_instanceId: string, rules: readonly FirewallRuleSpec[]): string {
    const tool = this.backend === 'ufw' ? 'ufw' : 'firewall-cmd';
    return rules
      .flatMap((r) => this.addArgs(r))
      .map((args) => ['sudo', tool, ...args].map(quoteIfNeeded).join(' '))
      .join(' && ');
  }

  private addArgs(r: FirewallRuleSpec): string[][] {
    if (this.backend === 'ufw') return [['allow', portSpec(r), 'comment', r.name]];
    // The runtime rule takes effect now; the permanent one survives a reload or a reboot.
    return [[`--add-port=${portSpec(r)}`], ['--permanent', `--add-port=${portSpec(r)}`]];
  }

  private async delete(r: { port: number; protocol: string }): Promise<void> {
    const args =
      this.backend === 'ufw'
        ? [['delete', 'allow', portSpec(r)]]
        : [[`--remove-port=${portSpec(r)}`], ['--permanent', `--remove-port=${portSpec(r)}`]];
    for (const a of args) await this.run(this.deps.tool.path, a);
  }

  private async runAll(commands: string[][][]): Promise<FirewallChange> {
    for (const args of commands.flat()) {
      const res = await this.run(this.deps.tool.path, args);
      if (res.code !== 0)
        return {
          ok: false,
          reason: 'failed',
          message: `${this.backend} refused the change: ${res.stderr.trim() || res.stdout.trim()}`,
        };
    }
    return { ok: true };
  }
}

function ours(instanceId: string, rules: PresentRule[]): PresentRule[] {
  // The instance's own rules, and any other allow rule: a user's rule for the port opens it too.
  return rules.filter((r) => r.name.startsWith(rulePrefix(instanceId)) || !r.name.startsWith('ARK ASA Manager - '));
}

function needsAdmin(backend: string): FirewallChange {
  return {
    ok: false,
    reason: 'needs-admin',
    message: `Changing ${backend} rules needs root; run the command shown as root`,
  };
}

function quoteIfNeeded(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : shellQuote(arg);
}

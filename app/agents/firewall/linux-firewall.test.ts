import { describe, expect, it } from 'vitest';
import type { CommandResult } from '../process/command-runner.ts';
import { NoFirewall } from './create-firewall.ts';
import { rulePrefix, wantedRules } from './firewall-port.ts';
import { LinuxFirewall, parseFirewalldPorts, parseUfwStatus } from './linux-firewall.ts';

const ID = '7d8f2c1e-0000-4000-8000-000000000003';

const UFW_STATUS = [
  'Status: active',
  '',
  'To                         Action      From',
  '--                         ------      ----',
  '22/tcp                     ALLOW       Anywhere',
  `7777/udp                   ALLOW       Anywhere                   # ${rulePrefix(ID)}game (UDP 7777)`,
  '27020/tcp                  DENY        Anywhere',
  `7777/udp (v6)              ALLOW       Anywhere (v6)              # ${rulePrefix(ID)}game (UDP 7777)`,
  '',
].join('\n');

function runner(answers: Record<string, CommandResult>) {
  const calls: string[][] = [];
  const run = (_file: string, args: readonly string[]) => {
    calls.push([...args]);
    return Promise.resolve(answers[args.join(' ')] ?? { code: 0, stdout: '', stderr: '' });
  };
  return { run, calls };
}

describe('Linux firewall backends', () => {
  it('parses ufw status: allow rules with their comment, IPv6 rows once, deny rows ignored', () => {
    const { active, rules } = parseUfwStatus(UFW_STATUS);
    expect(active).toBe(true);
    expect(rules).toEqual([
      { name: '22/tcp', protocol: 'TCP', port: 22, enabled: true },
      { name: `${rulePrefix(ID)}game (UDP 7777)`, protocol: 'UDP', port: 7777, enabled: true },
    ]);
    expect(parseUfwStatus('Status: inactive\n').active).toBe(false);
  });

  it('parses firewall-cmd --list-ports', () => {
    expect(parseFirewalldPorts('7777/udp 27020/tcp\n')).toEqual([
      { name: '7777/udp', protocol: 'UDP', port: 7777, enabled: true },
      { name: '27020/tcp', protocol: 'TCP', port: 27020, enabled: true },
    ]);
    expect(parseFirewalldPorts('\n')).toEqual([]);
  });

  it('ufw as root: adds the rule with its name as comment and removes stale ones of the instance', async () => {
    const { run, calls } = runner({ status: { code: 0, stdout: UFW_STATUS, stderr: '' } });
    const fw = new LinuxFirewall({ run, tool: { kind: 'ufw', path: '/usr/sbin/ufw' }, isRoot: () => true });
    const res = await fw.apply(ID, wantedRules(ID, { gamePort: 7788, rconPort: 27020 }, false), { elevate: false });
    expect(res).toEqual({ ok: true });
    expect(calls).toContainEqual(['delete', 'allow', '7777/udp']);
    expect(calls).toContainEqual(['allow', '7788/udp', 'comment', `${rulePrefix(ID)}game (UDP 7788)`]);
    expect(calls.some((c) => c.includes('27020/tcp'))).toBe(false);
  });

  it('without root: needs-admin and the exact sudo command, nothing run', async () => {
    const { run, calls } = runner({});
    const fw = new LinuxFirewall({ run, tool: { kind: 'ufw', path: '/usr/sbin/ufw' }, isRoot: () => false });
    const rules = wantedRules(ID, { gamePort: 7777, rconPort: 27020 }, false);
    expect(await fw.apply(ID, rules, { elevate: true })).toMatchObject({ ok: false, reason: 'needs-admin' });
    expect(calls).toEqual([]);
    expect(fw.manualCommand(ID, rules)).toBe(`sudo ufw allow 7777/udp comment '${rulePrefix(ID)}game (UDP 7777)'`);
  });

  it('firewalld: runtime and permanent rules; a stopped firewalld blocks nothing', async () => {
    const { run, calls } = runner({
      '--state': { code: 0, stdout: 'running\n', stderr: '' },
      '--list-ports': { code: 0, stdout: '7777/udp\n', stderr: '' },
    });
    const fw = new LinuxFirewall({
      run,
      tool: { kind: 'firewalld', path: '/usr/bin/firewall-cmd' },
      isRoot: () => true,
    });
    const rules = wantedRules(ID, { gamePort: 7777, rconPort: 27020 }, true);
    expect((await fw.inspect(ID)).rules.map((r) => r.port)).toEqual([7777]);
    await fw.apply(ID, rules, { elevate: false });
    expect(calls).toContainEqual(['--permanent', '--add-port=27020/tcp']);
    expect(calls).toContainEqual(['--add-port=7777/udp']);
    const stopped = runner({ '--state': { code: 252, stdout: 'not running\n', stderr: '' } });
    const off = new LinuxFirewall({ run: stopped.run, tool: { kind: 'firewalld', path: '/x' }, isRoot: () => true });
    expect(await off.inspect(ID)).toMatchObject({ available: false, message: /not running/ });
  });

  it('no managed firewall: says so and changes nothing', async () => {
    const fw = new NoFirewall();
    expect(await fw.inspect()).toMatchObject({ available: false, message: /No managed firewall detected/ });
    expect(await fw.apply()).toMatchObject({ ok: false, reason: 'unavailable' });
    expect(fw.manualCommand()).toBeNull();
  });
});

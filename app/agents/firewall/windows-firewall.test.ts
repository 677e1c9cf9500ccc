import { describe, expect, it } from 'vitest';
import type { CommandResult } from '../process/command-runner.ts';
import { wantedRules } from './firewall-port.ts';
import { WindowsFirewall } from './windows-firewall.ts';

const ID = '7d8f2c1e-0000-4000-8000-000000000002';
const RULES = wantedRules(ID, { gamePort: 7777, rconPort: 27020 }, false);

/** A scripted powershell.exe: answers by what the script asks, and records every script. */
function scripted(admin: boolean, elevatedResult: CommandResult = { code: 0, stdout: '', stderr: '' }) {
  const scripts: string[] = [];
  const elevated: string[] = [];
  const answer = (script: string): CommandResult => {
    if (script.startsWith('if (')) return { code: 0, stdout: admin ? 'admin\r\n' : 'user\r\n', stderr: '' };
    return { code: 0, stdout: '', stderr: '' };
  };
  const run = (file: string, args: readonly string[]) => {
    expect(file).toBe('powershell.exe');
    const script = args.at(-1) ?? '';
    scripts.push(script);
    return Promise.resolve(answer(script));
  };
  const runElevated = (_file: string, args: readonly string[]) => {
    elevated.push(args.at(-1) ?? '');
    return Promise.resolve(elevatedResult);
  };
  return { fw: new WindowsFirewall(run, runElevated), scripts, elevated };
}

describe('WindowsFirewall (scripted PowerShell)', () => {
  it('adds the rules directly when the manager runs elevated', async () => {
    const { fw, scripts, elevated } = scripted(true);
    expect(await fw.apply(ID, RULES, { elevate: false })).toEqual({ ok: true });
    expect(scripts.at(-1)).toContain('New-NetFirewallRule');
    expect(elevated).toEqual([]);
  });

  it('answers needs-admin without asking when not elevated and the user did not agree', async () => {
    const { fw, scripts } = scripted(false);
    const res = await fw.apply(ID, RULES, { elevate: false });
    expect(res).toMatchObject({ ok: false, reason: 'needs-admin' });
    expect(scripts.some((s) => s.includes('New-NetFirewallRule'))).toBe(false);
  });

  it('asks for elevation through a UAC prompt when the user agreed', async () => {
    const { fw, elevated } = scripted(false);
    expect(await fw.apply(ID, RULES, { elevate: true })).toEqual({ ok: true });
    expect(elevated[0]).toContain('-Verb RunAs');
  });

  it('reports a declined prompt as needs-admin', async () => {
    const declined = {
      code: 1,
      stdout: '',
      stderr: 'Start-Process : This command cannot be run due to the error: The operation was canceled by the user.',
    };
    const { fw } = scripted(false, declined);
    expect(await fw.apply(ID, RULES, { elevate: true })).toMatchObject({
      ok: false,
      reason: 'needs-admin',
      message: /declined/,
    });
  });

  it('gives the manual command an administrator can paste', () => {
    const { fw } = scripted(false);
    expect(fw.manualCommand(ID, RULES)).toContain('-Protocol UDP -LocalPort 7777');
  });
});

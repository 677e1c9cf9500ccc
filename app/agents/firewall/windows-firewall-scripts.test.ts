import { describe, expect, it } from 'vitest';
import { ruleSpec, rulePrefix, wantedRules } from './firewall-port.ts';
import {
  applyScript,
  elevatedScript,
  encodeCommand,
  inspectScript,
  parseInspection,
  psQuote,
  removeScript,
} from './windows-firewall-scripts.ts';

const ID = '7d8f2c1e-0000-4000-8000-000000000001';

describe('Windows firewall scripts', () => {
  it('names rules stably per instance, purpose, protocol and port', () => {
    expect(ruleSpec(ID, 'game', 7777).name).toBe(`ARK ASA Manager - ${ID} game (UDP 7777)`);
    expect(ruleSpec(ID, 'rcon', 27020)).toMatchObject({ protocol: 'TCP', port: 27020 });
    expect(wantedRules(ID, { gamePort: 7777, rconPort: 27020 }, false)).toHaveLength(1);
    expect(wantedRules(ID, { gamePort: 7777, rconPort: 27020 }, true).map((r) => r.purpose)).toEqual(['game', 'rcon']);
  });

  it('builds port-scoped inbound allow rules after removing the old ones', () => {
    const script = applyScript(rulePrefix(ID), wantedRules(ID, { gamePort: 7777, rconPort: 27020 }, false));
    expect(script).toContain(
      `Get-NetFirewallRule -DisplayName 'ARK ASA Manager - ${ID} *' -ErrorAction SilentlyContinue | Remove-NetFirewallRule`,
    );
    expect(script).toContain(
      `New-NetFirewallRule -DisplayName 'ARK ASA Manager - ${ID} game (UDP 7777)' -Group 'ARK ASA Manager'`,
    );
    expect(script).toContain('-Direction Inbound -Action Allow -Protocol UDP -LocalPort 7777 -Profile Any');
    expect(script).not.toContain('-Program');
    expect(script).not.toContain('TCP');
    expect(script.indexOf('Remove-NetFirewallRule')).toBeLessThan(script.indexOf('New-NetFirewallRule'));
  });

  it('refuses a port that is not one before it reaches a script', () => {
    expect(() => applyScript('x ', [{ ...ruleSpec(ID, 'game', 7777), port: 0 }])).toThrow(/Not a port/);
  });

  it('quotes single quotes by doubling them', () => {
    expect(psQuote("it's")).toBe("'it''s'");
    expect(removeScript("a'b ")).toContain("-DisplayName 'a''b *'");
  });

  it('reads elevation and the rules with their port filters in one query', () => {
    const script = inspectScript(rulePrefix(ID));
    expect(script).toContain('Get-NetFirewallPortFilter');
    expect(script).toContain('IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)');
    expect(script).toContain('ConvertTo-Json -Compress');
  });

  it('runs an elevated copy through Start-Process -Verb RunAs with the script encoded', () => {
    const script = elevatedScript('Write-Output 1');
    expect(script).toContain("Start-Process -FilePath 'powershell.exe' -Verb RunAs -Wait -PassThru");
    expect(script).toContain(`'-EncodedCommand','${encodeCommand('Write-Output 1')}'`);
    expect(Buffer.from(encodeCommand('Write-Output 1'), 'base64').toString('utf16le')).toBe('Write-Output 1');
    expect(script).toMatch(/exit \$p\.ExitCode$/);
  });

  it('parses Get-NetFirewallRule JSON: one rule, several, ports lists, disabled and block rules', () => {
    const out = JSON.stringify({
      Admin: false,
      Rules: [
        {
          DisplayName: 'g',
          Enabled: 'True',
          Direction: 'Inbound',
          Action: 'Allow',
          Protocol: 'UDP',
          LocalPort: '7777',
        },
        {
          DisplayName: 'r',
          Enabled: 'False',
          Direction: 'Inbound',
          Action: 'Allow',
          Protocol: 'TCP',
          LocalPort: '27020',
        },
        {
          DisplayName: 'b',
          Enabled: 'True',
          Direction: 'Inbound',
          Action: 'Block',
          Protocol: 'UDP',
          LocalPort: '7777',
        },
        {
          DisplayName: 'm',
          Enabled: 'True',
          Direction: 'Inbound',
          Action: 'Allow',
          Protocol: 'UDP',
          LocalPort: '7777,7778',
        },
      ],
    });
    const parsed = parseInspection(`\uFEFF${out}\r\n`);
    expect(parsed.admin).toBe(false);
    expect(parsed.rules).toEqual([
      { name: 'g', protocol: 'UDP', port: 7777, enabled: true },
      { name: 'r', protocol: 'TCP', port: 27020, enabled: false },
      { name: 'm', protocol: 'UDP', port: 7777, enabled: true },
      { name: 'm', protocol: 'UDP', port: 7778, enabled: true },
    ]);
    expect(parseInspection('{"Admin":true,"Rules":[]}')).toEqual({ admin: true, rules: [] });
    expect(parseInspection('{"Admin":true,"Rules":null}').rules).toEqual([]);
    const one = {
      DisplayName: 'g',
      Enabled: 'True',
      Direction: 'Inbound',
      Action: 'Allow',
      Protocol: 'UDP',
      LocalPort: '7777',
    };
    expect(parseInspection(JSON.stringify({ Admin: true, Rules: one })).rules).toHaveLength(1);
    expect(parseInspection(JSON.stringify({ Admin: true, Rules: { value: [one], Count: 1 } })).rules).toHaveLength(1);
    expect(() => parseInspection('{"Rules":[]}')).toThrow(/Unexpected/);
  });
});

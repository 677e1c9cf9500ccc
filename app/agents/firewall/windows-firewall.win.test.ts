// The real Windows Defender Firewall (the Windows CI job, whose runner is elevated). Elsewhere the
// same logic runs through scripted PowerShell (windows-firewall.test.ts) and the fake firewall.
import { randomUUID } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { afterAll, describe, expect, it } from 'vitest';
import { udpPortReport } from '../network/udp-listeners.ts';
import { wantedRules } from './firewall-port.ts';
import { WindowsFirewall } from './windows-firewall.ts';

// A throwaway instance id: its rules cannot be mistaken for a real server's.
const ID = randomUUID();
const RULES = wantedRules(ID, { gamePort: 28197, rconPort: 28198 }, true);

describe.runIf(process.platform === 'win32')('Windows firewall, for real (Windows only)', () => {
  const fw = new WindowsFirewall();
  afterAll(async () => {
    await fw.remove(ID, RULES, { elevate: false });
  });

  it('adds, reads and removes port-scoped rules under a stable name', async () => {
    const before = await fw.inspect(ID);
    expect(before.available).toBe(true);
    // GitHub's Windows runners run elevated; a local run without admin rights sees needs-admin.
    if (!before.canChange) {
      expect(process.env['ARK_REQUIRE_ADMIN'], 'this run must be elevated (the CI runner is)').toBeUndefined();
      expect(await fw.apply(ID, RULES, { elevate: false })).toMatchObject({ ok: false, reason: 'needs-admin' });
      return;
    }
    expect(await fw.apply(ID, RULES, { elevate: false })).toEqual({ ok: true });
    const added = await fw.inspect(ID);
    expect(added.rules).toEqual(
      expect.arrayContaining([
        { name: RULES[0]?.name, protocol: 'UDP', port: 28197, enabled: true },
        { name: RULES[1]?.name, protocol: 'TCP', port: 28198, enabled: true },
      ]),
    );
    // Applying again replaces rather than duplicates.
    expect(await fw.apply(ID, RULES.slice(0, 1), { elevate: false })).toEqual({ ok: true });
    expect((await fw.inspect(ID)).rules.map((r) => r.port)).toEqual([28197]);
    expect(await fw.remove(ID, RULES, { elevate: false })).toEqual({ ok: true });
    expect((await fw.inspect(ID)).rules).toEqual([]);
  }, 120_000);

  it('finds the process listening on a UDP port through Get-NetUDPEndpoint', async () => {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '0.0.0.0', resolve));
    const { port } = socket.address();
    try {
      const report = await udpPortReport(port, [process.pid]);
      expect(report?.byServer).toContain('0.0.0.0');
      expect((await udpPortReport(port, [process.pid + 100_000]))?.byOther).toBe(true);
    } finally {
      socket.close();
    }
  }, 60_000);
});

// The real registry, System32 and certificate stores (the Windows CI job). Elsewhere the same logic
// runs on recorded reg.exe and PowerShell output (windows-prereq-probe.test.ts).
import { HostPrerequisites } from '@ark-asa/contracts';
import { describe, expect, it } from 'vitest';
import { createPrereqHost } from './create-prereq-host.ts';
import { WindowsPrereqProbe } from './windows-prereq-probe.ts';

describe.runIf(process.platform === 'win32')('Windows prerequisites, for real (Windows only)', () => {
  it('reads the registry, the DLLs and the certificate stores and answers each item', async () => {
    const host = createPrereqHost();
    const answer = HostPrerequisites.parse({ platform: host.platform, items: await host.check() });
    expect(answer.platform).toBe('win32');
    expect(answer.items.map((i) => i.id)).toEqual(['vcredist', 'directx', 'certificates']);
    for (const item of answer.items) {
      // reg.exe, the file system and PowerShell all answered: every state is a finding, not a shrug.
      expect(['ok', 'missing'], `${item.id}: ${item.detail}`).toContain(item.state);
      expect(item.detail).not.toBe('');
      expect(item.fix === null).toBe(item.state === 'ok');
    }
  }, 60_000);

  it('answers the same through the probe on its own', async () => {
    const items = await new WindowsPrereqProbe().check();
    expect(items).toHaveLength(3);
  }, 60_000);
});

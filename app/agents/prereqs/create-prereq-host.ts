import type { InstallPrerequisitesResult, PrereqId, PrereqItem } from '@ark-asa/contracts';
import type { InstallContext, PrereqHost, PrereqInstaller, PrereqProbe } from './prereq-host.ts';
import { NotApplicablePrereqHost } from './prereq-host.ts';
import { WindowsPrereqInstaller } from './windows-prereq-installer.ts';
import { WindowsPrereqProbe } from './windows-prereq-probe.ts';

/** A probe and an installer as one host (Windows; tests combine fakes the same way). */
export class CombinedPrereqHost implements PrereqHost {
  constructor(
    readonly platform: NodeJS.Platform,
    private readonly probe: PrereqProbe,
    private readonly installer: PrereqInstaller,
  ) {}

  check(): Promise<PrereqItem[]> {
    return this.probe.check();
  }

  install(ids: readonly PrereqId[], ctx: InstallContext): Promise<InstallPrerequisitesResult> {
    return this.installer.install(ids, ctx);
  }
}

/** The prerequisites of this OS: real checks on Windows, "not applicable" elsewhere. */
export function createPrereqHost(platform: NodeJS.Platform = process.platform): PrereqHost {
  if (platform !== 'win32') return new NotApplicablePrereqHost(platform);
  return new CombinedPrereqHost(platform, new WindowsPrereqProbe(), new WindowsPrereqInstaller());
}

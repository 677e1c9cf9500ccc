// What the manager asks of a host about the server's Windows prerequisites: check them, and install
// the missing ones. Behind an interface so services and tests never depend on the OS they run on.
import type { InstallPrerequisitesResult, PrereqId, PrereqItem } from '@ark-asa/contracts';

export const PREREQ_NAMES: Readonly<Record<PrereqId, string>> = {
  vcredist: 'Visual C++ 2015–2022 x64 runtime',
  directx: 'DirectX End-User Runtime (June 2010)',
  certificates: 'Amazon Root CA 1 and Amazon RSA 2048 M02 certificates',
};

export const PREREQ_IDS: readonly PrereqId[] = ['vcredist', 'directx', 'certificates'];

export interface PrereqProbe {
  check(): Promise<PrereqItem[]>;
}

export interface InstallContext {
  progress: (percent: number, message: string) => void;
  signal: AbortSignal;
}

export interface PrereqInstaller {
  /** Runs the installers of `ids` in order; one that fails does not stop the others. */
  install(ids: readonly PrereqId[], ctx: InstallContext): Promise<InstallPrerequisitesResult>;
}

export interface PrereqHost extends PrereqProbe, PrereqInstaller {
  readonly platform: NodeJS.Platform;
}

const NOT_WINDOWS =
  'Only Windows hosts need this: on Linux the server runs through Proton or Wine, which bring their own runtimes';

/** Linux and macOS: the runner (Proton, Wine) carries these, so there is nothing to check or install. */
export class NotApplicablePrereqHost implements PrereqHost {
  constructor(readonly platform: NodeJS.Platform) {}

  check(): Promise<PrereqItem[]> {
    return Promise.resolve(
      PREREQ_IDS.map((id) => ({ id, name: PREREQ_NAMES[id], state: 'not-applicable', detail: NOT_WINDOWS, fix: null })),
    );
  }

  install(ids: readonly PrereqId[]): Promise<InstallPrerequisitesResult> {
    return Promise.resolve({
      items: ids.map((id) => ({ id, ok: false, message: `${PREREQ_NAMES[id]}: not applicable. ${NOT_WINDOWS}` })),
      restartNeeded: false,
    });
  }
}

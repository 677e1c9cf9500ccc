import path from 'node:path';
import { ErrorCode, type ManagerSettings } from '@ark-asa/contracts';
import { AppError } from '../../domain/app-error.ts';
import { LinuxProcessHost } from './linux-process-host.ts';
import type { ProcessHost } from './process-host.ts';
import { RunnerProcessHost } from './runner-process-host.ts';
import { WindowsProcessHost } from './windows-process-host.ts';

/**
 * The ProcessHost of this OS. Other platforms are refused rather than served by the Linux host:
 * without a Linux /proc every inspect would answer "no such process", so running servers would
 * look crashed and be started a second time.
 */
export function createProcessHost(platform: NodeJS.Platform = process.platform): ProcessHost {
  if (platform === 'win32') return new WindowsProcessHost();
  if (platform === 'linux' || platform === 'android') return new LinuxProcessHost();
  throw new AppError(
    ErrorCode.INTERNAL,
    `Hosting game servers is not supported on ${platform} (only Windows and Linux)`,
  );
}

/**
 * The host game servers run on: this OS's host, which on Linux starts a Windows server program
 * through the Proton or Wine set in the settings (native programs, like the simulators, run directly).
 */
export function createServerProcessHost(
  settings: () => Pick<ManagerSettings, 'linuxRunner' | 'steamcmdPath'>,
  platform: NodeJS.Platform = process.platform,
): ProcessHost {
  return new RunnerProcessHost(createProcessHost(platform), {
    platform,
    runner: () => settings().linuxRunner,
    // The ASA images point Proton at the Steam client folder SteamCMD installs into.
    steamClientDir: () => {
      const steamcmd = settings().steamcmdPath;
      return steamcmd ? path.dirname(steamcmd) : null;
    },
  });
}

import { ErrorCode } from '@ark-asa/contracts';
import { AppError } from '../../domain/app-error.ts';
import { LinuxProcessHost } from './linux-process-host.ts';
import type { ProcessHost } from './process-host.ts';
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

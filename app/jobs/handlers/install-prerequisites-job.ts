import { ErrorCode, type InstallPrerequisitesResult } from '@ark-asa/contracts';
import type { PrereqInstaller } from '../../agents/prereqs/prereq-host.ts';
import { AppError } from '../../domain/app-error.ts';
import type { JobHandler } from '../job-handler.ts';

/**
 * INSTALL_PREREQUISITES: download and run, elevated, the installers of the named Windows
 * prerequisites (docs/windows-prerequisites.md). The user consented at the REST edge. One item that
 * fails does not stop the others; the job fails only when none succeeded.
 */
export function installPrerequisitesJob(deps: {
  installer: PrereqInstaller;
}): JobHandler<'INSTALL_PREREQUISITES', InstallPrerequisitesResult> {
  return {
    type: 'INSTALL_PREREQUISITES',
    // Two installers at once make Windows Installer refuse the second (error 1618).
    lockKey: () => 'host-prerequisites',
    async run(ctx) {
      const result = await deps.installer.install(ctx.params.items, {
        progress: (p, m) => ctx.progress(p, m),
        signal: ctx.signal,
      });
      if (result.items.length > 0 && result.items.every((i) => !i.ok))
        throw new AppError(ErrorCode.JOB_HANDLER_FAILED, result.items.map((i) => i.message).join(' · '));
      return result;
    },
  };
}

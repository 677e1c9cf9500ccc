import { BUILDS_LOCK } from '../../agents/builds/build-paths.ts';
import type { SteamcmdInstaller } from '../../agents/steamcmd/steamcmd-installer.ts';
import type { JobHandler } from '../job-handler.ts';

export interface InstallSteamcmdDeps {
  installer: Pick<SteamcmdInstaller, 'install'>;
  /** Stores the new steamcmdPath setting (through the settings service, so its listeners hear it). */
  saveSteamcmdPath: (steamcmdPath: string) => void;
}

/**
 * INSTALL_STEAMCMD (Windows): download Valve's steamcmd.zip into <dataRoot>/runtime/steamcmd and
 * use it; result `{ steamcmdPath }`. It holds the builds lock: steamcmd.exe must not be replaced
 * while an install runs it.
 */
export function installSteamcmdJob(
  deps: InstallSteamcmdDeps,
): JobHandler<'INSTALL_STEAMCMD', { steamcmdPath: string }> {
  return {
    type: 'INSTALL_STEAMCMD',
    lockKey: () => BUILDS_LOCK,
    async run(ctx) {
      const { steamcmdPath } = await deps.installer.install({
        signal: ctx.signal,
        onProgress: (p, m) => ctx.progress(p, m),
      });
      deps.saveSteamcmdPath(steamcmdPath);
      return { steamcmdPath };
    },
  };
}

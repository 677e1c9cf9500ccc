import { useAgents, useSettings } from '../../api/queries.ts';

/**
 * What the builds and settings screens need to know about the PC that runs the servers: whether
 * it is Windows (the manager can then fetch SteamCMD itself) and whether SteamCMD is set.
 */
export function useHost() {
  const agents = useAgents();
  const settings = useSettings();
  const local = agents.data?.find((a) => a.kind === 'local') ?? agents.data?.[0];
  return {
    loaded: !!local && !!settings.data,
    isWindows: local?.platform === 'win32',
    platform: local?.platform,
    steamcmdSet: !!settings.data?.steamcmdPath,
  };
}

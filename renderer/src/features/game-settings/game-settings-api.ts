import { useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../../api/http.ts';
import type { GameSettingChange, InstanceGameSettings } from './game-settings-types.ts';

export const gameSettingsKeys = {
  catalogue: ['game-settings', 'catalogue'] as const,
  values: (id: string) => ['game-settings', 'values', id] as const,
};

/** The catalogue changes only with the manager's version: read once per session. */
export const useGameSettingsCatalogue = () =>
  useQuery({
    queryKey: gameSettingsKeys.catalogue,
    queryFn: async () => (await call('getGameSettingsCatalogue', {})).settings,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });

export const useGameSettings = (id: string) =>
  useQuery({
    queryKey: gameSettingsKeys.values(id),
    queryFn: () => call('getInstanceGameSettings', { params: { id } }),
    // A raw edit or the server's exit may have changed the files: read them again on every visit.
    staleTime: 0,
  });

/** Writes changes; the answer is the files' new state, and the raw editor reads its text again. */
export function useWriteGameSettings(id: string) {
  const qc = useQueryClient();
  return async (changes: GameSettingChange[]): Promise<InstanceGameSettings> => {
    const state = await call('patchInstanceGameSettings', { params: { id }, body: { changes } });
    qc.setQueryData(gameSettingsKeys.values(id), state);
    await qc.invalidateQueries({ queryKey: ['config', id] });
    return state;
  };
}

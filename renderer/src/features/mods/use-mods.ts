import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InstanceStatus } from '@ark-asa/contracts';
import { call } from '../../api/http.ts';

export const modKeys = {
  all: ['mods'] as const,
  /**
   * The status is part of the key: ASA downloads mod files when the server starts, so a status
   * change is exactly when the installed files (and so "update available") may have changed.
   */
  instance: (id: string, status: InstanceStatus) => ['mods', id, status] as const,
  curseForgeKey: ['curseforge-key'] as const,
};

export const useInstanceMods = (id: string, status: InstanceStatus) =>
  useQuery({ queryKey: modKeys.instance(id, status), queryFn: () => call('getInstanceMods', { params: { id } }) });

/** "Check now": asks CurseForge at once and puts the answer where the tab reads it. */
export function useRefreshMods(id: string, status: InstanceStatus) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => call('refreshInstanceMods', { params: { id } }),
    onSuccess: (mods) => qc.setQueryData(modKeys.instance(id, status), mods),
  });
}

export const useCurseForgeKey = () =>
  useQuery({ queryKey: modKeys.curseForgeKey, queryFn: () => call('getCurseForgeKey', {}) });

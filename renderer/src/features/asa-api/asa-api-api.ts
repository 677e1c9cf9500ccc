import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AsaApiState } from '@ark-asa/contracts';
import { call } from '../../api/http.ts';
import { keys } from '../../api/queries.ts';

const stateKey = (id: string) => ['asaapi', id] as const;
const configKey = (id: string, name: string) => ['asaapi', id, 'config', name] as const;

export const useAsaApi = (id: string) =>
  useQuery({ queryKey: stateKey(id), queryFn: () => call('getAsaApi', { params: { id } }), staleTime: 0 });

/** Turns the per-server setting on or off (PATCH of the instance's settings). */
export function useAsaApiEnabled(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (enabled: boolean) =>
      call('updateInstance', { params: { id }, body: { settings: { asaApi: { enabled } } } }),
    onSuccess: (instance) => {
      qc.setQueryData(keys.instance(id), instance);
      void qc.invalidateQueries({ queryKey: stateKey(id) });
    },
  });
}

export function usePluginEnabled(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ name, enabled }: { name: string; enabled: boolean }): Promise<AsaApiState> =>
      call('setAsaApiPluginEnabled', { params: { id, name }, body: { enabled } }),
    onSuccess: (state) => qc.setQueryData(stateKey(id), state),
  });
}

export const usePluginConfig = (id: string, name: string | null) =>
  useQuery({
    queryKey: configKey(id, name ?? ''),
    queryFn: () => call('getAsaApiPluginConfig', { params: { id, name: name! } }),
    enabled: name !== null,
    staleTime: 0,
  });

export function useSavePluginConfig(id: string, name: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (config: string) => call('putAsaApiPluginConfig', { params: { id, name }, body: { config } }),
    onSuccess: (saved) => {
      qc.setQueryData(configKey(id, name), saved);
      void qc.invalidateQueries({ queryKey: stateKey(id) });
    },
  });
}

/** Why the text is not JSON, shown at the field before the server is asked; null when it is. */
export function jsonError(text: string): string | null {
  try {
    JSON.parse(text);
    return null;
  } catch (err) {
    return `Not valid JSON: ${(err as Error).message}`;
  }
}

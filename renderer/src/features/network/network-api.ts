import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FirewallOpenBody, FirewallState, VisibilityCheck } from '@ark-asa/contracts';
import { call } from '../../api/http.ts';

const firewallKey = (id: string) => ['firewall', id] as const;

export const useFirewall = (id: string) =>
  useQuery({ queryKey: firewallKey(id), queryFn: () => call('getFirewall', { params: { id } }), staleTime: 0 });

/** Adds or removes the rules; the answer is the new state, shown at once. */
export function useFirewallChange(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (change: { open: true; body: Partial<FirewallOpenBody> } | { open: false }): Promise<FirewallState> =>
      change.open
        ? call('openFirewall', { params: { id }, body: change.body })
        : call('closeFirewall', { params: { id } }),
    onSuccess: (state) => qc.setQueryData(firewallKey(id), state),
  });
}

export function useVisibilityCheck(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => call('checkVisibility', { params: { id } }),
    // The check reads the firewall too: keep the firewall card in step.
    onSuccess: () => void qc.invalidateQueries({ queryKey: firewallKey(id) }),
  });
}

export const CHECK_LABELS: Record<VisibilityCheck['id'], string> = {
  process: 'Server running',
  listening: 'Listening on the game port',
  firewall: 'Firewall',
  multihome: 'MultiHome address',
  'server-list': 'Public server list',
};

export const STATUS_COLORS: Record<VisibilityCheck['status'], string> = {
  pass: 'green',
  fail: 'red',
  warn: 'yellow',
  skip: 'gray',
};

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Agent } from '@ark-asa/contracts';
import { call } from '../../api/http.ts';

const agentsKey = ['agents'] as const;

function upsert(list: Agent[] | undefined, agent: Agent): Agent[] | undefined {
  if (!list) return list;
  return list.some((a) => a.id === agent.id) ? list.map((a) => (a.id === agent.id ? agent : a)) : [...list, agent];
}

export function useCreateHost() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => call('createAgent', { body: { name } }),
    onSuccess: (created) => qc.setQueryData<Agent[]>(agentsKey, (list) => upsert(list, created.agent)),
  });
}

export function useRevokeHost() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call('revokeAgent', { params: { agentId: id } }),
    onSuccess: (agent) => qc.setQueryData<Agent[]>(agentsKey, (list) => upsert(list, agent)),
  });
}

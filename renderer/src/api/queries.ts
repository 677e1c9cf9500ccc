import { useQuery } from '@tanstack/react-query';
import type { JobListQuery } from '@ark-asa/contracts';
import { ApiError, call } from './http.ts';

export const keys = {
  instances: ['instances'] as const,
  instance: (id: string) => ['instance', id] as const,
  builds: ['builds'] as const,
  /** A remote host's build cache; this PC's stays under `builds` so the many readers of it share one entry. */
  hostBuilds: (agentId: string) => ['builds', agentId] as const,
  jobs: (filter: Partial<JobListQuery> = {}) => ['jobs', filter] as const,
  allJobs: ['jobs'] as const,
  job: (id: string) => ['job', id] as const,
  agents: ['agents'] as const,
  settings: ['settings'] as const,
  players: (id: string) => ['players', id] as const,
  config: (id: string, file: string) => ['config', id, file] as const,
};

export const useInstances = () =>
  useQuery({
    queryKey: keys.instances,
    queryFn: async ({ signal }) => (await call('listInstances', { query: { limit: 500 } }, { signal })).items,
  });

export const useInstance = (id: string) =>
  useQuery({
    queryKey: keys.instance(id),
    queryFn: ({ signal }) => call('getInstance', { params: { id } }, { signal }),
  });

/**
 * The build cache of one host: this PC when `agentId` is undefined (or this PC's id: callers pass
 * undefined for it, see features/hosts/host-choice.ts), else the remote host's, through the API.
 */
export const useBuilds = (agentId?: string) =>
  useQuery({
    queryKey: agentId ? keys.hostBuilds(agentId) : keys.builds,
    queryFn: () => call('listBuilds', agentId ? { query: { agentId } } : {}),
    // A remote host that is offline (503 agent-offline) stays so for a while: say it now rather
    // than after retries; only an unreachable manager is worth asking again.
    ...(agentId && { retry: (n: number, err: Error) => err instanceof ApiError && err.status === 0 && n < 2 }),
  });

export const useJobs = (filter: Partial<JobListQuery> = {}) =>
  useQuery({
    queryKey: keys.jobs(filter),
    queryFn: async ({ signal }) => (await call('listJobs', { query: { limit: 100, ...filter } }, { signal })).items,
  });

export const useJob = (id: string | null) =>
  useQuery({
    queryKey: keys.job(id ?? ''),
    queryFn: ({ signal }) => call('getJob', { params: { id: id! } }, { signal }),
    enabled: !!id,
  });

export const useAgents = () =>
  useQuery({ queryKey: keys.agents, queryFn: async ({ signal }) => (await call('listAgents', {}, { signal })).items });

export const useSettings = () => useQuery({ queryKey: keys.settings, queryFn: () => call('getSettings', {}) });

export const usePlayers = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: keys.players(id),
    queryFn: async () => (await call('listPlayers', { params: { id } })).items,
    enabled,
    refetchInterval: enabled ? 15_000 : false,
  });

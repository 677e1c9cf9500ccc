import { useQuery } from '@tanstack/react-query';
import type { JobListQuery } from '@ark-asa/contracts';
import { call } from './http.ts';

export const keys = {
  instances: ['instances'] as const,
  instance: (id: string) => ['instance', id] as const,
  builds: ['builds'] as const,
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
    queryFn: async () => (await call('listInstances', { query: { limit: 500 } })).items,
  });

export const useInstance = (id: string) =>
  useQuery({ queryKey: keys.instance(id), queryFn: () => call('getInstance', { params: { id } }) });

export const useBuilds = () => useQuery({ queryKey: keys.builds, queryFn: () => call('listBuilds', {}) });

export const useJobs = (filter: Partial<JobListQuery> = {}) =>
  useQuery({
    queryKey: keys.jobs(filter),
    queryFn: async () => (await call('listJobs', { query: { limit: 100, ...filter } })).items,
  });

export const useJob = (id: string | null) =>
  useQuery({ queryKey: keys.job(id ?? ''), queryFn: () => call('getJob', { params: { id: id! } }), enabled: !!id });

export const useAgents = () =>
  useQuery({ queryKey: keys.agents, queryFn: async () => (await call('listAgents', {})).items });

export const useSettings = () => useQuery({ queryKey: keys.settings, queryFn: () => call('getSettings', {}) });

export const usePlayers = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: keys.players(id),
    queryFn: async () => (await call('listPlayers', { params: { id } })).items,
    enabled,
    refetchInterval: enabled ? 15_000 : false,
  });

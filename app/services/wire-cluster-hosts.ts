import { ENDED_JOB_STATUSES } from '@ark-asa/contracts';
import type { RemoteAgentProxy } from '../agents/remote/remote-agent-proxy.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { Logger } from '../logger.ts';
import type { Store } from '../store/index.ts';
import { ClusterHosts } from './cluster-hosts.ts';
import { HostJobRelay } from './host-job-relay.ts';
import type { HostHttp } from './host-rest.ts';
import type { EndedJob } from './host-job-watch.ts';

export interface ClusterHostsWiring {
  store: Store;
  bus: EventBus;
  logger: Logger;
  localAgentId: () => string;
  /** Late-bound: the proxy and the registry are built after the job handlers. */
  proxy: () => RemoteAgentProxy;
  connectedIds: () => string[];
  announce: (instanceId: string) => void;
}

/** The two parts that let a cluster span hosts (docs/clusters.md#clusters-across-hosts). */
export function wireClusterHosts(w: ClusterHostsWiring): { relay: HostJobRelay; clusterHosts: ClusterHosts } {
  const { store, logger } = w;
  const http: HostHttp = (id, call) => w.proxy().http(id, call);
  const host = (agentId: string) => {
    const a = agentId === w.localAgentId() ? null : store.agents.get(agentId);
    return a && a.kind === 'remote' && !a.revokedAt ? { id: a.id, name: a.name } : null;
  };
  const ended = (jobId: string): EndedJob | null => {
    const job = store.jobs.get(jobId);
    if (!job || !ENDED_JOB_STATUSES.has(job.status)) return null;
    return { status: job.status, error: job.error, result: store.jobRuns.listForJob(jobId).at(-1)?.result ?? null };
  };
  const clusterHosts = new ClusterHosts({
    store,
    logger,
    http,
    host,
    connectedIds: w.connectedIds,
    announce: w.announce,
  });
  const relay = new HostJobRelay({
    ...{ http, logger, ended },
    subscribe: (listener) => w.bus.subscribe(listener),
    beforeStart: async (agentId, instanceId) => {
      const clusterId = store.clusters.clusterIdOf(instanceId);
      if (clusterId) await clusterHosts.push(agentId, clusterId);
    },
    hostOf: (instanceId) => {
      const record = store.instances.get(instanceId);
      return record ? host(record.agentId) : null;
    },
  });
  return { relay, clusterHosts };
}

import { ErrorCode, type PutClusterBody } from '@ark-asa/contracts';
import { AppError, errorInfo } from '../domain/app-error.ts';
import type { Logger } from '../logger.ts';
import type { ClusterRecord, Store } from '../store/index.ts';
import { callHostJson, type HostHttp } from './host-rest.ts';

export interface ClusterHostsDeps {
  store: Store;
  logger: Logger;
  http: HostHttp;
  /** A remote host that may be sent calls (not revoked); null for this PC or an unknown id. */
  host: (agentId: string) => { id: string; name: string } | null;
  connectedIds: () => string[];
  /** Tells clients a server changed (its cluster membership here). */
  announce: (instanceId: string) => void;
}

const INSTANCE_PATCH = /^\/api\/v1\/instances\/([^/]+)$/;

/**
 * Keeps this control plane's clusters defined on the remote hosts their members run on
 * (docs/clusters.md#clusters-across-hosts). A host's manager launches its servers from its own
 * records, so it holds a copy of each such cluster, with the same id, game cluster id and rules and
 * that host's folder, written with `PUT /api/v1/clusters/:id`. This control plane's record stays the
 * truth: the copy is written before a server joins, after every change, and at every connection.
 */
export class ClusterHosts {
  constructor(private readonly deps: ClusterHostsDeps) {}

  /** What the host gets: its own folder if the cluster names one, else the host picks one under its data root. */
  definitionFor(c: ClusterRecord, agentId: string): PutClusterBody {
    const folder = c.folders[agentId];
    return {
      name: c.name,
      gameClusterId: c.gameClusterId,
      transferRules: c.transferRules,
      ...(folder ? { clusterDir: folder } : {}),
    };
  }

  /** Writes one cluster onto one host; throws the host's refusal (or agent-offline). */
  async push(agentId: string, clusterId: string): Promise<void> {
    const host = this.deps.host(agentId);
    const cluster = this.deps.store.clusters.get(clusterId);
    if (!host || !cluster) return;
    await callHostJson(
      this.deps.http,
      host,
      'PUT',
      `/api/v1/clusters/${clusterId}`,
      this.definitionFor(cluster, agentId),
    );
  }

  /**
   * A host's manager answers again: the copies of clusters deleted here meanwhile are deleted there,
   * and every cluster with a member there is written anew. Failures are logged (and retried at the
   * next connection).
   */
  async hostConnected(agentId: string): Promise<void> {
    try {
      for (const clusterId of this.deps.store.clusters.removalsOn(agentId)) await this.removeFrom(agentId, clusterId);
      for (const clusterId of this.deps.store.clusters.clusterIdsOnAgent(agentId))
        await this.pushLogged(agentId, clusterId);
    } catch (err) {
      // Only the store can throw here (closed while the manager stops): nothing to retry.
      this.deps.logger.warn(
        { agentId, error: errorInfo(err).message },
        'bringing the clusters of a host up to date failed',
      );
    }
  }

  /**
   * A cluster was deleted here (ClustersService noted every remote host as maybe holding a copy):
   * the connected hosts delete their copies now, the others when they connect. A stale copy would
   * keep its game cluster id on the host, where a later cluster adopting that id would be refused.
   */
  async deleted(clusterId: string): Promise<void> {
    await Promise.all(this.deps.connectedIds().map((id) => this.removeFrom(id, clusterId)));
  }

  /** A cluster changed here: the connected hosts with members get it now, the others when they connect. */
  async changed(clusterId: string): Promise<void> {
    const connected = new Set(this.deps.connectedIds());
    const hosts = this.deps.store.clusters.agentsOf(clusterId).filter((id) => connected.has(id));
    await Promise.all(hosts.map((id) => this.pushLogged(id, clusterId)));
  }

  /**
   * Before a `PATCH /instances/:id` goes to the server's host: a `clusterId` must name a cluster of
   * this control plane (400 naming the field), which is written onto the host first so the host
   * accepts it. Returns what to do once the host has accepted: record the membership here.
   */
  async beforeForward(
    agentId: string,
    method: string,
    path: string,
    body: Buffer | null,
  ): Promise<(() => void) | null> {
    const instanceId = method === 'PATCH' ? INSTANCE_PATCH.exec(path)?.[1] : undefined;
    const clusterId = instanceId && body ? clusterIdIn(body) : undefined;
    if (!instanceId || clusterId === undefined) return null;
    if (clusterId !== null) {
      if (typeof clusterId !== 'string' || !this.deps.store.clusters.get(clusterId)) {
        const named = typeof clusterId === 'string' ? clusterId.slice(0, 64) : JSON.stringify(clusterId);
        throw AppError.validation([{ field: 'clusterId', message: `No cluster has the id ${named}` }]);
      }
      await this.push(agentId, clusterId);
    }
    return () => {
      this.deps.store.clusters.setMembership(instanceId, clusterId);
      this.deps.announce(instanceId);
    };
  }

  /**
   * Deletes a host's copy. Asked again just before: the cluster may have been defined again under
   * its id while an earlier removal was awaited. Failures are logged; the removal stays for the
   * host's next connection.
   */
  private async removeFrom(agentId: string, clusterId: string): Promise<void> {
    try {
      const host = this.deps.host(agentId);
      if (!host || !this.deps.store.clusters.removalsOn(agentId).includes(clusterId)) return;
      if (await this.hostDeletes(host, clusterId)) this.deps.store.clusters.removedFrom(clusterId, agentId);
    } catch (err) {
      const { code, message } = errorInfo(err);
      this.deps.logger.warn(
        { agentId, clusterId, code, error: message },
        'deleting a cluster from its host failed; it is tried again at its next connection',
      );
    }
  }

  /** Whether the host no longer has the copy: deleted now, or never there (404, or a manager older than clusters). */
  private async hostDeletes(host: { id: string; name: string }, clusterId: string): Promise<boolean> {
    try {
      await callHostJson(this.deps.http, host, 'DELETE', `/api/v1/clusters/${clusterId}`, undefined);
      return true;
    } catch (err) {
      const { code } = errorInfo(err);
      if (code === ErrorCode.NOT_FOUND || code === ErrorCode.ROUTE_NOT_FOUND) return true;
      throw err;
    }
  }

  private async pushLogged(agentId: string, clusterId: string): Promise<void> {
    try {
      await this.push(agentId, clusterId);
    } catch (err) {
      const { code, message } = errorInfo(err);
      this.deps.logger.warn(
        { agentId, clusterId, code, error: message },
        'writing a cluster onto its host failed; it is written again at its next connection',
      );
    }
  }
}

/** The `clusterId` of a JSON object body: undefined when absent or the body is not one (the host answers that). */
function clusterIdIn(body: Buffer): unknown {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
    return Object.hasOwn(parsed, 'clusterId') ? (parsed as { clusterId: unknown }).clusterId : undefined;
  } catch {
    return undefined;
  }
}

import { ErrorCode, JobAccepted } from '@ark-asa/contracts';
import type { JobControl } from '../agents/supervisor/supervisor.ts';
import { AppError } from '../domain/app-error.ts';
import type { Logger } from '../logger.ts';
import { HostJobWatch, type HostJobWatchDeps } from './host-job-watch.ts';
import { callHostJson, type HostHttp } from './host-rest.ts';

export type RelayedAction = 'start' | 'stop' | 'restart';

export interface HostJobRelayDeps extends HostJobWatchDeps {
  http: HostHttp;
  logger: Logger;
  /** The remote host a server runs on; null for a server on this PC. */
  hostOf: (instanceId: string) => { id: string; name: string } | null;
  /**
   * Brings the host's copy of the server's cluster up to date before a start: a change made here
   * a moment ago may still be on its way, and the server would start with the old rules.
   */
  beforeStart?: (agentId: string, instanceId: string) => Promise<void>;
}

/**
 * A lifecycle job this control plane runs for a server on a remote host: a cluster start orders
 * members across hosts, and only this control plane knows the order (docs/clusters.md#clusters-across-hosts).
 * The job asks the host to start, stop or restart its server, then follows the host's own job to its
 * end: its progress, its result and its error become this job's.
 */
export class HostJobRelay {
  constructor(private readonly deps: HostJobRelayDeps) {}

  /** The relay for a server on a remote host; null for one on this PC (the supervisor runs it). */
  for(instanceId: string): ((action: RelayedAction, body: object, ctl: JobControl) => Promise<unknown>) | null {
    const host = this.deps.hostOf(instanceId);
    return host ? (action, body, ctl) => this.run(host, instanceId, action, body, ctl) : null;
  }

  private async run(
    host: { id: string; name: string },
    instanceId: string,
    action: RelayedAction,
    body: object,
    ctl: JobControl,
  ): Promise<unknown> {
    const watch = new HostJobWatch(this.deps, host);
    try {
      if (action !== 'stop') await this.deps.beforeStart?.(host.id, instanceId);
      ctl.progress(0, `Asking host "${host.name}" to ${action} the server…`);
      const path = `/api/v1/instances/${instanceId}/${action}`;
      const answer = JobAccepted.safeParse(await callHostJson(this.deps.http, host, 'POST', path, body));
      if (!answer.success) throw new AppError(ErrorCode.INTERNAL, `Host "${host.name}" did not answer with a job`);
      const jobId = answer.data.job.id;
      ctl.signal.addEventListener('abort', () => void this.cancelThere(host, jobId), { once: true });
      return await watch.until(jobId, ctl);
    } finally {
      watch.close();
    }
  }

  /** Cancelling this job cancels the host's: otherwise the server would start anyway, unseen. */
  private async cancelThere(host: { id: string; name: string }, jobId: string): Promise<void> {
    try {
      await callHostJson(this.deps.http, host, 'POST', `/api/v1/jobs/${jobId}/cancel`, undefined);
    } catch (err) {
      this.deps.logger.warn({ agentId: host.id, jobId, error: (err as Error).message }, 'cancelling a host job failed');
    }
  }
}

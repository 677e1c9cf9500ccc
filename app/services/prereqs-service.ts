import { ErrorCode, type HostPrerequisites, type InstallPrerequisitesBody, type Job } from '@ark-asa/contracts';
import type { PrereqHost } from '../agents/prereqs/prereq-host.ts';
import { AppError } from '../domain/app-error.ts';
import type { JobRunner } from '../jobs/job-runner.ts';

export interface PrereqsServiceDeps {
  host: PrereqHost;
  runner: Pick<JobRunner, 'enqueue'>;
  agentId: () => string;
}

/** The Windows prerequisites of the manager's own host: check at once, install as a job. */
export class PrereqsService {
  constructor(private readonly deps: PrereqsServiceDeps) {}

  async check(): Promise<HostPrerequisites> {
    return { platform: this.deps.host.platform, items: await this.deps.host.check() };
  }

  /** Consent was checked by the body's schema (400 naming `consent` without it). */
  install(body: InstallPrerequisitesBody): Job {
    if (this.deps.host.platform !== 'win32')
      throw new AppError(
        ErrorCode.INVALID_STATE,
        `Nothing to install on ${this.deps.host.platform}: only Windows hosts need these prerequisites`,
      );
    const items = [...new Set(body.items)];
    return this.deps.runner.enqueue({ type: 'INSTALL_PREREQUISITES', params: { items }, agentId: this.deps.agentId() });
  }
}

import type { Job, JobListQuery } from '@ark-asa/contracts';
import { AppError } from '../domain/app-error.ts';
import type { JobRunner } from '../jobs/job-runner.ts';
import type { Store } from '../store/index.ts';

export class JobsService {
  constructor(
    private readonly store: Store,
    private readonly runner: JobRunner,
    private readonly agentId: () => string,
  ) {}

  list(q: JobListQuery): { items: Job[]; nextCursor: string | null } {
    return this.store.jobs.list(q, this.agentId());
  }

  /** `list` as the JSON the REST route sends (the same value, serialized by the store). */
  listJson(q: JobListQuery): Buffer {
    const agentId = this.agentId();
    const key = `jobs:${agentId}:${JSON.stringify(q)}`;
    return this.store.pages.get(key, ['jobs'], () => this.store.jobs.listJson(q, agentId));
  }

  get(id: string): Job {
    const job = this.store.jobs.get(id);
    if (!job) throw AppError.notFound('Job', id);
    return { ...job, runs: this.store.jobRuns.listForJob(id) };
  }

  cancel(id: string): Job {
    this.runner.cancel(id);
    return this.get(id);
  }

  runDiagnostics(): Job {
    return this.runner.enqueue({ type: 'DIAGNOSTICS', agentId: this.agentId() });
  }
}

import type { BuildList, InstallBuildBody, Job } from '@ark-asa/contracts';
import { readLatestBuild } from '../agents/builds/latest-build.ts';
import { removableBuild } from '../agents/builds/build-removal.ts';
import type { JobRunner } from '../jobs/job-runner.ts';
import type { Store } from '../store/index.ts';

export interface BuildsServiceDeps {
  store: Store;
  runner: Pick<JobRunner, 'enqueue'>;
  agentId: () => string;
}

/** Server builds: the list, and the jobs that install, check, delete them and install SteamCMD. */
export class BuildsService {
  constructor(private readonly deps: BuildsServiceDeps) {}

  list(): BuildList {
    const usage = this.deps.store.builds.usage();
    const items = this.deps.store.builds.list().map((b) => ({ ...b, usedBy: usage.get(b.buildId) ?? [] }));
    return { items, nextCursor: null, ...readLatestBuild(this.deps.store) };
  }

  /** `list` as the JSON the REST route sends, kept while the builds, their users and the settings are unchanged. */
  listJson(): Buffer {
    return this.deps.store.pages.get('builds', ['builds', 'instances', 'settings'], () => JSON.stringify(this.list()));
  }

  install(body: InstallBuildBody): Job {
    return this.enqueue('INSTALL_BUILD', { validate: body.validate ?? false });
  }

  checkLatest(): Job {
    return this.enqueue('CHECK_LATEST_BUILD', {});
  }

  /**
   * 404 for an unknown build and 409 for one in use are answered here, before a job exists; the job
   * checks again when it runs, since an instance may be put on the build in between.
   */
  delete(buildId: string): Job {
    removableBuild(this.deps.store, buildId);
    return this.enqueue('DELETE_BUILD', { buildId });
  }

  installSteamcmd(): Job {
    return this.enqueue('INSTALL_STEAMCMD', {});
  }

  private enqueue(type: Job['type'], params: Record<string, unknown>): Job {
    return this.deps.runner.enqueue({ type, params, agentId: this.deps.agentId() });
  }
}

import { AgentsRepo } from './agents-repo.ts';
import { BuildsRepo } from './builds-repo.ts';
import { ClustersRepo } from './clusters-repo.ts';
import type { Db } from './database.ts';
import { InstancesRepo } from './instances-repo.ts';
import { JobRunsRepo } from './job-runs-repo.ts';
import { JobsRepo } from './jobs-repo.ts';
import { LogLinesRepo } from './log-lines-repo.ts';
import { MetricHistoryRepo } from './metric-history-repo.ts';
import { ModsRepo } from './mods-repo.ts';
import { NotificationsRepo } from './notifications-repo.ts';
import { PageCache } from './page-cache.ts';
import { SettingsRepo } from './settings-repo.ts';

export { openDatabase, type Db } from './database.ts';
export type { BuildRecord } from './builds-repo.ts';
export type { ClusterRecord } from './clusters-repo.ts';
export type { InstanceRecord, ProcessRecord } from './instances-repo.ts';

/** One repository per table; the only code that runs SQL. */
export interface Store {
  db: Db;
  settings: SettingsRepo;
  agents: AgentsRepo;
  builds: BuildsRepo;
  instances: InstancesRepo;
  jobs: JobsRepo;
  jobRuns: JobRunsRepo;
  logLines: LogLinesRepo;
  metricHistory: MetricHistoryRepo;
  mods: ModsRepo;
  notifications: NotificationsRepo;
  clusters: ClustersRepo;
  /** List pages as sent, kept while the rows they were read from are unchanged. */
  pages: PageCache;
  /** One transaction whose commit does not wait for the disk, for losable writes (LogLinesRepo.writeLazily). */
  writeLazily<T>(write: () => T): T;
  close(): void;
}

export function createStore(db: Db): Store {
  const logLines = new LogLinesRepo(db);
  return {
    db,
    settings: new SettingsRepo(db),
    agents: new AgentsRepo(db),
    builds: new BuildsRepo(db),
    instances: new InstancesRepo(db),
    jobs: new JobsRepo(db),
    jobRuns: new JobRunsRepo(db),
    logLines,
    metricHistory: new MetricHistoryRepo(db),
    mods: new ModsRepo(db),
    notifications: new NotificationsRepo(db),
    clusters: new ClustersRepo(db),
    pages: new PageCache(db),
    writeLazily: (write) => logLines.writeLazily(write),
    close: () => db.close(),
  };
}

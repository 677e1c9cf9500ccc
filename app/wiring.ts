import path from 'node:path';
import type { ManagerSettings } from '@ark-asa/contracts';
import { BackupManager } from './agents/backups/backup-manager.ts';
import { BuildCache } from './agents/builds/build-cache.ts';
import { tcpPortFree, udpPortFree } from './agents/host-probes.ts';
import { InstanceLayout } from './agents/instances/instance-layout.ts';
import { LocalAgent } from './agents/local-agent.ts';
import { followServerLog } from './agents/logs/server-log-follower.ts';
import { createServerProcessHost } from './agents/process/create-process-host.ts';
import type { ProcessHost } from './agents/process/process-host.ts';
import { RemoteAgentProxy } from './agents/remote/remote-agent-proxy.ts';
import { SteamcmdClient } from './agents/steamcmd/steamcmd-client.ts';
import { SteamcmdInstaller } from './agents/steamcmd/steamcmd-installer.ts';
import { Supervisor } from './agents/supervisor/supervisor.ts';
import type { SupervisorTimeouts } from './agents/supervisor/supervisor-deps.ts';
import type { Clock } from './domain/clock.ts';
import type { EventBus } from './events/event-bus.ts';
import { backupBeforeUpdate, backupInstanceJob } from './jobs/handlers/backup-instance-job.ts';
import { checkLatestBuildJob } from './jobs/handlers/check-latest-build-job.ts';
import { deleteBuildJob } from './jobs/handlers/delete-build-job.ts';
import { diagnosticsJob } from './jobs/handlers/diagnostics-job.ts';
import { installBuildJob } from './jobs/handlers/install-build-job.ts';
import { installSteamcmdJob } from './jobs/handlers/install-steamcmd-job.ts';
import {
  restartInstanceJob,
  startInstanceJob,
  type LifecycleJobDeps,
  stopInstanceJob,
  updateInstanceJob,
} from './jobs/handlers/lifecycle-jobs.ts';
import { importInstanceJob, importSaveJob } from './jobs/handlers/import-jobs.ts';
import { restoreBackupJob } from './jobs/handlers/restore-backup-job.ts';
import type { JobHandler } from './jobs/job-handler.ts';
import { JobRunner } from './jobs/job-runner.ts';
import type { Logger } from './logger.ts';
import { AgentsService } from './services/agents-service.ts';
import { BackupsService } from './services/backups-service.ts';
import { BuildsService } from './services/builds-service.ts';
import { ClustersService } from './services/clusters-service.ts';
import { ConfigFilesService } from './services/config-files-service.ts';
import { GameSettingsService } from './services/game-settings-service.ts';
import { ImportService } from './services/import-service.ts';
import { PlayerListsService } from './services/player-lists-service.ts';
import { RemoteAgentsService } from './services/remote-agents-service.ts';
import { RemoteMirror } from './services/remote-mirror.ts';
import { HostSettingsPush } from './services/host-settings-push.ts';
import type { Services } from './services/index.ts';
import { InstancesService } from './services/instances-service.ts';
import { JobsService } from './services/jobs-service.ts';
import { LifecycleService } from './services/lifecycle-service.ts';
import { LogService } from './services/log-service.ts';
import { MetricHistoryRecorder } from './services/metric-history-recorder.ts';
import { MetricHistoryService } from './services/metric-history-service.ts';
import { NetworkService } from './services/network-service.ts';
import { AsaApiService } from './services/asa-api-service.ts';
import { createFirewall } from './agents/firewall/create-firewall.ts';
import type { FirewallPort } from './agents/firewall/firewall-port.ts';
import { createPrereqHost } from './agents/prereqs/create-prereq-host.ts';
import type { PrereqHost } from './agents/prereqs/prereq-host.ts';
import { installPrerequisitesJob } from './jobs/handlers/install-prerequisites-job.ts';
import { PrereqsService } from './services/prereqs-service.ts';
import { createModsNotifications, type ModsNotifications } from './services/notifications/create-mods-notifications.ts';
import type { Scheduler } from './services/scheduler/scheduler.ts';
import { wireSchedules } from './services/scheduler/wire-schedules.ts';
import { wireClusterHosts } from './services/wire-cluster-hosts.ts';
import type { SettingsService } from './services/settings-service.ts';
import { BackupsRepo } from './store/backups-repo.ts';
import type { Store } from './store/index.ts';

export interface WiringInput {
  store: Store;
  bus: EventBus;
  clock: Clock;
  logger: Logger;
  settings: SettingsService;
  version: string;
  heartbeatIntervalSec: () => number;
  processHost?: ProcessHost;
  supervisorTimeouts?: Partial<SupervisorTimeouts>;
  jobHandlers?: JobHandler[];
  /** Test doubles of the outside services (default: the real CurseForge and Discord). */
  curseforgeBaseUrl?: string;
  discordOrigin?: string;
  /** The host firewall (default: the one of this OS). */
  firewall?: FirewallPort;
  /** The Windows prerequisites of this host (default: those of this OS). */
  prereqs?: PrereqHost;
  /** A fixed id for the local agent (the manager embedded in a remote agent). */
  localAgentId?: string;
}

export interface Wired {
  services: Services;
  runner: JobRunner;
  agent: LocalAgent;
  agents: AgentsService;
  supervisor: Supervisor;
  logs: LogService;
  scheduler: Scheduler;
  modsNotifications: ModsNotifications;
}

const crashPolicy = (s: ManagerSettings) => ({
  maxRestarts: s.crashRestartMaxAttempts,
  windowMs: s.crashRestartWindowMinutes * 60_000,
});

/** Builds the object graph of the control plane: one place that knows every concrete class. */
export function wire(input: WiringInput): Wired {
  const { store, bus, clock, logger, settings } = input;
  const current = () => settings.get();
  const dataRoot = () => current().dataRoot;
  const runner = new JobRunner({
    ...{ store, bus, logger, clock },
    concurrency: () => current().jobConcurrency,
    // Assigned below, before anything enqueues or recovers: a remote host's jobs are that host's.
    localAgentId: () => agentId,
  });
  const logs = new LogService({ store, bus, logger, clock, retention: () => current().logRetentionLines });
  const layout = new InstanceLayout({ dataRoot, buildPath: (id) => store.builds.get(id)?.installPath ?? null, logger });
  let agentId = '';
  // Assigned below: the supervisor asks it for a member's cluster only when a server starts.
  let clusters: ClustersService | null = null;
  const supervisor = new Supervisor({
    store,
    bus,
    clock,
    logger,
    host: input.processHost ?? createServerProcessHost(current),
    logs,
    files: layout,
    followLog: (run) => followServerLog({ sink: logs, clock, logger }, run),
    crashPolicy: () => crashPolicy(current()),
    requestRestart: (instanceId, reason) =>
      void runner.enqueue({ type: 'START_INSTANCE', instanceId, agentId, params: { reason } }),
    portFree: (port, protocol) => (protocol === 'udp' ? udpPortFree(port) : tcpPortFree(port)),
    timeouts: input.supervisorTimeouts,
    clusterOf: (instanceId) => clusters?.launchOf(instanceId) ?? null,
    compatPrefixOf: (instanceId) => path.join(dataRoot(), 'prefixes', instanceId),
    localAgentId: () => agentId,
  });
  const agent = new LocalAgent({
    store,
    bus,
    logger,
    clock,
    version: input.version,
    dataRoot,
    heartbeatIntervalSec: input.heartbeatIntervalSec,
    instanceMetrics: () => supervisor.sampleUsage(),
    localAgentId: input.localAgentId,
  });
  agentId = agent.id;
  const instances = new InstancesService({
    store,
    bus,
    clock,
    agentId: () => agent.id,
    files: layout,
    runtime: (id) => supervisor.runtime(id),
    attention: (id) => supervisor.unconfirmed.attention(id),
    isBusy: (id) => runner.isBusy(`instance:${id}`),
    forgetLogs: (id) => logs.forget(id),
  });
  // The attention appears and clears outside any request: clients hear of it as instance:updated.
  supervisor.unconfirmed.onChange((id) => {
    if (store.instances.get(id)) instances.announceUpdated(id);
  });
  const backupsRepo = new BackupsRepo(store.db);
  const backups = new BackupManager({
    store,
    repo: backupsRepo,
    supervisor,
    clock,
    logger,
    dataRoot,
    instancesRoot: () => layout.instancesRoot(),
    logs,
  });
  const hosts = wireClusterHosts({
    ...{ store, bus, logger },
    localAgentId: () => agent.id,
    proxy: () => services.agentProxy,
    connectedIds: () => services.remoteAgents.registry.connectedIds(),
    announce: (id) => instances.announceUpdated(id),
  });
  registerJobs(runner, input, {
    ...{ supervisor, layout, instances, logs, backups },
    agentId: () => agent.id,
    onHost: (id) => hosts.relay.for(id),
  });
  const imports = new ImportService({
    ...{ store, bus, clock, dataRoot, instances, runner, backups },
    agentId: () => agent.id,
    isRunning: (id) => supervisor.isRunning(id),
  });
  const importWork = {
    importInstance: imports.runImportInstance.bind(imports),
    importSave: imports.runImportSave.bind(imports),
  };
  runner.register(importInstanceJob(importWork));
  runner.register(importSaveJob(importWork));
  const lifecycle = new LifecycleService(instances, runner, supervisor);
  clusters = new ClustersService({
    ...{ store, clock, runner, dataRoot, instances, lifecycle },
    localAgentId: () => agent.id,
    hostExists: (id) => store.agents.get(id) !== null,
    changed: (id) => void hosts.clusterHosts.changed(id),
    remoteHostIds: () => store.agents.list().flatMap((a) => (a.kind === 'remote' && !a.revokedAt ? [a.id] : [])),
    deleted: (id) => void hosts.clusterHosts.deleted(id),
  });
  const { scheduler, schedules } = wireSchedules({
    store,
    bus,
    clock,
    logger,
    runner,
    supervisor,
    lifecycle,
    instances,
    logs,
    agentId: () => agent.id,
  });
  const modsNotifications = createModsNotifications({
    repos: { mods: store.mods, notifications: store.notifications },
    pages: store.pages,
    clock,
    logger,
    subscribe: (listener) => bus.subscribe(listener),
    findInstance: (id) => store.instances.get(id),
    // The mod check reads server folders: only this host's servers have theirs here.
    instances: () => store.instances.listByAgent(agent.id),
    instanceDir: (i) => i.installPath ?? layout.instanceDir(i.id),
    job: (id) => store.jobs.get(id),
    log: (instanceId, message) => logs.append(instanceId, { level: 'INFO', source: 'manager', message }),
    curseforgeBaseUrl: input.curseforgeBaseUrl,
    discordOrigin: input.discordOrigin,
  });
  const metricHistory = new MetricHistoryService({ store, clock, heartbeatIntervalSec: input.heartbeatIntervalSec });
  // Listens for the plane's lifetime; after the store closes its writes are no-ops.
  new MetricHistoryRecorder({
    repo: store.metricHistory,
    history: metricHistory,
    logger,
    subscribe: (l) => bus.subscribe(l),
  }).start();
  const services: Services = {
    version: input.version,
    startedAt: Date.now(),
    settings,
    agents: new AgentsService(store, bus, clock),
    remoteAgents: new RemoteAgentsService({
      ...{ store, bus, clock, logger },
      heartbeatIntervalSec: input.heartbeatIntervalSec,
      hostReady: (id) => {
        void hostSettings.pushTo(id);
        void hosts.clusterHosts.hostConnected(id);
      },
      mirror: new RemoteMirror({
        ...{ store, bus, clock, logger },
        dto: (record) => instances.dto(record),
        nameOf: (id) => store.agents.get(id)?.name ?? id,
        forgetLogs: (id) => logs.forget(id),
      }),
    }),
    agentProxy: new RemoteAgentProxy({
      request: (...args) => services.remoteAgents.registry.request(...args),
      nameOf: (id) => services.remoteAgents.nameOf(id),
    }),
    instances,
    lifecycle,
    builds: new BuildsService({ store, runner, agentId: () => agent.id }),
    backups: new BackupsService({
      instance: (id) => instances.record(id),
      runner,
      isRunning: (id) => supervisor.isRunning(id),
      manager: backups,
      repo: backupsRepo,
      pages: store.pages,
      clock,
    }),
    configFiles: new ConfigFilesService({
      instance: (id) => instances.record(id),
      layout,
      isBusy: (id) => runner.isBusy(`instance:${id}`),
    }),
    // Reads and writes through the raw file service, so both editors share one set of rules.
    gameSettings: new GameSettingsService({ configFiles: () => services.configFiles }),
    playerLists: new PlayerListsService({ instance: (id) => instances.record(id), layout }),
    asaApi: new AsaApiService({
      instance: (id) => instances.record(id),
      isBusy: (id) => runner.isBusy(`instance:${id}`),
    }),
    logs,
    jobs: new JobsService(store, runner, () => agent.id),
    schedules,
    mods: modsNotifications.mods,
    notifications: modsNotifications.notifications,
    clusters,
    clusterHosts: hosts.clusterHosts,
    metricHistory,
    imports,
    network: new NetworkService({
      ...{ clock, logger },
      instance: (id) => instances.get(id),
      localAgentId: () => agent.id,
      allInstances: () => store.instances.listAll().map((r) => instances.dto(r)),
      settings: current,
      firewall: input.firewall ?? createFirewall(),
      subscribe: (l) => bus.subscribe(l),
    }),
    prereqs: new PrereqsService({ host: prereqHost(input), runner, agentId: () => agent.id }),
  };
  // A host's embedded manager has no settings page: the CurseForge key set here is its key too.
  const hostSettings = new HostSettingsPush({
    logger,
    curseforgeKey: () => store.mods.apiKey()?.apiKey ?? null,
    connectedIds: () => services.remoteAgents.registry.connectedIds(),
    http: (id, call) => services.agentProxy.http(id, call),
  });
  services.mods.onKeyChanged(() => void hostSettings.pushAll());
  // Remote agents heartbeat at the manager's interval: a change reaches connected hosts at once.
  settings.onChange((next, previous) => {
    if (next.heartbeatIntervalSec === previous.heartbeatIntervalSec) return;
    services.remoteAgents.reconfigureAll();
    agent.reschedule();
  });
  return { services, runner, agent, agents: services.agents, supervisor, logs, scheduler, modsNotifications };
}

function registerJobs(
  runner: JobRunner,
  input: WiringInput,
  parts: {
    supervisor: Supervisor;
    layout: InstanceLayout;
    instances: InstancesService;
    logs: LogService;
    backups: BackupManager;
    agentId: () => string;
    onHost: LifecycleJobDeps['onHost'];
  },
): void {
  const { store, settings, clock, logger } = input;
  const dataRoot = () => settings.get().dataRoot;
  const steamcmd = new SteamcmdClient({ settings: () => settings.get(), logger });
  const cache = new BuildCache({
    ...{ store, steamcmd, dataRoot, clock, logger },
    onServedBuildChanged: () => parts.instances.announceAll(),
  });
  const lifecycle = {
    supervisor: parts.supervisor,
    store,
    relink: async (
      instance: Parameters<InstanceLayout['create']>[0],
      from: string | null,
      to: { buildId: string; installPath: string },
    ) => {
      if (from && instance.installPath) {
        await parts.layout.relink(instance, from, to.installPath);
        return instance.installPath;
      }
      return (await parts.layout.create({ ...instance, buildId: to.buildId })) ?? parts.layout.instanceDir(instance.id);
    },
    changed: (id: string) => parts.instances.announceUpdated(id),
    // Called directly, not as a job: UPDATE_INSTANCE already holds the instance lock a job would wait for.
    backupBeforeUpdate: backupBeforeUpdate({ backups: parts.backups }),
    waitForJob: (jobId: string) => runner.waitFor(jobId),
    onHost: parts.onHost,
  };
  const handlers: JobHandler[] = [
    diagnosticsJob({ settings: () => settings.get(), instances: () => store.instances.listByAgent(parts.agentId()) }),
    installBuildJob({ cache }),
    checkLatestBuildJob({ cache }),
    deleteBuildJob({ store, dataRoot, logger }),
    installSteamcmdJob({
      installer: new SteamcmdInstaller({ dataRoot, logger }),
      saveSteamcmdPath: (steamcmdPath) => void settings.update({ steamcmdPath }),
    }),
    startInstanceJob(lifecycle),
    stopInstanceJob(lifecycle),
    restartInstanceJob(lifecycle),
    updateInstanceJob(lifecycle),
    backupInstanceJob({ backups: parts.backups }),
    restoreBackupJob({ backups: parts.backups }),
    installPrerequisitesJob({ installer: prereqHost(input) }),
    ...(input.jobHandlers ?? []),
  ];
  for (const handler of handlers) runner.register(handler);
}

/** One host object per wiring: the service checks through it and the job installs through it. */
const prereqHosts = new WeakMap<WiringInput, PrereqHost>();
function prereqHost(input: WiringInput): PrereqHost {
  let host = prereqHosts.get(input);
  if (!host) prereqHosts.set(input, (host = input.prereqs ?? createPrereqHost()));
  return host;
}

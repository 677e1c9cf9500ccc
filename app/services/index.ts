import type { RemoteAgentProxy } from '../agents/remote/remote-agent-proxy.ts';
import type { AgentsService } from './agents-service.ts';
import type { BackupsService } from './backups-service.ts';
import type { BuildsService } from './builds-service.ts';
import type { ClusterHosts } from './cluster-hosts.ts';
import type { ClustersService } from './clusters-service.ts';
import type { ConfigFilesService } from './config-files-service.ts';
import type { GameSettingsService } from './game-settings-service.ts';
import type { ImportService } from './import-service.ts';
import type { InstancesService } from './instances-service.ts';
import type { JobsService } from './jobs-service.ts';
import type { LifecycleService } from './lifecycle-service.ts';
import type { LogService } from './log-service.ts';
import type { MetricHistoryService } from './metric-history-service.ts';
import type { ModsService } from './mods-service.ts';
import type { NetworkService } from './network-service.ts';
import type { AsaApiService } from './asa-api-service.ts';
import type { NotificationsService } from './notifications/notifications-service.ts';
import type { PlayerListsService } from './player-lists-service.ts';
import type { PrereqsService } from './prereqs-service.ts';
import type { RemoteAgentsService } from './remote-agents-service.ts';
import type { SchedulesService } from './schedules-service.ts';
import type { SettingsService } from './settings-service.ts';

/** The use cases the HTTP and WebSocket layers may call; they never reach the store directly. */
export interface Services {
  version: string;
  startedAt: number;
  settings: SettingsService;
  agents: AgentsService;
  remoteAgents: RemoteAgentsService;
  /** REST calls of servers and hosts on remote agents (app/http/agent-forwarding.ts). */
  agentProxy: RemoteAgentProxy;
  instances: InstancesService;
  lifecycle: LifecycleService;
  builds: BuildsService;
  backups: BackupsService;
  configFiles: ConfigFilesService;
  gameSettings: GameSettingsService;
  playerLists: PlayerListsService;
  logs: LogService;
  jobs: JobsService;
  schedules: SchedulesService;
  mods: ModsService;
  notifications: NotificationsService;
  clusters: ClustersService;
  /** This control plane's clusters written onto the hosts their members run on. */
  clusterHosts: ClusterHosts;
  metricHistory: MetricHistoryService;
  imports: ImportService;
  network: NetworkService;
  asaApi: AsaApiService;
  prereqs: PrereqsService;
}

import { agentRoutes } from './agent-routes.ts';
import { backupRoutes } from './backup-routes.ts';
import { buildRoutes } from './build-routes.ts';
import { clusterRoutes } from './cluster-routes.ts';
import { gameSettingsRoutes } from './game-settings-routes.ts';
import { importRoutes } from './import-routes.ts';
import { instanceRoutes } from './instance-routes.ts';
import { lifecycleRoutes } from './lifecycle-routes.ts';
import { metricRoutes } from './metric-routes.ts';
import { jobRoutes } from './job-routes.ts';
import { modRoutes } from './mod-routes.ts';
import { networkRoutes } from './network-routes.ts';
import { asaApiRoutes } from './asa-api-routes.ts';
import { notificationRoutes } from './notification-routes.ts';
import { playerRoutes } from './player-routes.ts';
import { prereqRoutes } from './prereq-routes.ts';
import { scheduleRoutes } from './schedule-routes.ts';
import { systemRoutes } from './system-routes.ts';

export * from './route.ts';

/** Every REST route of API v1, by operation name. */
export const apiRoutes = {
  ...systemRoutes,
  ...agentRoutes,
  ...instanceRoutes,
  ...lifecycleRoutes,
  ...backupRoutes,
  ...buildRoutes,
  ...jobRoutes,
  ...scheduleRoutes,
  ...modRoutes,
  ...notificationRoutes,
  ...playerRoutes,
  ...clusterRoutes,
  ...gameSettingsRoutes,
  ...metricRoutes,
  ...importRoutes,
  ...networkRoutes,
  ...asaApiRoutes,
  ...prereqRoutes,
};
export type ApiRoutes = typeof apiRoutes;
export type ApiRouteName = keyof ApiRoutes;

export {
  asaApiRoutes,
  agentRoutes,
  backupRoutes,
  buildRoutes,
  clusterRoutes,
  gameSettingsRoutes,
  importRoutes,
  instanceRoutes,
  jobRoutes,
  lifecycleRoutes,
  metricRoutes,
  modRoutes,
  networkRoutes,
  notificationRoutes,
  scheduleRoutes,
  systemRoutes,
};

import type { Router } from 'express';
import { clusterRoutes } from '@ark-asa/contracts';
import type { ClustersService } from '../../services/clusters-service.ts';
import { mountRoute, type MountOptions } from '../mount-route.ts';

export function mountClusterRoutes(router: Router, clusters: ClustersService, opts: MountOptions): void {
  mountRoute(router, clusterRoutes.listClusters, () => clusters.list(), opts);
  mountRoute(router, clusterRoutes.createCluster, ({ body }) => clusters.create(body), opts);
  mountRoute(router, clusterRoutes.getCluster, ({ params }) => clusters.get(params.id), opts);
  mountRoute(router, clusterRoutes.updateCluster, ({ params, body }) => clusters.update(params.id, body), opts);
  mountRoute(router, clusterRoutes.putCluster, ({ params, body }) => clusters.put(params.id, body), opts);
  mountRoute(
    router,
    clusterRoutes.deleteCluster,
    ({ params }) => {
      clusters.delete(params.id);
      return undefined;
    },
    opts,
  );
  mountRoute(router, clusterRoutes.startCluster, ({ params, body }) => clusters.start(params.id, body), opts);
  mountRoute(router, clusterRoutes.stopCluster, ({ params, body }) => clusters.stop(params.id, body), opts);
  mountRoute(router, clusterRoutes.restartCluster, ({ params, body }) => clusters.restart(params.id, body), opts);
  mountRoute(router, clusterRoutes.backupCluster, ({ params }) => clusters.backup(params.id), opts);
}

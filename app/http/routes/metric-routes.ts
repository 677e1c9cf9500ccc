import type { Router } from 'express';
import { metricRoutes } from '@ark-asa/contracts';
import type { MetricHistoryService } from '../../services/metric-history-service.ts';
import { mountRoute, type MountOptions } from '../mount-route.ts';

export function mountMetricRoutes(router: Router, history: MetricHistoryService, opts: MountOptions): void {
  mountRoute(
    router,
    metricRoutes.getMetricHistory,
    ({ query }) => history.history(query.subject, query.id, query.range),
    opts,
  );
  mountRoute(
    router,
    metricRoutes.getInstanceMetricHistory,
    ({ params, query }) => history.history('instance', params.id, query.range),
    opts,
  );
}

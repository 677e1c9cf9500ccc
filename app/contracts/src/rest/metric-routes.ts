import { InstanceIdParams } from '../dto/instance.ts';
import { MetricHistory, MetricHistoryQuery, MetricRangeQuery } from '../dto/metric-history.ts';
import { defineRoute } from './route.ts';

/** CPU, memory and player history of hosts and servers (docs/history.md). */
export const metricRoutes = {
  getMetricHistory: defineRoute({
    method: 'get',
    path: '/api/v1/metrics/history',
    summary: 'CPU, memory and player history of a host (agent id) or a server (instance id)',
    tag: 'metrics',
    query: MetricHistoryQuery,
    responses: { 200: MetricHistory },
  }),
  getInstanceMetricHistory: defineRoute({
    method: 'get',
    path: '/api/v1/instances/:id/metrics/history',
    summary: "A server's CPU, memory and player history (same as /metrics/history?subject=instance)",
    tag: 'metrics',
    params: InstanceIdParams,
    query: MetricRangeQuery,
    responses: { 200: MetricHistory },
  }),
};

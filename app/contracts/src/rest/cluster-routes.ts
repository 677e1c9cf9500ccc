import { z } from 'zod';
import {
  Cluster,
  ClusterBackup,
  ClusterIdParams,
  ClusterJobsAccepted,
  CreateClusterBody,
  PutClusterBody,
  StartClusterBody,
  UpdateClusterBody,
} from '../dto/cluster.ts';
import { StopInstanceBody } from '../dto/instance.ts';
import { defineRoute } from './route.ts';

const tag = 'clusters';

export const clusterRoutes = {
  listClusters: defineRoute({
    method: 'get',
    path: '/api/v1/clusters',
    summary: 'Every cluster with its members',
    tag,
    responses: { 200: z.object({ items: z.array(Cluster) }) },
  }),
  createCluster: defineRoute({
    method: 'post',
    path: '/api/v1/clusters',
    summary: 'Create a cluster: a random game cluster id and a shared transfer folder under the data root',
    tag,
    body: CreateClusterBody,
    responses: { 201: Cluster },
  }),
  getCluster: defineRoute({
    method: 'get',
    path: '/api/v1/clusters/:id',
    summary: 'One cluster',
    tag,
    params: ClusterIdParams,
    responses: { 200: Cluster },
  }),
  updateCluster: defineRoute({
    method: 'patch',
    path: '/api/v1/clusters/:id',
    summary: 'Rename a cluster or change its transfer rules (members use them from their next start)',
    tag,
    params: ClusterIdParams,
    body: UpdateClusterBody,
    responses: { 200: Cluster },
  }),
  putCluster: defineRoute({
    method: 'put',
    path: '/api/v1/clusters/:id',
    summary:
      'Create or replace a cluster with a given id and game cluster id (how a control plane defines its clusters on a remote host)',
    tag,
    params: ClusterIdParams,
    body: PutClusterBody,
    responses: { 200: Cluster },
  }),
  deleteCluster: defineRoute({
    method: 'delete',
    path: '/api/v1/clusters/:id',
    summary: 'Delete an empty cluster (409 while it has members; its transfer folder stays on disk)',
    tag,
    params: ClusterIdParams,
    responses: { 204: null },
  }),
  startCluster: defineRoute({
    method: 'post',
    path: '/api/v1/clusters/:id/start',
    summary: 'Start the stopped members one after another, gapSeconds apart (one START_INSTANCE job each)',
    tag,
    params: ClusterIdParams,
    body: StartClusterBody,
    responses: { 202: ClusterJobsAccepted },
  }),
  stopCluster: defineRoute({
    method: 'post',
    path: '/api/v1/clusters/:id/stop',
    summary: 'Stop every member with the same countdown (one STOP_INSTANCE job each)',
    tag,
    params: ClusterIdParams,
    body: StopInstanceBody,
    responses: { 202: ClusterJobsAccepted },
  }),
  restartCluster: defineRoute({
    method: 'post',
    path: '/api/v1/clusters/:id/restart',
    summary: 'Restart every member with the same countdown (one RESTART_INSTANCE job each)',
    tag,
    params: ClusterIdParams,
    body: StopInstanceBody,
    responses: { 202: ClusterJobsAccepted },
  }),
  backupCluster: defineRoute({
    method: 'post',
    path: '/api/v1/clusters/:id/backups',
    summary: "Zip the cluster's transfer folder (uploaded survivors, items and dinos)",
    tag,
    params: ClusterIdParams,
    responses: { 201: ClusterBackup },
  }),
};

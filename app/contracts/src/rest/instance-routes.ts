import { z } from 'zod';
import { listOf } from '../common.ts';
import { CreateInstanceBody, Instance, InstanceIdParams, UpdateInstanceBody } from '../dto/instance.ts';
import { defineRoute } from './route.ts';

export const instanceRoutes = {
  listInstances: defineRoute({
    method: 'get',
    path: '/api/v1/instances',
    summary: 'All server instances',
    tag: 'instances',
    query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50), cursor: z.string().optional() }),
    responses: { 200: listOf(Instance) },
  }),
  createInstance: defineRoute({
    method: 'post',
    path: '/api/v1/instances',
    summary: 'Create an instance (settings validated; laid out on a build when one is given or installed)',
    tag: 'instances',
    body: CreateInstanceBody,
    responses: { 201: Instance },
  }),
  getInstance: defineRoute({
    method: 'get',
    path: '/api/v1/instances/:id',
    summary: 'One instance',
    tag: 'instances',
    params: InstanceIdParams,
    responses: { 200: Instance },
  }),
  updateInstance: defineRoute({
    method: 'patch',
    path: '/api/v1/instances/:id',
    summary: 'Change the name or settings (only the fields sent)',
    tag: 'instances',
    params: InstanceIdParams,
    body: UpdateInstanceBody,
    responses: { 200: Instance },
  }),
  deleteInstance: defineRoute({
    method: 'delete',
    path: '/api/v1/instances/:id',
    summary: 'Delete an instance and its directory (409 while not stopped)',
    tag: 'instances',
    params: InstanceIdParams,
    responses: { 204: null },
  }),
};

import { z } from 'zod';
import { Id } from '../common.ts';
import { Agent } from '../dto/agent.ts';
import { Health } from '../dto/health.ts';
import { DataRootCheck, DataRootCheckRequest, ManagerSettings, ManagerSettingsPatch } from '../dto/settings.ts';
import { defineRoute } from './route.ts';

export const systemRoutes = {
  health: defineRoute({
    method: 'get',
    path: '/api/v1/health',
    summary: 'Liveness, version and protocol version',
    tag: 'system',
    responses: { 200: Health },
  }),
  listAgents: defineRoute({
    method: 'get',
    path: '/api/v1/agents',
    summary: 'Agents (hosts that run servers) with status, last heartbeat and host metrics',
    tag: 'agents',
    responses: { 200: z.object({ items: z.array(Agent), nextCursor: z.string().nullable() }) },
  }),
  getAgent: defineRoute({
    method: 'get',
    path: '/api/v1/agents/:agentId',
    summary: 'One agent',
    tag: 'agents',
    params: z.object({ agentId: Id }),
    responses: { 200: Agent },
  }),
  getSettings: defineRoute({
    method: 'get',
    path: '/api/v1/settings',
    summary: 'Manager settings (the access token masked)',
    tag: 'settings',
    responses: { 200: ManagerSettings },
  }),
  patchSettings: defineRoute({
    method: 'patch',
    path: '/api/v1/settings',
    summary: 'Change manager settings; bindHost and port apply at the next start',
    tag: 'settings',
    body: ManagerSettingsPatch,
    responses: { 200: ManagerSettings },
  }),
  checkDataRoot: defineRoute({
    method: 'post',
    path: '/api/v1/settings/data-root-check',
    summary:
      "Checks a data root before installing there: Windows' 260-character path limit and drives that cannot hold hard links (exFAT, network)",
    tag: 'settings',
    body: DataRootCheckRequest,
    responses: { 200: DataRootCheck },
  }),
};

import { z } from 'zod';
import { Id } from '../common.ts';
import { Agent, CreateAgentBody, CreatedAgent, UpdateAgentBody } from '../dto/agent.ts';
import { defineRoute } from './route.ts';

const tag = 'agents';
const AgentIdParams = z.object({ agentId: Id });

/** Remote hosts (docs/agent-channel.md). Listing and reading agents stay in system-routes.ts. */
export const agentRoutes = {
  createAgent: defineRoute({
    method: 'post',
    path: '/api/v1/agents',
    summary: 'Add a remote host: an OFFLINE agent and its token, shown this once (only a hash is kept)',
    tag,
    body: CreateAgentBody,
    responses: { 201: CreatedAgent },
  }),
  updateAgent: defineRoute({
    method: 'patch',
    path: '/api/v1/agents/:agentId',
    summary:
      'Rename a remote host or change its settings (pushed to it at once when connected); the local agent uses the manager settings',
    tag,
    params: AgentIdParams,
    body: UpdateAgentBody,
    responses: { 200: Agent },
  }),
  revokeAgent: defineRoute({
    method: 'delete',
    path: '/api/v1/agents/:agentId',
    summary:
      'Revoke a remote host: disconnected at once, its token refused from then on; it stays listed (revokedAt) with its servers',
    tag,
    params: AgentIdParams,
    responses: { 200: Agent },
  }),
};

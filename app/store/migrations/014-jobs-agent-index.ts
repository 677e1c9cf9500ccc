/**
 * The job list's `agentId` filter (the jobs of one host) seeks an index that ends in the
 * newest-first order (created_at, id), as every other filter does since migration 007: one index
 * per combination with status and type. The combinations with an instance need none: the
 * instance's indexes already narrow the page to that server's jobs, nearly all on its host (a
 * cluster's relayed jobs run here), and JobsRepo checks the host row by row there. This PC's jobs stored without a host are a seek of
 * the same indexes on `agent_id IS NULL`.
 */
export const migration014 = {
  version: 14,
  name: 'jobs-agent-index',
  sql: `
    CREATE INDEX jobs_agent_created ON jobs (agent_id, created_at, id);
    CREATE INDEX jobs_agent_status_created ON jobs (agent_id, status, created_at, id);
    CREATE INDEX jobs_agent_type_created ON jobs (agent_id, type, created_at, id);
    CREATE INDEX jobs_agent_status_type_created ON jobs (agent_id, status, type, created_at, id);
  `,
};

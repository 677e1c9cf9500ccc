/**
 * Servers of remote agents (docs/agent-channel.md#phase-2-servers-on-remote-agents). A remote
 * server has a mirror row in `instances` (so lists, clusters and jobs' foreign keys work) whose
 * `remote_view` holds the agent's latest Instance DTO as JSON; local rows keep it NULL. The index
 * serves the per-agent reads of reconciliation (one agent's rows after it reconnects).
 */
export const migration012 = {
  version: 12,
  name: 'remote-instances',
  sql: `
    ALTER TABLE instances ADD COLUMN remote_view TEXT;
    CREATE INDEX instances_agent_created ON instances (agent_id, created_at, id);
  `,
};

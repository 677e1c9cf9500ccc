/**
 * Remote agents (docs/agent-channel.md). A remote agent's token is 32 random bytes: only its
 * SHA-256 is kept (a fast hash is enough for a random secret of that size; nothing to brute-force
 * with a dictionary). Revocation keeps the row and the hash, so the revoked token is recognised and
 * refused by name, and the servers and jobs that reference the agent keep their history. Settings
 * are JSON (AgentSettings): steamcmdPath, dataRoot, … of that host.
 */
export const migration009 = {
  version: 9,
  name: 'remote-agents',
  sql: `
    ALTER TABLE agents ADD COLUMN token_hash TEXT;
    ALTER TABLE agents ADD COLUMN revoked_at TEXT;
    ALTER TABLE agents ADD COLUMN settings TEXT;
    CREATE UNIQUE INDEX agents_token_hash ON agents (token_hash) WHERE token_hash IS NOT NULL;
  `,
};

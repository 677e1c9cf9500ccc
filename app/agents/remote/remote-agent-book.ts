import type { AgentHeartbeat, AgentHello, AgentServerEvent, AgentSettings } from '@ark-asa/contracts';

/** Who a presented token belongs to: an agent, a revoked agent, or nobody. */
export type TokenOwner = { agentId: string; revoked: boolean } | null;

/** What the control plane tells an agent in `welcome` and `configure`. */
export interface AgentConfig {
  name: string;
  settings: AgentSettings;
}

/**
 * What the agent channel needs from the control plane's records. Agents know no store
 * (docs/architecture.md): the services implement this, persist, and publish the agent events.
 */
export interface RemoteAgentBook {
  /** Constant-time check of a presented token. */
  ownerOf(token: string): TokenOwner;
  /** The agent's display name, for messages that must name the host. */
  nameOf(agentId: string): string;
  /** A `hello`: identity recorded, ONLINE, `agent:registered`. Returns what `welcome` says. */
  connected(agentId: string, hello: AgentHello): AgentConfig;
  heartbeat(agentId: string, heartbeat: AgentHeartbeat): void;
  serverEvent(agentId: string, event: AgentServerEvent): void;
  /** The registered connection ended (not when a newer connection replaced it): OFFLINE, `agent:offline`. */
  disconnected(agentId: string, reason: string): void;
}

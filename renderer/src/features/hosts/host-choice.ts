import type { Agent } from '@ark-asa/contracts';

/** Hosts a server can be created or a build installed on: every host not revoked, this PC first. */
export function liveHosts(agents: readonly Agent[]): Agent[] {
  const live = agents.filter((a) => !a.revokedAt);
  return [...live.filter((a) => a.kind === 'local'), ...live.filter((a) => a.kind !== 'local')];
}

/** A remote host that is not connected: what it does is unknown and commands to it fail at once. */
export const isOffline = (agent: Agent | undefined): boolean =>
  !!agent && agent.kind === 'remote' && agent.status !== 'ONLINE';

/** What a picker lists for a host: its name, and why picking it will not work right now. */
export function hostLabel(agent: Agent): string {
  if (agent.revokedAt) return `${agent.name} (revoked)`;
  return isOffline(agent) ? `${agent.name} (offline)` : agent.name;
}

/** A picker is only worth showing when there is a choice: more than one host a server can run on. */
export const hasChoice = (agents: readonly Agent[]): boolean => liveHosts(agents).length > 1;

/**
 * The `agentId` to send for a picked host: none for this PC (the API's default, so a single-PC
 * manager sends exactly what it did before hosts existed), the id for a remote host.
 */
export function remoteId(agents: readonly Agent[], id: string | null | undefined): string | undefined {
  const agent = agents.find((a) => a.id === id);
  return agent && agent.kind === 'remote' ? agent.id : undefined;
}

/** Said at the host field when the picked host cannot do the work now; null when it can. */
export function unavailableReason(agent: Agent | undefined, work: string): string | null {
  if (!agent) return null;
  if (agent.revokedAt) return `${agent.name} was revoked: ${work} there is not possible`;
  if (isOffline(agent)) return `${agent.name} is offline: ${work} there fails until it reconnects`;
  return null;
}

/** The servers each host runs, by agent id (remote servers carry their host's id, local ones this PC's). */
export function serversPerHost<T extends { agentId: string }>(instances: readonly T[]): Map<string, T[]> {
  const by = new Map<string, T[]>();
  for (const i of instances) by.set(i.agentId, [...(by.get(i.agentId) ?? []), i]);
  return by;
}

/** Whether lists of servers name their hosts: more than one host, or a server not on this PC. */
export function namesHosts(agents: readonly Agent[], instances: readonly { agentId: string }[]): boolean {
  // Until the hosts are known there is nothing to name them with.
  if (!agents.length) return false;
  if (hasChoice(agents)) return true;
  const local = new Set(agents.filter((a) => a.kind === 'local').map((a) => a.id));
  return instances.some((i) => !local.has(i.agentId));
}

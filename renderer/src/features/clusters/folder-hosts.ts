import type { Agent, Cluster } from '@ark-asa/contracts';

/** Whether the members run on more than one host: only then does each host's folder matter. */
export const spansHosts = (members: readonly { agentId: string }[]): boolean =>
  new Set(members.map((m) => m.agentId)).size > 1;

/**
 * The hosts the "Folders per host" section lists, this PC first: this PC, every host with members,
 * and every host that still has a folder set (so a folder left from a member that moved away can
 * be seen and put back to the default).
 */
export function folderHosts(
  agents: readonly Agent[],
  cluster: Pick<Cluster, 'folders'>,
  members: readonly { agentId: string }[],
): string[] {
  const local = agents.filter((a) => a.kind === 'local').map((a) => a.id);
  const ids = [...local, ...members.map((m) => m.agentId), ...Object.keys(cluster.folders)];
  return [...new Set(ids)];
}

/** Whether the section shows: members on several hosts, or a host folder to review or undo. */
export const showsFolders = (cluster: Pick<Cluster, 'folders'>, members: readonly { agentId: string }[]): boolean =>
  spansHosts(members) || Object.keys(cluster.folders).length > 0;

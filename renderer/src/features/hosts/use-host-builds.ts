import { useAgents, useBuilds } from '../../api/queries.ts';
import { remoteId } from './host-choice.ts';

/** The build cache of the host a server runs on: a remote server's builds live on its own host. */
export function useHostBuilds(agentId: string) {
  return useBuilds(remoteId(useAgents().data ?? [], agentId));
}

import type { Agent } from '@ark-asa/contracts';
import { useSearchParams } from 'react-router';
import { useAgents } from '../../api/queries.ts';
import { hasChoice, isOffline, liveHosts, remoteId } from './host-choice.ts';

export interface HostChoice {
  /** The hosts to choose from (not revoked), this PC first. */
  hosts: Agent[];
  /** The picked host: the one in `?host=`, else this PC. Undefined until the hosts are loaded. */
  picked: Agent | undefined;
  /** Whether a picker is worth showing: more than one host. */
  show: boolean;
  /** The `agentId` to send: undefined for this PC (the API's default). */
  agentId: string | undefined;
  offline: boolean;
  select(id: string): void;
}

/**
 * The host a page works on (create a server, install builds), kept in the address (`?host=<id>`)
 * so a link from the Hosts page opens the page on that host and a reload keeps the choice.
 */
export function useHostChoice(): HostChoice {
  const agents = useAgents().data ?? [];
  const [params, setParams] = useSearchParams();
  const hosts = liveHosts(agents);
  const asked = params.get('host');
  const picked = hosts.find((a) => a.id === asked) ?? hosts[0];
  const select = (id: string) =>
    setParams(
      (old) => {
        const next = new URLSearchParams(old);
        if (remoteId(agents, id)) next.set('host', id);
        else next.delete('host');
        return next;
      },
      { replace: true },
    );
  return {
    hosts,
    picked,
    show: hasChoice(agents),
    agentId: remoteId(agents, picked?.id),
    offline: isOffline(picked),
    select,
  };
}

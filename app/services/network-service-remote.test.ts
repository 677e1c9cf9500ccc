import type { Instance, WSEvent } from '@ark-asa/contracts';
import { describe, expect, it } from 'vitest';
import { REMOTE_AGENT_ID, remoteInstanceDto } from '../../test/helpers/remote-fixtures.ts';
import { TEST_AGENT_ID } from '../../test/helpers/store-fixtures.ts';
import { FakeFirewall } from '../agents/firewall/fake-firewall.ts';
import { wantedRules } from '../agents/firewall/firewall-port.ts';
import { systemClock } from '../domain/clock.ts';
import { createLogger } from '../logger.ts';
import { NetworkService } from './network-service.ts';

const AT = '2026-12-01T12:00:00.000Z';
const tick = () => new Promise((r) => setTimeout(r, 20));

describe('NetworkService and the servers of remote hosts', () => {
  it("never touches this host's firewall for a remote server that changes ports or is deleted", async () => {
    const remote = remoteInstanceDto();
    const local: Instance = { ...remoteInstanceDto(), agentId: TEST_AGENT_ID };
    const firewall = new FakeFirewall();
    // Rules that happen to carry the remote server's id here must stay as they are.
    await firewall.apply(remote.id, wantedRules(remote.id, remote.settings, false), { elevate: false });
    await firewall.apply(local.id, wantedRules(local.id, local.settings, false), { elevate: false });
    firewall.calls.length = 0;
    let listener: (e: WSEvent) => void = () => undefined;
    const all = new Map([remote, local].map((i) => [i.id, i]));
    const network = new NetworkService({
      ...{ firewall, clock: systemClock, logger: createLogger({ silent: true }) },
      instance: (id) => all.get(id)!,
      localAgentId: () => TEST_AGENT_ID,
      allInstances: () => [...all.values()],
      settings: () => ({ serverListUrl: 'http://127.0.0.1:9/list' }),
      subscribe: (l) => ((listener = l), () => undefined),
    });
    const moved = { ...remote, settings: { ...remote.settings, gamePort: remote.settings.gamePort + 10 } };
    listener({ event: 'instance:updated', data: { instanceId: remote.id, instance: moved, updatedAt: AT } });
    listener({ event: 'instance:deleted', data: { instanceId: remote.id, deletedAt: AT } });
    const fresh = { ...remoteInstanceDto({ agentId: REMOTE_AGENT_ID }) };
    listener({ event: 'instance:created', data: { instanceId: fresh.id, instance: fresh, createdAt: AT } });
    listener({ event: 'instance:deleted', data: { instanceId: fresh.id, deletedAt: AT } });
    await tick();
    expect(firewall.calls).toEqual([]);
    await expect(network.firewallState(remote.id)).rejects.toMatchObject({ code: 'invalid-state' });
    // This host's own server still has its rules followed and removed.
    listener({ event: 'instance:deleted', data: { instanceId: local.id, deletedAt: AT } });
    await tick();
    expect(firewall.calls).toEqual([{ op: 'remove', instanceId: local.id, elevate: false }]);
  });
});

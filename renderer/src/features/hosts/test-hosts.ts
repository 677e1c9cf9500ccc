import type { Agent, BuildList } from '@ark-asa/contracts';
import { json } from '../../test/harness.tsx';

const now = new Date().toISOString();

/** A host as GET /api/v1/agents lists it. */
export function testHost(id: string, name: string, kind: Agent['kind'], status: Agent['status']): Agent {
  return {
    id,
    name,
    kind,
    status,
    hostname: name.toLowerCase(),
    platform: 'linux',
    version: '0.1.0',
    registeredAt: now,
    lastHeartbeatAt: now,
    metrics: null,
    revokedAt: null,
  };
}

/** This PC, a remote host online, one offline and one revoked: the hosts of the components' tests. */
export const LOCAL = testHost('6f1c2a8e-0000-4000-8000-00000000000a', 'desk (this PC)', 'local', 'ONLINE');
export const BASEMENT = testHost('6f1c2a8e-0000-4000-8000-00000000000b', 'Basement', 'remote', 'ONLINE');
export const ATTIC = testHost('6f1c2a8e-0000-4000-8000-00000000000c', 'Attic', 'remote', 'OFFLINE');
export const REVOKED: Agent = {
  ...testHost('6f1c2a8e-0000-4000-8000-00000000000d', 'Old box', 'remote', 'OFFLINE'),
  revokedAt: now,
};

/** The API's answer for a remote host that is not connected (docs/agent-channel.md, phase 2). */
export const offlineAnswer = (name: string) =>
  json(503, { error: { code: 'agent-offline', message: `Host "${name}" is offline` } });

export function buildList(...ids: string[]): BuildList {
  return {
    items: ids.map((buildId) => ({
      buildId,
      installPath: `/b/${buildId}`,
      installedAt: now,
      sizeBytes: 1,
      usedBy: [],
    })),
    nextCursor: null,
    latestBuildId: null,
    latestCheckedAt: null,
  };
}

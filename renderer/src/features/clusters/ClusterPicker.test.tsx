// @vitest-environment jsdom
import { cleanup, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Instance } from '@ark-asa/contracts';
import { fakeApi, installDomShims, json, renderInApp, testInstance } from '../../test/harness.tsx';
import { field, pickOption } from '../../test/select.ts';
import { BASEMENT, LOCAL } from '../hosts/test-hosts.ts';
import { ClusterPicker } from './ClusterPicker.tsx';
import { testCluster } from './test-clusters.ts';

const cluster = testCluster();
const remote: Instance = { ...testInstance('STOPPED'), name: 'Center', agentId: BASEMENT.id };

beforeAll(installDomShims);
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('ClusterPicker', () => {
  it('joins a server on a remote host to a cluster with the same PATCH as a local one', async () => {
    const calls = fakeApi((c) => {
      if (c.path === '/api/v1/agents') return json(200, { items: [LOCAL, BASEMENT], nextCursor: null });
      if (c.path === '/api/v1/clusters') return json(200, { items: [cluster] });
      if (c.method === 'PATCH') return json(200, { ...remote, clusterId: cluster.id });
      return json(200, remote);
    });
    renderInApp(<ClusterPicker instance={remote} />, { mantineEnv: 'test' });
    await waitFor(async () => expect((await field('Cluster')).hasAttribute('disabled')).toBe(false));
    await pickOption('Cluster', 'Home cluster');
    await waitFor(() => expect(calls.filter((c) => c.method === 'PATCH')).toHaveLength(1));
    expect(calls.find((c) => c.method === 'PATCH')).toMatchObject({
      path: `/api/v1/instances/${remote.id}`,
      body: { clusterId: cluster.id },
    });
  });
});

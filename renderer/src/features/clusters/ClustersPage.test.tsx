// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ClustersPage } from './ClustersPage.tsx';
import { fakeApi, installDomShims, json, renderInApp, testInstance } from '../../test/harness.tsx';
import { testCluster } from './test-clusters.ts';

const cluster = testCluster();
const member = { ...testInstance('RUNNING'), name: 'Island', clusterId: cluster.id };

beforeAll(installDomShims);
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('ClustersPage', () => {
  it('lists a cluster with its members and their status, and stops them all with one click', async () => {
    const calls = fakeApi((c) => {
      if (c.path === '/api/v1/instances') return json(200, { items: [member], nextCursor: null });
      if (c.path === '/api/v1/agents') return json(200, { items: [], nextCursor: null });
      if (c.path === '/api/v1/clusters') return json(200, { items: [{ ...cluster, members: [member.id] }] });
      return json(202, { jobs: [] });
    });
    renderInApp(<ClustersPage />);
    const card = await screen.findByTestId('cluster-card');
    expect(await within(card).findByText('Island')).toBeTruthy();
    expect(within(card).getByText(cluster.gameClusterId)).toBeTruthy();
    fireEvent.click(within(card).getByRole('button', { name: 'Stop all' }));
    await waitFor(() =>
      expect(calls.some((c) => c.method === 'POST' && c.path === `/api/v1/clusters/${cluster.id}/stop`)).toBe(true),
    );
    const stop = calls.find((c) => c.path.endsWith('/stop'))!;
    expect(stop.body).toMatchObject({ countdownMinutes: 5 });
  });

  it('creates a cluster from its name', async () => {
    const calls = fakeApi((c) => {
      if (c.path === '/api/v1/instances') return json(200, { items: [], nextCursor: null });
      if (c.method === 'POST') return json(201, { ...cluster, name: 'New one' });
      return json(200, { items: [] });
    });
    renderInApp(<ClustersPage />);
    fireEvent.click(await screen.findByTestId('cluster-create'));
    expect(await screen.findByText('Give the cluster a name')).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    fireEvent.change(await screen.findByLabelText('New cluster'), { target: { value: 'New one' } });
    fireEvent.click(screen.getByTestId('cluster-create'));
    expect(await screen.findByText('New one')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ name: 'New one' });
  });
});

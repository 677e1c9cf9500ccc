// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Cluster, Instance } from '@ark-asa/contracts';
import { fakeApi, installDomShims, json, renderInApp, testInstance, type Call } from '../../test/harness.tsx';
import { ATTIC, BASEMENT, LOCAL } from '../hosts/test-hosts.ts';
import { ClustersPage } from './ClustersPage.tsx';
import { testCluster } from './test-clusters.ts';

const SHARE = '\\\\nas\\ark-cluster';
const base = testCluster();
const member = (name: string, agentId: string): Instance => ({
  ...testInstance('STOPPED'),
  name,
  agentId,
  clusterId: base.id,
});
const island = member('Island', LOCAL.id);
const center = member('Center', BASEMENT.id);

/** A control plane with three hosts and one cluster; `patch` answers the cluster's PATCH. */
function serve(cluster: Cluster, members: Instance[], patch: (c: Call) => Response = () => json(200, cluster)) {
  return fakeApi((c) => {
    if (c.path === '/api/v1/agents') return json(200, { items: [LOCAL, BASEMENT, ATTIC], nextCursor: null });
    if (c.path === '/api/v1/instances') return json(200, { items: members, nextCursor: null });
    if (c.path === '/api/v1/clusters') return json(200, { items: [{ ...cluster, members: members.map((m) => m.id) }] });
    if (c.method === 'PATCH') return patch(c);
    return json(404, { error: { code: 'not-found', message: 'No such thing' } });
  });
}

/** The row of one host in "Folders per host", once the hosts are loaded. */
async function row(host: string): Promise<HTMLElement> {
  const section = await screen.findByTestId('cluster-folders');
  return await waitFor(() => {
    const found = within(section)
      .getAllByTestId('cluster-folder-row')
      .find((r) => r.dataset.host === host);
    if (!found) throw new Error(`no row for ${host}`);
    return found;
  });
}

const patches = (calls: Call[]) => calls.filter((c) => c.method === 'PATCH');

beforeAll(installDomShims);
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('a cluster spanning hosts', () => {
  it('names the host of each member', async () => {
    serve(base, [island, center]);
    renderInApp(<ClustersPage />);
    const card = await screen.findByTestId('cluster-card');
    await waitFor(() => expect(within(card).getAllByTestId('instance-host').length).toBeGreaterThanOrEqual(2));
    const hostOf = (name: string) =>
      within(within(card).getByText(name).closest<HTMLElement>('[data-testid="cluster-member"]')!).getByTestId(
        'instance-host',
      ).textContent;
    expect(hostOf('Island')).toBe('Host: desk (this PC)');
    expect(hostOf('Center')).toBe('Host: Basement');
  });

  it('lists this PC and every host with members, with the folder each uses', async () => {
    serve({ ...base, folders: { [BASEMENT.id]: SHARE } }, [island, center]);
    renderInApp(<ClustersPage />);
    expect((await row('desk (this PC)')).textContent).toContain(
      'In use: default under its data folder (/data/runtime/clusters/x)',
    );
    expect((await row('Basement')).textContent).toContain(`In use: ${SHARE}`);
    const hosts = within(await screen.findByTestId('cluster-folders')).getAllByTestId('cluster-folder-row');
    expect(hosts.map((r) => r.dataset.host)).toEqual(['desk (this PC)', 'Basement']);
    expect(screen.getByText(/can only transfer when every host's folder is the same shared folder/)).toBeTruthy();
  });

  it('sends the folder typed for a host and then shows it in use', async () => {
    const cluster = { ...base };
    const calls = serve(cluster, [island, center], (c) =>
      json(200, { ...cluster, folders: (c.body as { folders: Record<string, string> }).folders }),
    );
    renderInApp(<ClustersPage />);
    const here = await row('desk (this PC)');
    fireEvent.change(within(here).getByLabelText('Cluster folder on desk (this PC)'), {
      target: { value: ` ${SHARE} ` },
    });
    fireEvent.click(within(here).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(patches(calls)).toHaveLength(1));
    expect(patches(calls)[0]).toMatchObject({
      path: `/api/v1/clusters/${cluster.id}`,
      body: { folders: { [LOCAL.id]: SHARE } },
    });
    await waitFor(async () => expect((await row('desk (this PC)')).textContent).toContain(`In use: ${SHARE}`));
  });

  it("shows the server's refusal at the host's field", async () => {
    const refusal = 'Basement cannot reach this folder';
    serve(base, [island, center], () =>
      json(400, {
        error: {
          code: 'validation-failed',
          message: 'The request is not valid',
          details: { fields: [{ field: `folders.${BASEMENT.id}`, message: refusal }] },
        },
      }),
    );
    renderInApp(<ClustersPage />);
    const basement = await row('Basement');
    fireEvent.change(within(basement).getByLabelText('Cluster folder on Basement'), {
      target: { value: '/mnt/ark-cluster' },
    });
    fireEvent.click(within(basement).getByRole('button', { name: 'Save' }));
    expect(await within(basement).findByText(refusal)).toBeTruthy();
    expect(within(await row('desk (this PC)')).queryByText(refusal)).toBeNull();
  });

  it('refuses a folder ARK cannot read before sending it', async () => {
    const calls = serve(base, [island, center]);
    renderInApp(<ClustersPage />);
    const basement = await row('Basement');
    fireEvent.change(within(basement).getByLabelText('Cluster folder on Basement'), {
      target: { value: 'D:\\ark cluster' },
    });
    fireEvent.click(within(basement).getByRole('button', { name: 'Save' }));
    expect(await within(basement).findByText(/ARK cannot read a cluster folder with spaces/)).toBeTruthy();
    expect(patches(calls)).toHaveLength(0);
  });

  it('puts a host back on its default folder with null', async () => {
    const cluster = { ...base, folders: { [BASEMENT.id]: SHARE } };
    const calls = serve(cluster, [island, center], () => json(200, { ...cluster, folders: {} }));
    renderInApp(<ClustersPage />);
    const basement = await row('Basement');
    expect(within(await row('desk (this PC)')).getByRole('button', { name: 'Use default' })).toHaveProperty(
      'disabled',
      true,
    );
    fireEvent.click(within(basement).getByRole('button', { name: 'Use default' }));
    await waitFor(() => expect(patches(calls)).toHaveLength(1));
    expect(patches(calls)[0]!.body).toEqual({ folders: { [BASEMENT.id]: null } });
    await waitFor(async () =>
      expect((await row('Basement')).textContent).toContain('In use: default under its data folder'),
    );
  });

  it('shows no folders section while every member runs on one host', async () => {
    serve(base, [island, member('Ragnarok', LOCAL.id)]);
    renderInApp(<ClustersPage />);
    const card = await screen.findByTestId('cluster-card');
    await within(card).findByText('Ragnarok');
    expect(within(card).queryByTestId('cluster-folders')).toBeNull();
  });
});

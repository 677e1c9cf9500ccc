// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Agent } from '@ark-asa/contracts';
import { HostsPage } from './HostsPage.tsx';
import { fakeApi, installDomShims, json, renderInApp, testInstance } from '../../test/harness.tsx';

const now = new Date().toISOString();
const metrics = {
  cpuPercent: 25,
  cpuCount: 8,
  memoryTotalBytes: 32 * 1024 ** 3,
  memoryUsedBytes: 8 * 1024 ** 3,
  diskFreeBytes: 500 * 1024 ** 3,
  diskTotalBytes: 1024 ** 4,
  uptimeSec: 60,
};
const remote: Agent = {
  id: crypto.randomUUID(),
  name: 'Basement',
  kind: 'remote',
  status: 'ONLINE',
  hostname: 'basement-pc',
  platform: 'linux',
  version: '0.1.0',
  registeredAt: now,
  lastHeartbeatAt: now,
  metrics,
  settings: { steamcmdPath: null, dataRoot: '/srv/ark' },
  revokedAt: null,
};

beforeAll(installDomShims);
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('HostsPage', () => {
  it('lists hosts with status and metrics, and revokes a remote one after confirmation', async () => {
    vi.stubGlobal('confirm', () => true);
    const calls = fakeApi((c) => {
      if (c.method === 'DELETE') return json(200, { ...remote, status: 'OFFLINE', revokedAt: now });
      return json(200, { items: [remote], nextCursor: null });
    });
    renderInApp(<HostsPage />);
    const row = await screen.findByTestId(`host-${remote.id}`);
    expect(within(row).getByText('Online')).toBeTruthy();
    expect(within(row).getByText('basement-pc · linux')).toBeTruthy();
    expect(within(row).getByText('8.0 GiB / 32.0 GiB')).toBeTruthy();
    fireEvent.click(within(row).getByRole('button', { name: 'Revoke' }));
    await waitFor(() =>
      expect(calls.some((c) => c.method === 'DELETE' && c.path === `/api/v1/agents/${remote.id}`)).toBe(true),
    );
    expect(await within(row).findByText('Revoked')).toBeTruthy();
  });

  it('adds a host and shows the command with its token once', async () => {
    const calls = fakeApi((c) => {
      if (c.method === 'POST')
        return json(201, { agent: { ...remote, status: 'OFFLINE', hostname: '', metrics: null }, token: 'TOKEN-123' });
      return json(200, { items: [], nextCursor: null });
    });
    renderInApp(<HostsPage />);
    fireEvent.click(await screen.findByTestId('host-add'));
    fireEvent.change(await screen.findByLabelText('Name'), { target: { value: 'Basement' } });
    fireEvent.click(screen.getByTestId('host-create'));
    expect(await screen.findByText('Copy the command now')).toBeTruthy();
    expect(screen.getByText(/ARK_AGENT_TOKEN='TOKEN-123' npm run agent -- --control-plane/)).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ name: 'Basement' });
  });

  it('says how many servers each host runs, linking to them, and offers a new server there', async () => {
    const servers = [1, 2].map((n) => ({ ...testInstance('RUNNING'), name: `Cellar ${n}`, agentId: remote.id }));
    const local: Agent = { ...remote, id: crypto.randomUUID(), name: 'desk (this PC)', kind: 'local' };
    fakeApi((c) => json(200, { items: c.path === '/api/v1/instances' ? servers : [local, remote], nextCursor: null }));
    renderInApp(<HostsPage />);
    const row = await screen.findByTestId(`host-${remote.id}`);
    const count = await within(row).findByRole('link', { name: '2 servers' });
    expect(count.getAttribute('href')).toBe(`/?host=${remote.id}`);
    expect(within(row).getByRole('link', { name: 'New server here' }).getAttribute('href')).toBe(
      `/instances/new?host=${remote.id}`,
    );
    const mine = screen.getByTestId(`host-${local.id}`);
    expect(within(mine).getByTestId('host-servers').textContent).toBe('None');
    expect(within(mine).getByRole('link', { name: 'New server here' }).getAttribute('href')).toBe('/instances/new');
  });
});

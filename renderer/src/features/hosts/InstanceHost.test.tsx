// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Agent, Instance } from '@ark-asa/contracts';
import { fakeApi, installDomShims, json, renderInApp, testInstance } from '../../test/harness.tsx';
import { InstanceTable } from '../dashboard/InstanceTable.tsx';
import { HostBadge, OfflineHostBanner } from './InstanceHost.tsx';
import { ATTIC, BASEMENT, LOCAL, REVOKED } from './test-hosts.ts';

const on = (agent: Agent, name: string): Instance => ({ ...testInstance('STOPPED'), agentId: agent.id, name });
const hosts = (items: Agent[]) => fakeApi(() => json(200, { items, nextCursor: null }));

beforeAll(installDomShims);
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the host of a server', () => {
  it('says on the server page that its host is offline and that actions will fail', async () => {
    hosts([LOCAL, ATTIC]);
    renderInApp(
      <>
        <HostBadge agentId={ATTIC.id} prefix="Host: " />
        <OfflineHostBanner agentId={ATTIC.id} />
      </>,
    );
    const banner = await screen.findByTestId('host-offline-banner');
    expect(within(banner).getByText('Host Attic is offline')).toBeTruthy();
    expect(
      within(banner).getByText('Showing the last state it reported; actions will fail until it reconnects.'),
    ).toBeTruthy();
    const badge = screen.getByTestId('instance-host');
    expect(badge.textContent).toBe('Host: AtticOffline');
  });

  it('shows no banner for an online host', async () => {
    hosts([LOCAL, BASEMENT]);
    renderInApp(
      <>
        <HostBadge agentId={BASEMENT.id} />
        <OfflineHostBanner agentId={BASEMENT.id} />
      </>,
    );
    expect((await screen.findByTestId('instance-host')).textContent).toBe('Basement');
    expect(screen.queryByTestId('host-offline-banner')).toBeNull();
  });

  it('names no host on a manager with this PC only (a revoked host does not count)', async () => {
    hosts([LOCAL, REVOKED]);
    // The second badge is told to always show: once it is there, the hosts are loaded.
    renderInApp(
      <>
        <HostBadge agentId={LOCAL.id} />
        <HostBadge agentId={LOCAL.id} always />
      </>,
    );
    await screen.findByTestId('instance-host');
    expect(screen.getAllByTestId('instance-host')).toHaveLength(1);
  });

  it('gives the servers table a Host column naming each host, offline ones marked', async () => {
    hosts([LOCAL, BASEMENT, ATTIC]);
    renderInApp(<InstanceTable instances={[on(LOCAL, 'Home'), on(BASEMENT, 'Cellar'), on(ATTIC, 'Loft')]} />);
    await screen.findByRole('columnheader', { name: 'Host' });
    const host = (server: string) =>
      within(screen.getByText(server).closest('tr')!).getByTestId('instance-host').textContent;
    expect(host('Home')).toBe('desk (this PC)');
    expect(host('Cellar')).toBe('Basement');
    expect(host('Loft')).toBe('AtticOffline');
  });
});

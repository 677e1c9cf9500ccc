// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Agent, Instance } from '@ark-asa/contracts';
import { fakeApi, installDomShims, json, renderInApp, testInstance, type Call } from '../../test/harness.tsx';
import { ATTIC, BASEMENT, buildList, LOCAL, REVOKED } from '../hosts/test-hosts.ts';
import { Dashboard } from './Dashboard.tsx';

const on = (agent: Agent, name: string): Instance => ({ ...testInstance('STOPPED'), agentId: agent.id, name });
const SERVERS = [on(LOCAL, 'Home'), on(BASEMENT, 'Cellar 1'), on(BASEMENT, 'Cellar 2'), on(ATTIC, 'Loft')];

function api() {
  fakeApi((c: Call) => {
    if (c.path === '/api/v1/agents') return json(200, { items: [LOCAL, BASEMENT, ATTIC, REVOKED], nextCursor: null });
    if (c.path === '/api/v1/instances') return json(200, { items: SERVERS, nextCursor: null });
    if (c.path === '/api/v1/builds') return json(200, buildList('100'));
    if (c.path.startsWith('/api/v1/metrics')) return json(404, { error: { code: 'not-found', message: 'none' } });
    return json(200, { items: [], nextCursor: null });
  });
}
const shown = () => screen.getAllByTestId('instance-card').map((c) => c.getAttribute('data-instance'));

beforeAll(installDomShims);
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('Dashboard and hosts', () => {
  it('shows the servers of one host when opened from the Hosts page, with the way back to all', async () => {
    api();
    renderInApp(<Dashboard />, { route: `/?host=${BASEMENT.id}` });
    expect((await screen.findByTestId('host-filter')).textContent).toBe('2 servers on BasementShow all servers');
    expect(shown()).toEqual(['Cellar 1', 'Cellar 2']);
    expect(screen.getByRole('link', { name: 'Show all servers' }).getAttribute('href')).toBe('/');
  });

  it('names each server’s host on its card, and lists only hosts that are not revoked', async () => {
    api();
    renderInApp(<Dashboard />);
    await screen.findAllByTestId('instance-host');
    expect(shown()).toEqual(['Home', 'Cellar 1', 'Cellar 2', 'Loft']);
    expect(screen.getAllByTestId('instance-host').map((h) => h.textContent)).toEqual([
      'Host: desk (this PC)',
      'Host: Basement',
      'Host: Basement',
      'Host: AtticOffline',
    ]);
    expect(screen.queryByTestId('host-filter')).toBeNull();
    expect(screen.getAllByTestId('agent')).toHaveLength(3);
  });
});

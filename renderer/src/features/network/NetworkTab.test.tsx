// @vitest-environment jsdom
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { InstanceSettings, type FirewallState, type Instance, type VisibilityReport } from '@ark-asa/contracts';
import { installDomShims } from '../../test/harness.tsx';
import { NetworkTab } from './NetworkTab.tsx';

const now = new Date().toISOString();
const inst: Instance = {
  id: crypto.randomUUID(),
  name: 'Home',
  agentId: crypto.randomUUID(),
  status: 'RUNNING',
  buildId: '1',
  installPath: '/x',
  settings: InstanceSettings.parse({ sessionName: 'Home', gamePort: 7777, rconPort: 27020 }),
  createdAt: now,
  updatedAt: now,
};
const rule = {
  name: 'r',
  purpose: 'game' as const,
  protocol: 'UDP' as const,
  port: 7777,
  present: false,
  enabled: false,
};
const needsAdmin: FirewallState = {
  instanceId: inst.id,
  backend: 'windows',
  status: 'needs-admin',
  message: 'Changing Windows Firewall rules needs administrator rights',
  rules: [rule],
  command: 'New-NetFirewallRule -DisplayName x',
};
const open: FirewallState = {
  ...needsAdmin,
  status: 'open',
  message: 'ok',
  rules: [{ ...rule, present: true, enabled: true }],
};
const report: VisibilityReport = {
  instanceId: inst.id,
  checkedAt: now,
  visible: false,
  listUrl: 'https://list',
  listEntry: null,
  sameNameEntries: [],
  checks: [
    { id: 'process', status: 'pass', message: 'The server is running.', fix: null },
    {
      id: 'server-list',
      status: 'fail',
      message: '"Home" on port 7777 is not in the public server list.',
      fix: 'Forward UDP 7777 on your router to this host.',
    },
  ],
};

/** Answers by route, and records each request with its body. */
function fakeApi() {
  const calls: { method: string; url: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((url: string, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      calls.push({ method, url, body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined });
      let reply: unknown = {};
      if (url.endsWith('/firewall')) reply = method === 'POST' ? open : needsAdmin;
      else if (url.endsWith('/visibility-check')) reply = report;
      else if (url.endsWith('/settings')) reply = { serverListUrl: 'https://list' };
      return Promise.resolve(
        new Response(JSON.stringify(reply), { status: 200, headers: { 'content-type': 'application/json' } }),
      );
    }),
  );
  return calls;
}

beforeAll(installDomShims);
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const renderTab = () =>
  render(
    <QueryClientProvider client={new QueryClient()}>
      <MantineProvider>
        <NetworkTab instance={inst} />
      </MantineProvider>
    </QueryClientProvider>,
  );

describe('NetworkTab', () => {
  it('shows needs-admin with the command, and asks for elevation only after consent', async () => {
    const calls = fakeApi();
    renderTab();
    expect((await screen.findByTestId('firewall-command')).textContent).toContain('New-NetFirewallRule');
    fireEvent.click(screen.getByLabelText(/Ask Windows for administrator rights/));
    fireEvent.click(screen.getByRole('button', { name: 'Open the game port' }));
    await waitFor(() => expect(screen.getByTestId('firewall-status').textContent).toContain('open'));
    expect(calls.find((c) => c.method === 'POST' && c.url.endsWith('/firewall'))?.body).toEqual({
      openRcon: false,
      elevate: true,
    });
  });

  it('runs the visibility check and shows each result with its fix', async () => {
    fakeApi();
    renderTab();
    fireEvent.click(screen.getByRole('button', { name: 'Check visibility' }));
    expect((await screen.findByTestId('visibility-verdict')).textContent).toContain('not visible');
    expect(screen.getByTestId('visibility-checks').textContent).toContain(
      'Fix: Forward UDP 7777 on your router to this host.',
    );
  });
});

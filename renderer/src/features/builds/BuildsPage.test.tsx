// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeApi, fetchedUrls, installDomShims, json, renderInApp, type Call } from '../../test/harness.tsx';
import { field, pickOption } from '../../test/select.ts';
import { ATTIC, BASEMENT, buildList, LOCAL, offlineAnswer } from '../hosts/test-hosts.ts';
import { BuildsPage } from './BuildsPage.tsx';

const job = (type: string) => ({
  job: {
    id: crypto.randomUUID(),
    type,
    status: 'PENDING',
    instanceId: null,
    agentId: BASEMENT.id,
    params: {},
    createdAt: new Date().toISOString(),
    updatedAt: new Date().toISOString(),
    startedAt: null,
    finishedAt: null,
    error: null,
  },
});

/** This PC caches build 100, Basement 200, Attic is offline. */
function api() {
  return fakeApi((c: Call) => {
    const url = new URL(fetchedUrls().at(-1) ?? '', 'http://x');
    const agentId = url.searchParams.get('agentId') ?? (c.body as { agentId?: string } | undefined)?.agentId;
    if (c.path === '/api/v1/agents') return json(200, { items: [LOCAL, BASEMENT, ATTIC], nextCursor: null });
    if (agentId === ATTIC.id) return offlineAnswer('Attic');
    if (c.path === '/api/v1/builds') return json(200, buildList(agentId === BASEMENT.id ? '200' : '100'));
    if (c.path === '/api/v1/builds/install') return json(202, job('INSTALL_BUILD'));
    if (c.method === 'DELETE') return json(202, job('DELETE_BUILD'));
    if (c.path === '/api/v1/settings') return json(200, { steamcmdPath: '/usr/games/steamcmd' });
    return json(200, { items: [], nextCursor: null });
  });
}

beforeAll(installDomShims);
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('BuildsPage with several hosts', { timeout: 60_000 }, () => {
  it('lists, installs and deletes the builds of the picked host', async () => {
    const calls = api();
    renderInApp(<BuildsPage />, { mantineEnv: 'test' });
    expect(((await field('Host')) as HTMLInputElement).value).toBe('desk (this PC)');
    await screen.findByText('100');
    await pickOption('Host', 'Basement');
    await screen.findByText('200');
    expect(fetchedUrls()).toContain(`/api/v1/builds?agentId=${BASEMENT.id}`);

    fireEvent.click(screen.getByTestId('install-build'));
    await waitFor(() => expect(calls.some((c) => c.path === '/api/v1/builds/install')).toBe(true));
    expect(calls.find((c) => c.path === '/api/v1/builds/install')?.body).toEqual({
      validate: false,
      agentId: BASEMENT.id,
    });

    fireEvent.click(within(screen.getByTestId('builds-table')).getByTestId('delete-build'));
    fireEvent.click(await screen.findByTestId('confirm'));
    await waitFor(() => expect(fetchedUrls()).toContain(`/api/v1/builds/200?agentId=${BASEMENT.id}`));
    expect(calls.find((c) => c.method === 'DELETE')?.path).toBe('/api/v1/builds/200');
  });

  it('says why an offline host’s builds cannot be shown', async () => {
    api();
    renderInApp(<BuildsPage />, { mantineEnv: 'test' });
    await pickOption('Host', 'Attic (offline)');
    expect(
      await screen.findByText('Attic is offline: installing or deleting builds there fails until it reconnects'),
    ).toBeTruthy();
    const alert = await screen.findByText('Could not load the builds');
    expect(within(alert.closest('[role="alert"]')!).getByText('Host "Attic" is offline')).toBeTruthy();
  });
});

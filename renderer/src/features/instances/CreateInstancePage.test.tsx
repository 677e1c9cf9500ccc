// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Agent } from '@ark-asa/contracts';
import { ATTIC, BASEMENT, buildList, LOCAL, offlineAnswer, REVOKED } from '../hosts/test-hosts.ts';
import { fakeApi, fetchedUrls, installDomShims, json, renderInApp, type Call } from '../../test/harness.tsx';
import { field, openSelect, pickOption } from '../../test/select.ts';
import { CreateInstancePage } from './CreateInstancePage.tsx';

/** The control plane: this PC has build 100, Basement builds 200 and 201, Attic is offline. */
function api(agents: Agent[]) {
  const calls = fakeApi((c: Call) => {
    if (c.path === '/api/v1/agents') return json(200, { items: agents, nextCursor: null });
    if (c.path === '/api/v1/instances' && c.method === 'GET') return json(200, { items: [], nextCursor: null });
    if (c.path === '/api/v1/builds') {
      const agentId = new URL(lastUrl(), 'http://x').searchParams.get('agentId');
      if (agentId === BASEMENT.id) return json(200, buildList('200', '201'));
      if (agentId === ATTIC.id) return offlineAnswer('Attic');
      return json(200, buildList('100'));
    }
    if (c.method === 'POST') {
      const body = c.body as { agentId?: string };
      return body.agentId === ATTIC.id ? offlineAnswer('Attic') : json(201, { id: 'new' });
    }
    return json(404, { error: { code: 'not-found', message: 'no' } });
  });
  return calls;
}
const lastUrl = () => fetchedUrls().at(-1) ?? '';

async function fillAndSubmit() {
  fireEvent.change(await field(/^Name/), { target: { value: 'Remote island' } });
  fireEvent.click(screen.getByText('Create server'));
}

beforeAll(installDomShims);
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('CreateInstancePage with several hosts', { timeout: 60_000 }, () => {
  it('lists live hosts (offline marked, revoked left out), reloads the builds of the picked host and sends its id', async () => {
    const calls = api([LOCAL, BASEMENT, ATTIC, REVOKED]);
    renderInApp(<CreateInstancePage />, { mantineEnv: 'test' });
    expect(((await field('Host')) as HTMLInputElement).value).toBe('desk (this PC)');
    const list = await openSelect('Host');
    const options = within(list).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['desk (this PC)', 'Basement', 'Attic (offline)']);
    fireEvent.click(within(list).getByRole('option', { name: 'Basement' }));
    await waitFor(() => expect(fetchedUrls()).toContain(`/api/v1/builds?agentId=${BASEMENT.id}`));
    await pickOption('Build', 'Build 201');
    await fillAndSubmit();
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')?.body).toMatchObject({
      name: 'Remote island',
      buildId: '201',
      agentId: BASEMENT.id,
    });
  });

  it('says at the host field why an offline host will fail, and shows the API’s answer naming it', async () => {
    const calls = api([LOCAL, BASEMENT, ATTIC]);
    renderInApp(<CreateInstancePage />, { mantineEnv: 'test' });
    await pickOption('Host', 'Attic (offline)');
    expect(await screen.findByText('Attic is offline: creating a server there fails until it reconnects')).toBeTruthy();
    expect(await screen.findByText('The builds of Attic cannot be listed while it is offline')).toBeTruthy();
    await fillAndSubmit();
    // At the field and beside the button the user pressed.
    await waitFor(() => expect(screen.getAllByText('Host "Attic" is offline')).toHaveLength(2));
    expect(calls.find((c) => c.method === 'POST')?.body).toMatchObject({ agentId: ATTIC.id });
    expect((await field('Host')).getAttribute('aria-invalid')).toBe('true');
  });

  it('sends no host for this PC, and shows no picker when this PC is the only host', async () => {
    const calls = api([LOCAL, REVOKED]);
    renderInApp(<CreateInstancePage />, { mantineEnv: 'test' });
    await pickOption('Build', 'Build 100');
    expect(screen.queryByLabelText('Host')).toBeNull();
    await fillAndSubmit();
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    const body = calls.find((c) => c.method === 'POST')?.body as Record<string, unknown>;
    expect(body.buildId).toBe('100');
    expect('agentId' in body).toBe(false);
  });
});

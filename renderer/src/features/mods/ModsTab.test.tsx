// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { InstanceSettings, type Instance, type InstanceMods, type InstanceStatus } from '@ark-asa/contracts';
import { ModsTab } from './ModsTab.tsx';
import { mod } from './test-fixtures.ts';
import { installDomShims, renderInApp } from '../../test/harness.tsx';

function instance(status: InstanceStatus): Instance {
  const now = new Date().toISOString();
  return {
    id: crypto.randomUUID(),
    name: 'Island',
    agentId: crypto.randomUUID(),
    status,
    buildId: '1',
    installPath: '/x',
    settings: InstanceSettings.parse({}),
    createdAt: now,
    updatedAt: now,
  };
}

function modsOf(i: Instance, over: Partial<InstanceMods>): InstanceMods {
  return {
    instanceId: i.id,
    instanceStatus: i.status,
    mods: [],
    passiveMods: [],
    apiKeyConfigured: true,
    notice: null,
    updatesAvailable: 0,
    restartSuggested: false,
    ...over,
  };
}

/** Answers GET …/mods with `mods` and records every request. */
function fakeApi(mods: InstanceMods) {
  const calls: { method: string; url: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((url: string, init?: RequestInit) => {
      calls.push({
        method: init?.method ?? 'GET',
        url,
        body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
      });
      const answer = url.endsWith('/restart') ? { job: { id: crypto.randomUUID() } } : mods;
      return Promise.resolve(
        new Response(JSON.stringify(answer), {
          status: url.endsWith('/restart') ? 202 : 200,
          headers: { 'content-type': 'application/json' },
        }),
      );
    }),
  );
  return calls;
}

function renderTab(i: Instance) {
  return renderInApp(<ModsTab instance={i} />);
}

beforeAll(installDomShims);
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('ModsTab', () => {
  it('lists ids with the hint and a link to add a key when there is none', async () => {
    const i = instance('STOPPED');
    const plain = mod({ name: null, latestFileId: null, latestFileName: null });
    fakeApi(
      modsOf(i, {
        mods: [plain, { ...plain, modId: '939228' }],
        apiKeyConfigured: false,
        notice: { code: 'no-api-key', message: 'No CurseForge API key is set.' },
      }),
    );
    renderTab(i);
    expect(await screen.findAllByTestId('mod-row')).toHaveLength(2);
    expect(screen.getByText('Mod 939228')).toBeTruthy();
    const link = screen.getByRole('link', { name: 'Set the key in Settings' });
    expect(link.getAttribute('href')).toBe('/settings#curseforge');
    expect(screen.getByRole('button', { name: 'Check now' }).hasAttribute('disabled')).toBe(true);
  });

  it('offers the countdown restart when updates wait on a running server', async () => {
    const i = instance('RUNNING');
    const calls = fakeApi(
      modsOf(i, {
        mods: [mod({ installedFileId: '4000', updateAvailable: true })],
        updatesAvailable: 1,
        restartSuggested: true,
      }),
    );
    renderTab(i);
    expect(await screen.findByText('Update available')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Restart with countdown to update mods' }));
    const minutes = await screen.findByLabelText('In-game countdown (minutes)');
    fireEvent.change(minutes, { target: { value: '10' } });
    fireEvent.click(screen.getByRole('button', { name: 'Restart in 10 min' }));
    await waitFor(() => expect(calls.some((c) => c.url.endsWith('/restart'))).toBe(true));
    expect(calls.find((c) => c.url.endsWith('/restart'))?.body).toEqual({
      countdownMinutes: 10,
      message: 'Restarting to update mods',
    });
  });

  it('only says the next start updates them when the server is stopped', async () => {
    const i = instance('STOPPED');
    fakeApi(modsOf(i, { mods: [mod({ updateAvailable: true })], updatesAvailable: 1 }));
    renderTab(i);
    expect(await screen.findByText('1 mod update available')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Restart with countdown to update mods' })).toBeNull();
  });

  it('asks CurseForge again on "Check now"', async () => {
    const i = instance('STOPPED');
    const calls = fakeApi(modsOf(i, { mods: [mod()] }));
    renderTab(i);
    fireEvent.click(await screen.findByRole('button', { name: 'Check now' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.url.endsWith('/mods/refresh'))).toBe(true));
  });

  it('shows the empty state with the way to add mods', async () => {
    const i = instance('STOPPED');
    fakeApi(modsOf(i, {}));
    renderTab(i);
    expect(await screen.findByTestId('mods-empty')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Open the Settings tab' }).getAttribute('href')).toBe(
      `/instances/${i.id}/settings`,
    );
  });
});
